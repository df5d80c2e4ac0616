"""What every detector shares: the rule file it is driven by and how a match becomes a Finding."""

from __future__ import annotations

from typing import ClassVar

from netra.analysis.context import Context
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, RuleMatcher
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook, RuleFile


class Detector:
    """A detector turns a Document into Findings of one category.

    Subclasses set `name` (the rule file's `detector`) and `category`, and override `detect`.
    They are built once per Engine: heavy set-up (automata, models) belongs in `__init__` or is
    loaded lazily on first use, never per post.
    """

    name: ClassVar[str]
    category: ClassVar[str]

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        self.rulebook = rulebook
        self.normalizer = normalizer
        self.rule_file: RuleFile | None = rulebook.rule_files.get(self.name)
        self.rules: dict[str, Rule] = (
            {r.id: r for r in self.rule_file.rules} if self.rule_file else {}
        )

    @property
    def settings(self) -> dict:
        return self.rule_file.settings if self.rule_file else {}

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------------------------
    def applies(self, rule: Rule, ctx: Context) -> bool:
        """Whether a rule applies to this kind of account."""
        return rule.accounts is None or ctx.account is None or ctx.account in rule.accounts

    def make_finding(
        self,
        rule: Rule,
        doc: Document,
        start: int,
        end: int,
        ctx: Context,
        *,
        labels: list[str | None] | None = None,
        confidence: float | None = None,
        severity: Severity | None = None,
        message: str | None = None,
        entity: str | None = None,
        extra: dict | None = None,
    ) -> Finding:
        """Build a Finding for `rule` over the original span [start, end)."""
        labels = labels or []
        text = doc.text[start:end]
        named = next((lab for lab in labels if lab), None)
        fields = {"entity": named or text, "text": text}
        fields.update({f"g{i}": (lab or "") for i, lab in enumerate(labels)})
        msg = (message or rule.message).format_map(_Default(fields))
        sev = severity or Severity(rule.severity)
        if rule.escalate_in_election:
            period = self.rulebook.calendar.period_on(ctx.posted_on)
            if period is not None:
                sev = sev.raised()
                msg += (
                    f" Diunggah pada {period.name} ({period.start:%d-%m-%Y} s.d. "
                    f"{period.end:%d-%m-%Y}): pada periode ini pelanggaran netralitas dinilai "
                    "lebih berat."
                )
        return Finding(
            category=self.category,
            severity=sev,
            confidence=rule.confidence if confidence is None else confidence,
            start=start,
            end=end,
            text=text,
            message=msg,
            rules=list(rule.regulations),
            detector=self.name,
            entity=entity if entity is not None else rule.entity,
            suggestion=rule.suggestion,
            rule_id=rule.id,
            extra=extra or {},
        )


class RuleDetector(Detector):
    """A detector driven entirely by the `match:` rules of its rule file.

    Subclasses add rules implemented in code by overriding `detect` and calling `super()`.
    """

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        rules = self.rule_file.rules if self.rule_file else []
        self.matcher = RuleMatcher(rules, rulebook.lexicons, normalizer)

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        findings = []
        for firing in self.matcher.match(doc):
            if not self.applies(firing.rule, ctx) or not self.accept(firing, doc, ctx):
                continue
            findings.append(self.finding_for(firing, doc, ctx))
        return findings

    def accept(self, firing: Firing, doc: Document, ctx: Context) -> bool:
        """Hook for extra conditions a YAML rule cannot express (default: accept)."""
        return True

    def finding_for(self, firing: Firing, doc: Document, ctx: Context) -> Finding:
        start, end = doc.token_span(firing.first, firing.last)
        return self.make_finding(firing.rule, doc, start, end, ctx, labels=firing.labels())


class _Default(dict):
    """format_map helper: unknown placeholders stay visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"

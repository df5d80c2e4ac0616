"""Lexicon evidence, the trained-model seam, and how the two become findings.

Used by the `hate_speech`, `abusive_language` and `prohibited_content` detectors. Each of them works
in two steps, so that a trained classifier can later be put behind it without rewriting it:

1. `gather(doc, ctx) -> list[Evidence]`: the lexicon rules fire (one shared Aho–Corasick pass per
   detector) and cheap context checks in code keep or drop each firing. An `Evidence` says which
   rule, which words (token range), how sure the lexicon is (`weight`), and whether the lexicon
   alone is conclusive (`decisive`: e.g. `kontol`, `jual sabu ready`) or only suggestive (e.g.
   `babi` after `kayak`).
2. `decide(doc, ctx, evidence, model_output) -> list[Finding]`: evidence becomes findings.

The model seam
--------------
A detector has a `model` attribute, `None` by default (lexicon-only, which is what ships in the
engine issue). Anything with a `predict(doc) -> ModelOutput` method fits (`PostModel` protocol):

- `ModelOutput.probability`: P(the post belongs to this category), calibrated, 0–1.
- `ModelOutput.token_scores`: optional, one score per `doc.tokens` entry: how much that word pushed
  the post towards the category (e.g. coefficient × tf-idf weight of the n-grams covering it).
  Used only to locate the offending words when the model finds something the lexicon did not.
- `ModelOutput.labels`: optional extra probabilities, namespaced: `target:religion`,
  `target:race`, `target:gender`, `target:physical`, `target:other`, `strength:weak|moderate|
  strong` (hate speech), `kind:gambling|pornography|drugs` (prohibited content).

How the two are combined (`decide`), with thresholds from the rule file's `settings.model`:

- no model: every evidence item becomes a finding with the rule's severity and the lexicon
  weight as confidence.
- model and evidence agree or the evidence is decisive: the finding keeps the lexicon's span,
  rule, message and severity; confidence becomes `max(weight, p)` for decisive evidence and
  `(weight + p) / 2` for suggestive evidence.
- the model vetoes suggestive evidence: if `p < veto_below`, suggestive evidence is dropped (this
  is how "dasar babi" in a recipe thread stops crying wolf). Decisive evidence is never vetoed: a
  sexual slur stays a sexual slur whatever the model thinks.
- the model finds what the lexicon missed: if no evidence survives and `p >= report_above`, one
  finding is made from `settings.model.rule` (e.g. `HS-MODEL`), spanning the highest-scoring
  contiguous words (`token_scores` >= `span_fraction` × max) or, without token scores, the post.
  Detectors refine its message and extra from `labels` (`model_details`).

Every finding records how it was reached in `extra["evidence"]` (`lexicon`, `lexicon+model`,
`model`) and, with a model, `extra["model_probability"]`, so evaluation can tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from netra.analysis.context import Context
from netra.analysis.detectors.base import Detector
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, RuleMatcher, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook, RulebookError


@dataclass(slots=True)
class Evidence:
    """What the lexicon found: a rule, the words (tokens `first`..`last`), and how sure it is."""

    rule: Rule
    first: int
    last: int
    weight: float
    decisive: bool = False
    severity: Severity | None = None  # None: the rule's severity
    message: str | None = None  # None: the rule's message (placeholders filled by make_finding)
    labels: list[str | None] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def effective_severity(self) -> Severity:
        return self.severity or Severity(self.rule.severity)


@dataclass(frozen=True, slots=True)
class ModelOutput:
    """A trained classifier's view of one post (see the module docstring)."""

    probability: float
    token_scores: Sequence[float] | None = None
    labels: Mapping[str, float] = field(default_factory=dict)

    def best(self, prefix: str, default: str) -> str:
        """The most probable value of a namespaced label, e.g. `best("target", "other")`."""
        scored = [(p, k[len(prefix) + 1 :]) for k, p in self.labels.items() if k.startswith(prefix)]
        return max(scored)[1] if scored else default


@runtime_checkable
class PostModel(Protocol):
    """What issue 3's classifiers provide. Must be cheap per call and safe to share."""

    def predict(self, doc: Document) -> ModelOutput: ...


@dataclass(frozen=True, slots=True)
class ModelPolicy:
    """Thresholds for combining a model with lexicon evidence (rule file `settings.model`)."""

    veto_below: float = 0.15
    report_above: float = 0.85
    span_fraction: float = 0.5
    rule: Rule | None = None

    @classmethod
    def from_settings(cls, data: Mapping[str, Any] | None, rulebook: Rulebook) -> ModelPolicy:
        data = dict(data or {})
        rule_data = data.pop("rule", None)
        rule = Rule.model_validate(rule_data) if rule_data else None
        if rule is not None:
            missing = [r for r in rule.regulations if r not in rulebook.regulations]
            if missing:
                raise RulebookError(f"{rule.id}: regulasi tidak dikenal: {', '.join(missing)}")
        return cls(rule=rule, **{k: float(v) for k, v in data.items()})


class EvidenceDetector(Detector):
    """A rule detector that separates gathering lexicon evidence from deciding on findings.

    Rule-file settings it reads:
    - `signals`: named term lists found in the same automaton pass as the rules (context the
      checks look at, e.g. `literal_context: ["@abusive_literal_context"]`);
    - `ordered`: rule ids whose term groups must occur in the listed order;
    - `rules`: per-rule options, e.g. `{AB-INSULT-FRAME: {check: insult_frame}}`; `check` names
      a method `check_<name>(firing, doc, scan) -> Evidence | None` of the detector, so agencies
      can add YAML rules that reuse a check;
    - `model`: the model policy (see the module docstring).
    """

    model: PostModel | None = None

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        settings = self.settings
        rules = self.rule_file.rules if self.rule_file else []
        self.matcher = RuleMatcher(
            rules,
            rulebook.lexicons,
            normalizer,
            signals=settings.get("signals") or {},
            ordered=settings.get("ordered") or (),
        )
        self.rule_options: dict[str, dict[str, Any]] = dict(settings.get("rules") or {})
        for rule_id, options in self.rule_options.items():
            check = (options or {}).get("check")
            if check and not callable(getattr(self, f"check_{check}", None)):
                raise RulebookError(f"{self.name}: {rule_id}: pemeriksaan '{check}' tidak dikenal")
        self.policy = ModelPolicy.from_settings(settings.get("model"), rulebook)

    # -- the two steps ----------------------------------------------------------------------------
    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        evidence = self.gather(doc, ctx)
        output = self.model.predict(doc) if self.model is not None and doc.tokens else None
        return self.decide(doc, ctx, evidence, output)

    def gather(self, doc: Document, ctx: Context) -> list[Evidence]:
        """Lexicon evidence: rule firings that pass the detector's context checks, merged."""
        scan = self.matcher.scan(doc)
        found: list[Evidence] = []
        for firing in scan.firings:
            if not self.applies(firing.rule, ctx):
                continue
            item = self.evidence_for(firing, doc, scan)
            if item is not None:
                found.append(item)
        return self.merge(found)

    def merge(self, items: list[Evidence]) -> list[Evidence]:
        """Overlapping evidence becomes one item (see `merge_overlapping`)."""
        return merge_overlapping(items)

    def options(self, rule: Rule) -> dict[str, Any]:
        return self.rule_options.get(rule.id) or {}

    def evidence_for(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """Run the rule's check (settings `rules.<id>.check`); without one, accept the firing."""
        check = self.options(firing.rule).get("check")
        if check:
            return getattr(self, f"check_{check}")(firing, doc, scan)
        return self.plain(firing)

    def plain(self, firing: Firing, **changes: Any) -> Evidence:
        """Evidence for a firing as it stands, with per-rule options applied."""
        opts = self.options(firing.rule)
        item = Evidence(
            firing.rule,
            firing.first,
            firing.last,
            firing.rule.confidence,
            decisive=bool(opts.get("decisive", False)),
            labels=firing.labels(),
        )
        for key, value in changes.items():
            setattr(item, key, value)
        return item

    def decide(
        self,
        doc: Document,
        ctx: Context,
        evidence: list[Evidence],
        output: ModelOutput | None,
    ) -> list[Finding]:
        """Combine lexicon evidence with an optional model output (policy in the module doc)."""
        p = None if output is None else max(0.0, min(1.0, float(output.probability)))
        findings = [
            self._lexicon_finding(doc, ctx, item, p)
            for item in evidence
            if p is None or item.decisive or p >= self.policy.veto_below
        ]
        rule = self.policy.rule
        missed = not findings and output is not None and p is not None and bool(doc.tokens)
        if missed and rule is not None and p >= self.policy.report_above:
            findings.append(self._model_finding(doc, ctx, output, p, rule))
        return findings

    def _lexicon_finding(
        self, doc: Document, ctx: Context, item: Evidence, p: float | None
    ) -> Finding:
        extra = dict(item.extra)
        if p is None:
            confidence = item.weight
            extra["evidence"] = "lexicon"
        else:
            confidence = max(item.weight, p) if item.decisive else (item.weight + p) / 2
            extra.update(evidence="lexicon+model", model_probability=round(p, 4))
        start, end = doc.token_span(item.first, item.last)
        return self.make_finding(
            item.rule,
            doc,
            start,
            end,
            ctx,
            labels=item.labels,
            confidence=confidence,
            severity=item.severity,
            message=item.message,
            entity=_entity(extra),
            extra=extra,
        )

    def _model_finding(
        self, doc: Document, ctx: Context, output: ModelOutput, p: float, rule: Rule
    ) -> Finding:
        first, last = locate(output.token_scores, len(doc.tokens), self.policy.span_fraction)
        severity, message, extra = self.model_details(output, rule)
        extra.update(evidence="model", model_probability=round(p, 4))
        start, end = doc.token_span(first, last)
        return self.make_finding(
            rule,
            doc,
            start,
            end,
            ctx,
            confidence=p,
            severity=severity,
            message=message,
            entity=_entity(extra),
            extra=extra,
        )

    def model_details(
        self, output: ModelOutput, rule: Rule
    ) -> tuple[Severity | None, str | None, dict[str, Any]]:
        """Severity, message and extra of a model-only finding (detectors refine from labels)."""
        return None, None, {}


def merge_overlapping(
    items: list[Evidence], gap: int = 0, key: str | None = None
) -> list[Evidence]:
    """One evidence item per stretch of words: overlapping items merge into the strongest.

    `dasar anjing lo` fires both the insult-frame rule (`dasar anjing`) and the addressed rule
    (`anjing lo`); the user should see one finding over `dasar anjing lo`, not two. With `gap`,
    items up to `gap` words apart merge too, and with `key`, only items whose `extra[key]` is the
    same (a gambling advert is one finding, not one per buzzword).
    """
    if len(items) < 2:
        return items
    if key is not None:
        by_key: dict[object, list[Evidence]] = {}
        for item in items:
            by_key.setdefault(item.extra.get(key), []).append(item)
        merged_all = [m for group in by_key.values() for m in merge_overlapping(group, gap)]
        return sorted(merged_all, key=lambda e: (e.first, e.last))
    items = sorted(items, key=lambda e: (e.first, e.last))
    merged: list[Evidence] = []
    group = [items[0]]
    last = items[0].last
    for item in items[1:]:
        if item.first <= last + gap:
            group.append(item)
            last = max(last, item.last)
        else:
            merged.append(_strongest(group))
            group, last = [item], item.last
    merged.append(_strongest(group))
    return merged


def _strongest(group: list[Evidence]) -> Evidence:
    best = max(
        group, key=lambda e: (e.effective_severity.rank, e.decisive, e.last - e.first, e.weight)
    )
    best.first = min(e.first for e in group)
    best.last = max(e.last for e in group)
    return best


def locate(scores: Sequence[float] | None, n_tokens: int, fraction: float) -> tuple[int, int]:
    """The contiguous tokens around the top-scoring one whose scores reach `fraction` of it."""
    if not scores or len(scores) != n_tokens or max(scores) <= 0:
        return 0, n_tokens - 1
    top = max(range(n_tokens), key=lambda i: scores[i])
    bar = scores[top] * fraction
    first = last = top
    while first > 0 and scores[first - 1] >= bar:
        first -= 1
    while last < n_tokens - 1 and scores[last + 1] >= bar:
        last += 1
    return first, last


def near(
    scan: Scan, signal: str, first: int, last: int, before: int, after: int | None = None
) -> bool:
    """Whether a hit of `signal` lies within `before` words before or `after` words after a span."""
    after = before if after is None else after
    lo, hi = first - before, last + after
    return any(h.last >= lo and h.first <= hi for h in scan.hits(signal))


def _entity(extra: dict) -> str | None:
    """The finding's `entity`: what kind of thing was found — the target group of hate speech
    (religion, race, gender, physical, other) or the kind of prohibited content — matching how
    personal data names its data type and neutrality its kind of breach."""
    value = extra.get("target") or extra.get("kind")
    return str(value) if value else None

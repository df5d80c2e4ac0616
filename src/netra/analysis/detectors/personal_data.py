"""Detector for `personal_data` findings (UU 27/2022 PDP; rules in personal_data.yaml).

The recognizers in `netra.analysis.pii` do the finding, on the Document's clean view (invisible
characters removed, fullwidth digits folded), so numbers hidden with invisible characters or
written in fullwidth digits are caught; spans are mapped back to the original text. Each entity
has one rule (PD-NIK, PD-PHONE, …) that supplies the severity, the Indonesian message, the
regulations and the suggestion. YAML `match:` rules, if an agency adds any, run as for every
other detector.
"""

from __future__ import annotations

from netra.analysis.context import Context
from netra.analysis.detectors.base import RuleDetector
from netra.analysis.document import Document
from netra.analysis.finding import Finding
from netra.analysis.normalize import Normalizer
from netra.analysis.pii import PiiAnalyzer, PiiConfig
from netra.rules.loader import Rule, Rulebook


class PersonalDataDetector(RuleDetector):
    name = "personal_data"
    category = "personal_data"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        # entity -> its code rule (a rule without `match:` and with an entity)
        self.entity_rules: dict[str, Rule] = {
            r.entity: r for r in self.rules.values() if r.match is None and r.entity
        }
        self.analyzer = PiiAnalyzer(PiiConfig.from_rulebook(rulebook), self.entity_rules)
        self._has_yaml_rules = any(r.match is not None for r in self.rules.values())

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        findings = super().detect(doc, ctx) if self._has_yaml_rules else []
        for match in self.analyzer.analyze(doc.clean):
            rule = self.entity_rules[match.entity]
            if not self.applies(rule, ctx):
                continue
            start, end = doc.clean_to_original(match.start, match.end)
            findings.append(
                self.make_finding(
                    rule,
                    doc,
                    start,
                    end,
                    ctx,
                    confidence=match.score,
                    message=f"{rule.message} (Dikenali dari: {match.reason}.)",
                    extra={"redacted": match.redacted, "recognizer": match.recognizer},
                )
            )
        return findings

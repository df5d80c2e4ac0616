"""Prohibited content: online gambling promotion, pornography and sexual services, drug sales.

Each kind has a strong pattern (a prohibited thing plus an offer: "slot gacor … daftar … depo
10k", "video syur … cek bio", "sabu … ready … COD") that is high severity, and a weaker one
(jargon used only in gambling, explicit porn words, drug-use slang) that is medium. The same words
fill news, government campaigns and enforcement reports ("Satgas judi online memblokir …", "BNN
mengungkap jaringan sabu", "tes urine ASN"): any counter cue anywhere in the post cancels (the
`unless … post` of every rule), because promoters and dealers do not write "ditangkap",
"bahaya", or "blokir". Everyday look-alikes stay out of the lexicons on purpose: "slot" alone
("slot waktu", "slot parkir"), "gacor" alone (songbirds, a team in form), "dana", "COD", "ready",
"jual" — they count only next to a prohibited item.

Findings keep `entity` null; `extra["kind"]` is gambling, pornography, sex_service, drugs or
pharma, and the message names it ("promosi judi online", "penawaran konten pornografi",
"penjualan narkotika"). The model seam is in `evidence.py`; with `settings.classifier.enabled` the
Netifier model (pornografi, radikalisme) is behind it — see `decide`.
"""

from __future__ import annotations

from typing import Any

from netra.analysis.context import Context
from netra.analysis.detectors.evidence import (
    Evidence,
    EvidenceDetector,
    ModelOutput,
    locate,
    merge_overlapping,
)
from netra.analysis.detectors.learned import attach_classifier, classifier_setting, extra_rule
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook


class ProhibitedContentDetector(EvidenceDetector):
    name = "prohibited_content"
    category = "prohibited_content"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        self.kinds: dict[str, str] = dict(self.settings.get("kinds") or {})
        self.radicalism_above = float(classifier_setting(self, "radicalism_above", 1.01))
        self.radicalism_rule = extra_rule(
            classifier_setting(self, "radicalism_rule", None), rulebook
        )
        attach_classifier(self)

    def check_offer(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """A prohibited item (with an offer, for the strong rules): the kind goes into `extra`."""
        hits = firing.hits
        if len(hits) > 1 and any(
            a.first <= b.last and b.first <= a.last for a in hits for b in hits if a is not b
        ):
            return None  # one word counted as both item and offer
        opts = self.options(firing.rule)
        kind = opts.get("kind", "other")
        extra = {
            "kind": kind,
            "kind_label": self.kinds.get(kind, kind),
            "family": opts.get("family", kind),
        }
        return self.plain(firing, extra=extra)

    def merge(self, items: list[Evidence]) -> list[Evidence]:
        """An advert is one finding: evidence of one family a few words apart merges."""
        return merge_overlapping(items, gap=int(self.settings.get("merge_gap", 8)), key="family")

    def decide(
        self,
        doc: Document,
        ctx: Context,
        evidence: list[Evidence],
        output: ModelOutput | None,
    ) -> list[Finding]:
        """Netifier knows pornography (and radicalism), not gambling or drugs.

        Gambling and drug evidence is judged by the lexicon alone (the model neither vetoes nor
        dilutes it); pornography evidence goes through `EvidenceDetector.decide`; and when nothing
        else is found, a post the model scores as radical propaganda (P(radikalisme) ≥
        `settings.classifier.radicalism_above`) gets a finding of its own.
        """
        if output is None:
            return super().decide(doc, ctx, evidence, None)
        porn = [e for e in evidence if e.extra.get("family") == "pornography"]
        others = [e for e in evidence if e.extra.get("family") != "pornography"]
        findings = super().decide(doc, ctx, others, None)
        porn_findings = super().decide(doc, ctx, porn, output)
        if findings:  # the model reports alone only on a post with nothing else
            porn_findings = [f for f in porn_findings if f.extra.get("evidence") != "model"]
        findings.extend(porn_findings)
        if not findings:
            radical = self._radicalism(doc, ctx, output)
            if radical is not None:
                findings.append(radical)
        return findings

    def _radicalism(self, doc: Document, ctx: Context, output: ModelOutput) -> Finding | None:
        p = float(output.labels.get("radicalism", 0.0))
        rule = self.radicalism_rule
        if rule is None or p < self.radicalism_above or not doc.tokens:
            return None
        # The words behind P(radikalisme), if the model can say (the shipped adapter can).
        token_scores = getattr(self.model, "radicalism_token_scores", None)
        scores = token_scores(doc) if token_scores is not None else None
        first, last = locate(scores, len(doc.tokens), self.policy.span_fraction)
        start, end = doc.token_span(first, last)
        label = self.kinds.get("radicalism", "konten radikalisme")
        extra = {
            "kind": "radicalism",
            "kind_label": label,
            "evidence": "model",
            "model_probability": round(p, 4),
        }
        message = rule.message.replace("{kind}", label)
        return self.make_finding(
            rule,
            doc,
            start,
            end,
            ctx,
            confidence=p,
            message=message,
            entity="radicalism",
            extra=extra,
        )

    def model_details(
        self, output: ModelOutput, rule: Rule
    ) -> tuple[Severity | None, str | None, dict[str, Any]]:
        kind = output.best("kind", "other")
        label = self.kinds.get(kind, "konten terlarang")
        return None, rule.message.replace("{kind}", label), {"kind": kind, "kind_label": label}

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
"penjualan narkotika"). The model seam is in `evidence.py`.
"""

from __future__ import annotations

from typing import Any

from netra.analysis.detectors.evidence import (
    Evidence,
    EvidenceDetector,
    ModelOutput,
    merge_overlapping,
)
from netra.analysis.document import Document
from netra.analysis.finding import Severity
from netra.analysis.matcher import Firing, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rule, Rulebook


class ProhibitedContentDetector(EvidenceDetector):
    name = "prohibited_content"
    category = "prohibited_content"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        self.kinds: dict[str, str] = dict(self.settings.get("kinds") or {})

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

    def model_details(
        self, output: ModelOutput, rule: Rule
    ) -> tuple[Severity | None, str | None, dict[str, Any]]:
        kind = output.best("kind", "other")
        label = self.kinds.get(kind, "konten terlarang")
        return None, rule.message.replace("{kind}", label), {"kind": kind, "kind_label": label}

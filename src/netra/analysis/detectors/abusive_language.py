"""Abusive language: profanity, sexual slurs, insults, and abuse aimed at a person or official.

Words come in three tiers (rules/lexicons/abusive_*.yaml):

- sexual slurs (`kontol`, `lonte`): always flagged, high — there is no innocent reading;
- profanity with no literal meaning (`bangsat`, `goblok`, `jancuk`): always flagged, medium;
- words with a literal meaning (`anjing`, `babi`, `monyet`, `tai`, `gila`, `sampah`, `buta`):
  flagged only when the way they are used makes them an insult. That decision is made here, in
  cheap checks on the words around them, because it is exactly where a bare lexicon cries wolf
  ("anjing saya sakit", "sate babi", "panas gila", "rumah sakit jiwa").

The frames that turn a literal word into an insult, each a YAML rule with its own check:
`insult_frame` ("dasar X", "kayak X", "muka X"), `addressed` ("X lo!", "kalian X"),
`exclamation` ("Anjing! macet", or any disguised spelling: `4nj*ng`, `a n j i n g`, `anjir` —
nobody disguises the dog they are talking about), and `directed` ("Bupati X", "Pak Budi X",
"@akun X"), which also raises plain profanity aimed at a named person or official to high. A
word's `frames` attribute says which frames can make it an insult: `gila` is an insult after
"dasar" or aimed at an official, but "gila lu, keren banget" is praise.

Everything a trained model adds goes through the seam in `evidence.py`: with
`settings.classifier.enabled`, P(Abusive) of the Ibrohim & Budi model vetoes suggestive evidence
it finds innocent (below `settings.model.veto_below`) and reports abuse the lexicon missed (above
`report_above`), on the words that pushed the score most.
"""

from __future__ import annotations

from netra.analysis.context import Context
from netra.analysis.detectors.cues import (
    at_sentence_start,
    clean_gap,
    exclaimed,
    followed_by_break,
    is_disguised,
    surface,
)
from netra.analysis.detectors.evidence import Evidence, EvidenceDetector, near
from netra.analysis.detectors.learned import attach_classifier, gather_with_scan, overlaps_signal
from netra.analysis.document import Document
from netra.analysis.finding import Finding, Severity
from netra.analysis.matcher import Firing, Hit, Scan
from netra.analysis.normalize import Normalizer
from netra.rules.loader import Rulebook

ALL_FRAMES = ("insult", "addressed", "directed", "exclaim", "disguise")
# Words that may stand between an official and the literal word aimed at them ("bupati itu babi").
# fmt: off
_FILLERS = frozenset({
    "itu", "ini", "kayak", "seperti", "memang", "sungguh", "benar", "dasar", "kok", "tuh", "sih",
    "si", "kita", "kami", "kalian", "yang", "mah",
})
# fmt: on
_HONORIFICS = frozenset({"bapak", "ibu", "pak", "bu", "mas", "mbak", "bang", "abang"})
# What may follow "X lo" and keep it a taunt rather than a possessive ("anjing lo semua").
_TAUNT_TAIL = frozenset({"semua", "sih", "tuh", "ya", "dah", "deh", "lah", "banget", "itu"})


def _frames(hit: Hit) -> tuple[str, ...]:
    frames = hit.attr("frames")
    return tuple(frames) if isinstance(frames, list | tuple) else ALL_FRAMES


def _capitalised(doc: Document, i: int) -> bool:
    return surface(doc, i)[:1].isupper()


def _is_literal(hit: Hit) -> bool:
    return hit.attr("kind") == "literal"


class AbusiveLanguageDetector(EvidenceDetector):
    name = "abusive_language"
    category = "abusive_language"

    def __init__(self, rulebook: Rulebook, normalizer: Normalizer) -> None:
        super().__init__(rulebook, normalizer)
        attach_classifier(self)  # settings.classifier: the trained model (loaded on first use)

    def detect(self, doc: Document, ctx: Context) -> list[Finding]:
        """`EvidenceDetector.detect`; a finding the model makes alone must not sit on a word the
        lexicon knows (profanity, slurs, literal words): there the lexicon has judged its use in
        context ("anjing kamu lucu", "hindari kata kasar seperti goblok") and its verdict stands.
        """
        scan, evidence = gather_with_scan(self, doc, ctx)
        output = self.model.predict(doc) if self.model is not None and doc.tokens else None
        findings = self.decide(doc, ctx, evidence, output)
        if output is None:
            return findings
        return [
            f
            for f in findings
            if f.extra.get("evidence") != "model"
            or not (
                overlaps_signal(doc, scan, "insult", f.start, f.end)
                or overlaps_signal(doc, scan, "mention_cues", f.start, f.end)
            )
        ]

    # -- shared conditions ------------------------------------------------------------------------
    def _only_mentioned(self, scan: Scan, first: int, last: int) -> bool:
        """A word quoted as an example of what not to say ("hindari kata kasar seperti goblok")."""
        return near(scan, "mention_cues", first, last, 5, 1)

    def _literal_nearby(self, scan: Scan, first: int, last: int, before: int, after: int) -> bool:
        return near(scan, "literal_context", first, last, before, after)

    def _evidence(self, firing: Firing, first: int, last: int, **changes) -> Evidence:
        opts = self.options(firing.rule)
        extra = {"kind": opts.get("kind", "profanity")}
        extra.update(changes.pop("extra", {}))
        return self.plain(firing, first=first, last=last, extra=extra, **changes)

    # -- checks named in abusive_language.yaml ----------------------------------------------------
    def check_word(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """Sexual slurs and profanity: flagged wherever they are used, not where mentioned."""
        hit = firing.hits[0]
        if self._only_mentioned(scan, hit.first, hit.last):
            return None
        severity = hit.attr("severity")
        decisive = hit.attr("decisive", self.options(firing.rule).get("decisive", True))
        kind = hit.attr("kind") or self.options(firing.rule).get("kind")
        return self._evidence(
            firing,
            hit.first,
            hit.last,
            severity=Severity(severity) if severity else None,
            decisive=bool(decisive),
            extra={"kind": kind, "word": hit.label},
        )

    def check_insult_frame(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """'dasar babi', 'kayak monyet', 'muka tai' (the rule is ordered: frame first)."""
        frame, word = firing.hits
        if "insult" not in _frames(word) or not clean_gap(doc, frame.last, word.first):
            return None
        if frame.attr("vocative") and not followed_by_break(doc, word.last):
            return None  # "woi babi!" is a taunt; "eh ada monyet di atap" is not
        if self._literal_nearby(scan, word.first, word.last, 0, 2):
            return None  # "seperti anjing pelacak", "kayak sampah plastik"
        if self._only_mentioned(scan, frame.first, word.last):
            return None
        return self._evidence(firing, frame.first, word.last, extra={"word": word.label})

    def check_addressed(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """'anjing lo!', 'kalian monyet': a literal word said to the reader.

        "Anjing kamu lucu" is "your dog is cute": a word before the pronoun counts only when
        the phrase ends there ("anjing lo!", "babi lu, ngapain") or goes on as a taunt.
        """
        word, you = firing.hits
        if "addressed" not in _frames(word):
            return None
        first, last = min(word.first, you.first), max(word.last, you.last)
        if not clean_gap(doc, first, last) or self._only_mentioned(scan, first, last):
            return None
        if word.first < you.first:
            nxt = last + 1
            tail_ok = followed_by_break(doc, last) or (
                nxt < len(doc.tokens) and doc.tokens[nxt].norm in _TAUNT_TAIL
            )
            if not tail_ok or self._literal_nearby(scan, first, last, 3, 4):
                return None
        elif self._literal_nearby(scan, word.first, word.last, 0, 3):
            return None
        return self._evidence(firing, first, last, extra={"word": word.label})

    def check_exclamation(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """'Anjing! macet lagi', 'anjir', '4nj*ng', 'a n j i n g': the word as a swear word."""
        word = firing.hits[0]
        frames = _frames(word)
        disguised = "disguise" in frames and any(
            is_disguised(doc, i) and not self._looks_like_name(doc, i)
            for i in range(word.first, word.last + 1)
        )
        if not disguised:
            if "exclaim" not in frames or doc.tokens[word.first].kind == "emoji":
                return None
            if not exclaimed(doc, word.first) or scan.has("literal_context"):
                return None  # "Anjing, kucing, dan kelinci ikut vaksinasi"
        if self._only_mentioned(scan, word.first, word.last):
            return None
        weight = firing.rule.confidence + (0.1 if disguised else 0.0)
        extra = {"word": word.label, "disguised": disguised}
        return self._evidence(firing, word.first, word.last, weight=weight, extra=extra)

    @staticmethod
    def _looks_like_name(doc: Document, i: int) -> bool:
        """'Tae', 'Asu' capitalised mid-sentence: a name that a slang dictionary happens to know."""
        text = surface(doc, i)
        return text.istitle() and not at_sentence_start(doc, i)

    def check_directed(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """'Bupati goblok', 'Pak Budi tolol', '@akun anjing': abuse aimed at a named target."""
        target, word = firing.hits
        if not clean_gap(doc, target.first, word.last):
            return None
        kind = target.attr("kind")
        between = range(target.last + 1, word.first)
        # "Pak Budi goblok" names a person; "pak, goblok banget" does not.
        if kind == "honorific" and (not between or not _capitalised(doc, target.last + 1)):
            return None
        if _is_literal(word):
            if "directed" not in _frames(word):
                return None
            for k in between:
                tok = doc.tokens[k]
                named = kind == "honorific" and _capitalised(doc, k)
                if tok.norm not in _FILLERS and not named:
                    return None
            if self._literal_nearby(scan, word.first, word.last, 0, 2):
                return None  # "polisi anjing pelacak", "pak lurah anjing saya hilang"
        if self._only_mentioned(scan, target.first, word.last):
            return None
        severity = Severity.MEDIUM if word.attr("kind") == "label" else None
        first = target.first
        if kind == "official" and first > 0 and doc.tokens[first - 1].norm in _HONORIFICS:
            first -= 1  # "Pak Camat anjing", not "Camat anjing"
        return self._evidence(
            firing,
            first,
            word.last,
            severity=severity,
            extra={"word": word.label, "target": kind},
        )

    def check_gesture(self, firing: Firing, doc: Document, scan: Scan) -> Evidence | None:
        """🖕: only the emoji, not the words "jari tengah" (a finger can be hurt)."""
        hit = firing.hits[0]
        if any(doc.tokens[i].kind != "emoji" for i in range(hit.first, hit.last + 1)):
            return None
        return self._evidence(firing, hit.first, hit.last)

"""A named or identifiable person's health condition (specific personal data, UU PDP Pasal 4).

Reported: a condition from the `pii_health` lexicon said of a person named with an honorific,
role or @mention (`Pak Budi positif HIV`, `anak Bu Sri kena TBC`, `pasien atas nama Andi
dirawat karena DBD`, `Bu Rina hamil`). Not reported: public-health talk (campaigns, statistics,
education: `cegah DBD`, `12 warga positif DBD`, `dr. Andi menjelaskan gejala kanker`), and the
author's own condition (`saya lagi positif covid`): people may share their own health data, and
UU PDP protects data that is *not one's own*. Everyday complaints (flu, batuk) are not in the
lexicon at all. The span is the condition (with its verb), so redaction keeps the sentence
readable: `Pak Budi [data kesehatan disamarkan]`.
"""

from __future__ import annotations

import re

from netra.analysis.pii import masks
from netra.analysis.pii.base import PiiMatch, Recognizer, Scan

_STAT_RE = re.compile(
    r"(?<![A-Za-z0-9])[0-9][0-9.,]*\s*(?:orang|org|warga|pasien|kasus|anak|balita|pegawai|asn|siswa|jiwa|ibu|"
    r"penduduk|kk|pekerja|karyawan|santri|murid)\b[^.!?\n]{0,25}$",
    re.IGNORECASE,
)
_VERB_GAP_RE = re.compile(r"[ \t]*(?:(?:penyakit|virus|sakit|gangguan|kondisi)[ \t]+)?")


_FIRST_PERSON = {"saya", "aku", "gue", "gw", "gua", "sy", "ane", "q"}
# nouns for people in general: `Pak Camat menjenguk pasien yang positif` is not about Pak Camat
_GENERIC_PEOPLE = {"pasien", "warga", "orang", "masyarakat", "pegawai", "karyawan", "siswa",
                   "korban", "penduduk", "peserta", "orang-orang", "mereka", "balita", "bayi",
                   "pengunjung", "penumpang", "jemaah", "jamaah", "santri", "murid"}  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"(?:[ \t]+(?:payudara|serviks|paru(?:-paru)?|hati|usus|rahim|prostat|otak|darah|kulit|tulang|"
    r"lambung|pankreas|tiroid|ovarium|ginjal|nasofaring|kelenjar getah bening)(?![A-Za-z]))?"
    r"(?:[ \t]+(?:stadium[ \t]+(?:[0-9]+|[IVX]+|akhir|lanjut)[A-Za-z]?|berat|ringan|akut|"
    r"kronis|parah|tahap[ \t]+akhir|tipe[ \t]+[0-9])(?![A-Za-z]))*",
    re.IGNORECASE,
)


def _other_subject(lower: str, lo: int, hi: int) -> bool:
    """Between the person and the condition the sentence turns to someone else: the author
    (`… saya lagi positif covid`) or people in general (`menjenguk pasien yang positif`)."""
    words = lower[lo:hi].replace(",", " ").split()
    if any(w in _FIRST_PERSON for w in words[-2:]):
        return True
    for i, w in enumerate(words[1:], start=1):
        if w in ("yang", "yg") and words[i - 1] in _GENERIC_PEOPLE:
            return True
    return False


class HealthRecognizer(Recognizer):
    name = "health"
    entities = ("health",)

    def ready(self, scan: Scan) -> bool:
        return scan.hits.has("condition") or scan.hits.has("condition_state")

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        window = self.config.health_window
        out: list[PiiMatch] = []
        conditions = sorted(
            scan.hits.of("condition") + scan.hits.of("condition_state"), key=lambda h: h.start
        )
        for cond in conditions:
            state = cond.label == "condition_state"
            verb = self._verb_before(scan, cond.start, "health_verb")
            link = None if verb else self._verb_before(scan, cond.start, "health_link")
            start = verb.start if verb is not None else cond.start
            anchor = link.start if link is not None else start  # where the person must precede
            verb = verb or link
            person = scan.person_before(anchor, window)
            if person is None:
                if verb is None and not state:
                    continue
                person = self._person_after(scan, cond.end)
                if person is None:
                    continue
                lo, hi = start, person[0]
            else:
                between = scan.text[person[1] : anchor]
                limit = 6 if state else 2
                if verb is None and len(between.split()) > limit:
                    continue
                lo, hi = person[1], anchor
            if scan.hits.between("health_block", lo, hi) or _other_subject(scan.lower, lo, hi):
                continue
            if _STAT_RE.search(scan.text, max(0, start - 40), start):
                continue
            end = cond.end
            end = _extend(scan, conditions, end)
            if out and out[-1].end >= start:
                continue  # already inside the previous condition's span
            out.append(
                PiiMatch("health", start, end, 0.85 if verb else 0.75, self.name,
                         "kondisi kesehatan yang dikaitkan dengan orang yang disebut namanya",
                         masks.HEALTH)
            )  # fmt: skip
        return out

    @staticmethod
    def _verb_before(scan: Scan, pos: int, label: str):
        verb = scan.hits.last_before(label, pos, 14)
        if verb is None:
            return None
        gap = _VERB_GAP_RE.fullmatch(scan.text, verb.end, pos)
        return verb if gap is not None else None

    @staticmethod
    def _person_after(scan: Scan, pos: int) -> tuple[int, int] | None:
        for start, end in scan.person_refs:
            if start >= pos:
                if start - pos <= 30 and scan.same_sentence(pos, start):
                    return start, end
                return None
        return None


_JOINER_RE = re.compile(
    r"[ \t]*(?:(?:rutin|karena|akibat|krn|dan|serta|dengan|dgn|pada|yang|yg)[ \t]+)*"
)


def _extend(scan: Scan, conditions: list, end: int) -> int:
    """Grow the span over the whole description of the condition: its qualifiers (`kanker
    payudara stadium 3`) and conditions that follow it closely (`cuci darah rutin akibat gagal
    ginjal`, `kemoterapi kanker usus`), so redaction hides the description, not half of it."""
    while True:
        qualifier = _QUALIFIER_RE.match(scan.text, end)
        if qualifier is not None and qualifier.end() > end:
            end = qualifier.end()
        nxt = next((c for c in conditions if c.start >= end), None)
        if nxt is None or nxt.start - end > 30:
            return end
        joiner = _JOINER_RE.fullmatch(scan.text, end, nxt.start)
        if joiner is None:
            return end
        end = nxt.end

"""Home addresses: street or estate with a house number, RT/RW, and the village and district.

An address is read as a run of components (`Jl. Melati No. 12`, `RT 03/RW 05`, `Kel. Sukamaju`,
`Kec. Cibinong`, `Blok C2`, `Gg. Mawar`, `Perum Griya Asri`) separated by commas or spaces. It is
a *home* address, and personal data, when it reaches house level (a house number, a block, or
RT/RW) and the post ties it to a person (`rumah`, `alamat`, `tinggal di`, `Pak Budi, Jl. …`). A
full street address with RT/RW needs no cue; RT/RW alone does. Office, venue and business
addresses (`Kantor Dinas …, Jl. …`, `bertempat di Gedung …`) are not reported, nor are street,
village or district names alone (`macet di Jl. Sudirman`, `warga Kec. Cibinong`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netra.analysis.pii import masks
from netra.analysis.pii.base import PiiMatch, Recognizer, Scan
from netra.analysis.pii.config import PiiConfig

# Searched in the lower-cased text (same offsets): a case-insensitive search costs three times
# as much, and the original spelling is read from the text where it matters (`jalan`/`Jalan`).
_KEYWORD_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    r"(?P<street>jl|jln|jalan|gg|gang|lorong|lrg)"
    r"|(?P<blok>blok|blk)"
    r"|(?P<estate>perum|perumahan|komp|kompleks|komplek|griya|cluster|villa|vila|asrama)"
    r"|(?P<rt>rt(?:[ \t]*/[ \t]*rw)?)|(?P<rw>rw)"
    r"|(?P<no>no|nomor|nmr|nomer)"
    r"|(?P<region>kel|kelurahan|desa|ds|kec|kecamatan|kab|kabupaten|kota|dusun|dsn|kp|kampung)"
    r")(?![a-z])\.?",
)
_CORE_WORDS = (
    "jl|jln|jalan|gg|gang|lorong|lrg|blok|blk|perum|perumahan|komp|kompleks|komplek|griya|"
    "cluster|villa|vila|asrama|rt|rw"
)
# run on the lower-cased text: a case-insensitive scan costs three times as much
_PREFILTER_RE = re.compile(rf"(?<![a-z])(?:{_CORE_WORDS})(?![a-z])")
_END_OF_NUMBER = r"(?![0-9A-Za-z]|[.,:][0-9])"
_NUMBER_RE = re.compile(  # `No. 12`, `no 12A`, `Nomor 12/4`
    r"[ \t]*[:.]?[ \t]*[0-9]{1,4}[A-Za-z]?(?:[ \t]?[/\-][ \t]?[0-9]{1,4}[A-Za-z]?)?"
    + _END_OF_NUMBER
)
_BARE_NUMBER_RE = re.compile(  # `Jl. Melati 12` (a number right after the street name)
    r"[ \t]*,?[ \t]*[0-9]{1,4}[A-Za-z]?(?:[ \t]?/[ \t]?[0-9]{1,3}[A-Za-z]?)?" + _END_OF_NUMBER
)
_UNIT_RE = re.compile(
    r"[ \t]*(?:km|m|meter|jam|menit|hari|orang|kg|%|persen|unit|rumah|kk|tahun|bulan)\b",
    re.IGNORECASE,
)
_BLOK_RE = re.compile(  # `Blok C2`, `Blok AB-12`, `Blok 7`
    r"[ \t]*[:.]?[ \t]*(?:[A-Za-z]{1,2}[ \t\-]?[0-9]{0,3}[A-Za-z]?|[0-9]{1,3}[A-Za-z]?)"
    r"(?:[ \t]?/[ \t]?[0-9]{1,3})?(?![A-Za-z0-9])"
)
_RTRW_RE = re.compile(
    r"[ \t]*[:.]?[ \t]*0*[0-9]{1,3}(?![0-9])"
    r"(?:[ \t]*(?:/|\.|,|-)?[ \t]*(?:rw\.?)?[ \t]*[:.]?[ \t]*0*[0-9]{1,3}(?![0-9]))?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(
    r"[ \t]*((?i:km)\.?[ \t]?[0-9]+(?:[.,][0-9]+)?|[A-Za-z][A-Za-z'’\-]*\.?|[IVX]{1,4}(?![A-Za-z]))"
)
_GANG_NUMBER_RE = re.compile(r"[ \t]*[0-9]{1,3}[A-Za-z]?(?![0-9A-Za-z])")  # `Gg. 3`
_GANG_WORDS = {"gg", "gang", "lorong", "lrg"}
_GAP_RE = re.compile(r"[ \t,;()\-–/]{0,4}")
_POSTAL_RE = re.compile(r"[ \t,\-]{0,3}[0-9]{5}(?![0-9])")
_KEYWORDS = {
    "jl", "jln", "jalan", "gg", "gang", "lorong", "lrg", "blok", "blk", "perum", "perumahan",
    "komp", "kompleks", "komplek", "rt", "rw", "no", "nomor", "nmr", "nomer", "kel",
    "kelurahan", "desa", "ds", "kec", "kecamatan", "kab", "kabupaten", "kota", "dusun", "dsn",
    "kp", "kampung",
}  # fmt: skip
_CORE = {"street", "blok", "estate", "rt", "rw"}
_LOCATION_WORDS = {"dekat", "depan", "belakang", "samping", "sebelah", "arah", "ujung", "sampai",
                   "menuju", "ke", "di", "dan", "atau", "yang", "sekitar", "tepatnya"}  # fmt: skip


@dataclass(slots=True)
class _Part:
    kind: str  # street | blok | estate | rt | rw | no | region | postal
    start: int
    end: int
    numbered: bool = False  # a house number is part of it
    full_rtrw: bool = False  # RT and RW both given (`RT 03/RW 05`, `RT 3/5`)
    weak: bool = False  # lower-case `jalan` (also a verb): needs a house number or RT/RW
    gang: bool = False  # an alley (`Gg.`, `Lorong`): residential by nature


class AddressRecognizer(Recognizer):
    name = "address"
    entities = ("address",)

    def __init__(self, config: PiiConfig) -> None:
        super().__init__(config)
        self._stop = {w.lower() for w in config.words("not_name")} | _LOCATION_WORDS
        # cue words never belong to a place name (`… Kec. Medan Baru Alamat redaksi …`)
        self._cue_words = {w.lower() for w in config.words("personal_place") if " " not in w}

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 1 and _PREFILTER_RE.search(scan.lower) is not None

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        parts = self._parts(scan.text, scan.lower)
        out: list[PiiMatch] = []
        prev_end = 0
        for cluster in _clusters(scan.text, parts):
            match = self._judge(scan, cluster, prev_end)
            if match is not None:
                out.append(match)
            prev_end = cluster[-1].end
        return out

    # -- reading components ---------------------------------------------------------------------
    def _parts(self, text: str, lower: str) -> list[_Part]:
        parts: list[_Part] = []
        pos = 0
        while True:
            m = _KEYWORD_RE.search(lower, pos)
            if m is None:
                break
            part = self._read(text, m)
            if part is None:
                pos = m.end()
                continue
            parts.append(part)
            pos = part.end
        return parts

    def _read(self, text: str, m: re.Match[str]) -> _Part | None:
        kind = m.lastgroup or ""
        start, end = m.start(), m.end()
        if kind in ("street", "estate", "region"):
            word = text[start:end].rstrip(".")
            gang = word.lower() in _GANG_WORDS
            lower_jalan = word == "jalan"
            max_words = 2 if kind == "region" else 4
            name_end, capital = self._name(
                text, end, need_capital=lower_jalan or word == "Jalan", max_words=max_words
            )
            if name_end == end and gang:
                number_name = _GANG_NUMBER_RE.match(text, end)
                name_end = number_name.end() if number_name else end
            if name_end == end and not lower_jalan:
                return None
            if lower_jalan and name_end == end:
                name_end, capital = self._name(text, end, need_capital=False)
                if name_end == end:
                    return None
            part = _Part(kind, start, name_end, weak=lower_jalan and not capital, gang=gang)
            if kind in ("street", "estate"):
                number = _BARE_NUMBER_RE.match(text, name_end)
                if number and not _UNIT_RE.match(text, number.end()):
                    part.end, part.numbered = number.end(), True
            elif kind == "region":
                postal = _POSTAL_RE.match(text, name_end)
                if postal:
                    part.end = postal.end()
            return part
        if kind == "no":
            number = _NUMBER_RE.match(text, end)
            if number is None or _UNIT_RE.match(text, number.end()):
                return None
            return _Part("no", start, number.end(), numbered=True)
        if kind == "blok":
            blok = _BLOK_RE.match(text, end)
            if blok is None or not blok.group().strip(" \t:."):
                return None
            part = _Part("blok", start, blok.end(), numbered=True)
            return part
        if kind in ("rt", "rw"):
            value = _RTRW_RE.match(text, end)
            if value is None:
                return None
            both = "/" in m.group() or len(re.findall(r"[0-9]+", value.group())) == 2
            return _Part("rt", start, value.end(), full_rtrw=both)
        return None

    def _name(
        self, text: str, pos: int, *, need_capital: bool, max_words: int = 4
    ) -> tuple[int, bool]:
        """End of a place name starting at `pos` (streets up to four words, villages and
        districts up to two), and whether it is capitalised. Stops at address keywords,
        numbers, punctuation and ordinary words."""
        end = pos
        words = 0
        capital = False
        while words < max_words:
            m = _WORD_RE.match(text, end)
            if m is None:
                break
            word = m.group(1)
            bare = word.rstrip(".").lower()
            if bare in _KEYWORDS or bare in self._cue_words:
                break
            is_capital = word[0].isupper()
            if words == 0:
                if need_capital and not is_capital:
                    break
                capital = is_capital
            elif capital and not is_capital:
                break
            if not capital and (bare in self._stop or words >= max_words - 1):
                break
            if word.endswith(".") and len(bare) > 3:
                # `Kel. Sukamaju. Bisa COD`: a full word with a dot ends the sentence
                return m.end() - 1, capital
            end = m.end()
            if not (word.endswith(".") and len(bare) <= 3):  # `K.H.`, `Ir.` are free
                words += 1
        return end, capital

    # -- deciding ---------------------------------------------------------------------------------
    def _judge(self, scan: Scan, cluster: list[_Part], prev_end: int) -> PiiMatch | None:
        kinds = {p.kind for p in cluster}
        if not kinds & _CORE:
            return None
        start, end = cluster[0].start, cluster[-1].end
        has_rtrw = any(p.full_rtrw for p in cluster) or _rt_and_rw(cluster)
        numbered = any(p.numbered for p in cluster)
        place = kinds & {"street", "blok", "estate"}
        if any(p.weak for p in cluster) and not (has_rtrw or "no" in kinds):
            return None
        if not (numbered or has_rtrw):
            return None
        cue = self._cue(scan, start, end, prev_end)
        if cue == "office":
            return None
        # RT/RW, an alley with a house number, or a block in a housing estate: a home
        residential = (
            has_rtrw or (numbered and any(p.gang for p in cluster)) or {"estate", "blok"} <= kinds
        )
        if place and residential:
            score = 0.9 if cue == "personal" else 0.8
        elif cue == "personal" and (place or self._cue_close(scan, start)):
            score = 0.85
        else:
            return None
        reason = "alamat rumah (jalan/blok + nomor atau RT/RW) yang dikaitkan dengan seseorang"
        return PiiMatch("address", start, end, score, self.name, reason, masks.ADDRESS)

    @staticmethod
    def _cue_close(scan: Scan, start: int) -> bool:
        """RT/RW alone is a home address only right after `rumah(nya) di`, `tinggal di`."""
        return scan.hits.last_before("personal_place", start, 25) is not None

    def _cue(self, scan: Scan, start: int, end: int, prev_end: int) -> str | None:
        """`personal`, `office` or None: the nearest cue before the address decides. A cue
        before an earlier address belongs to that one."""
        window = min(self.config.address_cue_window, start - prev_end)
        cue = scan.hits.nearest_before(("personal_place", "office"), start, window)
        after = scan.hits.first_after("office", end, 3)
        if after is not None and any(c in scan.text[end : after.start] for c in "(-–,"):
            return "office"  # `Jl. Merdeka No. 1 (Kantor Bupati)`
        inside = scan.hits.last_before("office", end, end - start)
        if inside is not None and inside.start < start < inside.end:
            return "office"  # `Balai Desa Sidomulyo, Jl. …`: the office name runs into it
        person = scan.person_before(start, 4, named_only=True)
        if person is not None and (cue is None or person[1] >= cue.end):
            return "personal"
        if cue is None:
            return None
        return "office" if cue.label == "office" else "personal"


def _rt_and_rw(cluster: list[_Part]) -> bool:
    """`RT 3 RW 5` read as two parts."""
    return sum(1 for p in cluster if p.kind == "rt") >= 2


def _clusters(text: str, parts: list[_Part]) -> list[list[_Part]]:
    clusters: list[list[_Part]] = []
    for part in parts:
        if clusters:
            prev = clusters[-1][-1]
            gap = _GAP_RE.fullmatch(text, prev.end, part.start) if part.start >= prev.end else None
            if gap is not None:
                clusters[-1].append(part)
                continue
        clusters.append([part])
    return clusters

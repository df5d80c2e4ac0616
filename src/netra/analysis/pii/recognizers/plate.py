"""Vehicle licence plates (TNKB): region prefix, 1–4 digits, 1–3 letters (`B 1234 XYZ`).

A plate identifies a vehicle's owner through the registration records, so it is personal data,
but a weak one: a plate is visible on the street. Severity is therefore low. Only upper-case
plates with a real region prefix are taken, unless the post speaks of a vehicle (`plat`, `nopol`,
`motor`), where `b 1234 xyz` typed in lower case counts too.
"""

from __future__ import annotations

import re

from netra.analysis.pii import masks
from netra.analysis.pii.base import PiiMatch, Recognizer, Scan
from netra.analysis.pii.config import PiiConfig
from netra.analysis.pii.regions import PLATE_PREFIXES

_SHAPE = r"(?<![A-Za-z0-9/.\-])(?P<prefix>[A-Za-z]{1,2})[ ]?(?P<number>[1-9][0-9]{0,3})[ ]?(?P<suffix>[A-Za-z]{1,3})(?![A-Za-z0-9])"  # noqa: E501


# `B 1 RI` and the like are state cars of officials: public, not a private person's
_STATE_SUFFIXES = frozenset({"RI"})


class LicensePlateRecognizer(Recognizer):
    name = "license_plate"
    entities = ("license_plate",)

    def __init__(self, config: PiiConfig) -> None:
        super().__init__(config)
        self._upper = re.compile(_SHAPE.replace("[A-Za-z]", "[A-Z]"))
        self._any_case = re.compile(_SHAPE)
        self._stop = {s.upper() for s in config.plate_suffix_stoplist}

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 1

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        cue = scan.hits.has("plate_cue")
        pattern = self._any_case if cue else self._upper
        out: list[PiiMatch] = []
        for m in pattern.finditer(scan.text):
            prefix, suffix = m.group("prefix").upper(), m.group("suffix").upper()
            if prefix not in PLATE_PREFIXES or suffix in _STATE_SUFFIXES:
                continue
            near = scan.hits.last_before("plate_cue", m.start(), self.config.label_window)
            if near is None and suffix in self._stop:
                continue  # `BB 12 KG` is a weight, unless a vehicle is being talked about
            upper = m.group() == m.group().upper()
            if not upper and near is None:
                continue
            compact = " " not in m.group()
            if compact and near is None and len(m.group("number")) < 3:
                continue  # `P4GN`, `B2B`: acronyms, not plates
            score = 0.9 if near is not None else 0.75
            out.append(
                PiiMatch("license_plate", m.start(), m.end(), score, self.name,
                         "nomor polisi kendaraan (kode wilayah + angka + huruf)",
                         masks.license_plate(m.group()))
            )  # fmt: skip
        return out

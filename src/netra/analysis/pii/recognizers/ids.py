"""Identity numbers: NIK and KK (16 digits), NIP (18), NPWP (15 or 16) and passport numbers.

Each is accepted only when its structure is valid (region code, date, serial, check digit), so a
16-digit card number or an 18-digit order id is not reported just for its length. Numbers may be
written with spaces, dots or dashes between any digits (`3174 0123 4567 0003`), in fullwidth
digits or with invisible characters inside: the clean view has already folded those away.
"""

from __future__ import annotations

import re

from netra.analysis.pii import masks
from netra.analysis.pii.base import PiiMatch, Recognizer, Scan
from netra.analysis.pii.numeric import in_code, nearest_label
from netra.analysis.pii.validators import kk_info, nik_info, nip_info, npwp_ok


class IdNumberRecognizer(Recognizer):
    """16 digits: NIK by default; KK or NPWP (the NIK-based form) when the nearest label says so;
    left to the bank recognizer when the nearest label is a bank word."""

    name = "id_number_16"
    entities = ("nik", "kk", "npwp")

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 16

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        cfg = self.config
        out: list[PiiMatch] = []
        for chain in scan.chains:
            if chain.digit_count < 16:
                continue
            taken_until = -1
            for first, last in chain.windows(16):
                if first <= taken_until:
                    continue
                start, end = chain.groups[first].start, chain.groups[last].end
                if in_code(scan, start, end):
                    continue
                digits = chain.digits(first, last)
                label = nearest_label(scan, start, end, cfg.label_window, cfg.label_window_after)
                kind = label.label if label else None
                match = self._classify(digits, kind)
                if match is None:
                    continue
                entity, score, reason = match
                value = scan.text[start:end]
                out.append(PiiMatch(entity, start, end, score, self.name, reason,
                                    masks.id_number(value)))  # fmt: skip
                taken_until = last
        return out

    @staticmethod
    def _classify(digits: str, label: str | None) -> tuple[str, float, str] | None:
        if label in ("bank", "bank_strong", "passport", "nip", "not_id"):
            return None
        if label == "npwp":
            if digits.startswith("0") and npwp_ok(digits):
                return "npwp", 0.95, "NPWP 16 digit dengan digit periksa yang valid"
            if nik_info(digits):
                return "npwp", 0.95, "NPWP berbasis NIK (16 digit, struktur NIK valid)"
            return None
        info = nik_info(digits)
        if info is None:
            return None
        if label == "kk":
            if kk_info(digits):
                return "kk", 0.95, "Nomor KK: kode wilayah dan tanggal terbit valid"
            return "nik", 0.85, "struktur NIK valid (kode wilayah, tanggal lahir, nomor urut)"
        if label == "nik":
            return "nik", 0.97, "struktur NIK valid dan didahului kata NIK/KTP"
        return "nik", 0.85, "16 digit dengan struktur NIK valid (kode wilayah, tanggal lahir)"


class NipRecognizer(Recognizer):
    """18-digit NIP of a civil servant: birth date, appointment month, gender digit, serial."""

    name = "nip"
    entities = ("nip",)

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 18

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        cfg = self.config
        out: list[PiiMatch] = []
        for chain in scan.chains:
            if chain.digit_count < 18:
                continue
            for first, last in chain.windows(18):
                start, end = chain.groups[first].start, chain.groups[last].end
                if in_code(scan, start, end) or nip_info(chain.digits(first, last)) is None:
                    continue
                label = nearest_label(scan, start, end, cfg.label_window, cfg.label_window_after)
                if label is not None and label.label == "not_id":
                    continue
                labelled = label is not None and label.label == "nip"
                score = 0.97 if labelled else 0.85
                reason = "NIP 18 digit: tanggal lahir, TMT dan kode jenis kelamin valid"
                value = scan.text[start:end]
                out.append(PiiMatch("nip", start, end, score, self.name, reason,
                                    masks.id_number(value)))  # fmt: skip
                break
        return out


_NPWP_SIZES = (2, 3, 3, 1, 3, 3)


class NpwpRecognizer(Recognizer):
    """15-digit NPWP. The printed form `12.345.678.9-012.345` is distinctive on its own; a bare
    15-digit run needs the word NPWP nearby and a valid check digit."""

    name = "npwp_15"
    entities = ("npwp",)

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 15

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        cfg = self.config
        out: list[PiiMatch] = []
        for chain in scan.chains:
            if chain.digit_count < 15:
                continue
            for first, last in chain.windows(15):
                start, end = chain.groups[first].start, chain.groups[last].end
                if in_code(scan, start, end):
                    continue
                digits = chain.digits(first, last)
                label = nearest_label(scan, start, end, cfg.label_window, cfg.label_window_after)
                labelled = label is not None and label.label == "npwp"
                printed = _printed_npwp(chain, first, last)
                valid = npwp_ok(digits)
                if printed and valid:
                    score, reason = 0.97, "format NPWP (99.999.999.9-999.999), digit periksa valid"
                elif labelled and (valid or printed):
                    score, reason = 0.9, "15 digit NPWP didahului kata NPWP"
                else:
                    continue
                value = scan.text[start:end]
                out.append(PiiMatch("npwp", start, end, score, self.name, reason,
                                    masks.npwp(value)))  # fmt: skip
                break
        return out


def _printed_npwp(chain, first: int, last: int) -> bool:
    groups = chain.groups[first : last + 1]
    if tuple(len(g.digits) for g in groups) != _NPWP_SIZES:
        return False
    seps = [g.sep.strip() for g in groups[1:]]
    return seps == [".", ".", ".", "-", "."]


class PassportRecognizer(Recognizer):
    """Indonesian passport numbers (a letter and 7 digits, e.g. `X1234567`, `A 1234567`), only
    next to the word paspor/passport: the shape alone is too common (codes, invoices)."""

    name = "passport"
    entities = ("passport",)
    _pattern = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2})[ ]?([0-9]{6,7})(?![0-9A-Za-z])")

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 6 and scan.hits.has("passport")

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        cfg = self.config
        out: list[PiiMatch] = []
        for m in self._pattern.finditer(scan.text):
            start, end = m.span()
            label = nearest_label(scan, start, end, cfg.label_window, cfg.label_window_after)
            if label is None or label.label != "passport":
                continue
            letters, digits = m.group(1), m.group(2)
            canonical = len(letters) == 1 and len(digits) == 7
            score = 0.95 if canonical else 0.8
            reason = "nomor paspor (huruf + 7 digit) didahului kata paspor"
            out.append(PiiMatch("passport", start, end, score, self.name, reason,
                                masks.passport(m.group())))  # fmt: skip
        return out

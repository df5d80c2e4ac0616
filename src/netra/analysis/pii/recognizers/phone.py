"""Indonesian phone numbers in the ways people write them.

`08123456789`, `0812-3456-7890`, `0812.3456.7890`, `+62 812 3456 7890`, `62812…`, `(+62) 812…`,
`(0812) 3456 7890`, `wa.me/6281…`; landlines `(021) 123 4567`, `0274-512345`. Service numbers
(112, 1500-xxx, 14045) never start with 0 and are not matched at all. A mobile number framed as
an agency's call centre or hotline is official, not personal; a landline is reported only when the
post ties it to a person or a home, because most landlines in posts are offices'.
"""

from __future__ import annotations

from netra.analysis.pii import masks
from netra.analysis.pii.base import DigitChain, PiiMatch, Recognizer, Scan
from netra.analysis.pii.numeric import in_code, is_date_or_time, nearest_label
from netra.analysis.pii.validators import national_phone, phone_kind

# how close an agency's name must stand before a number to make it the agency's contact
_AGENCY_WINDOW = 30


class PhoneRecognizer(Recognizer):
    name = "phone"
    entities = ("phone",)

    def ready(self, scan: Scan) -> bool:
        return scan.digit_count >= 9

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        out: list[PiiMatch] = []
        for chain in scan.chains:
            if chain.digit_count < 9:
                continue
            i = 0
            groups = chain.groups
            while i < len(groups):
                found = self._number_at(scan, chain, i)
                if found is None:
                    i += 1
                    continue
                last, kind = found
                match = self._judge(scan, chain, i, last, kind)
                if match is not None:
                    out.append(match)
                i = last + 1
        return out

    # -- finding the number ---------------------------------------------------------------------
    @staticmethod
    def _starts_number(chain: DigitChain, i: int) -> bool:
        g = chain.groups[i]
        if i > 0 and g.sep.strip() not in ("", "(", ")", ")("):
            return False  # `1234-0812…`: a dash or dot joins it to the previous digits
        if i > 0 and g.sep == " " and len(chain.groups[i - 1].digits) >= 3:
            return False  # `6032 0829 9361 5641`: the middle of a card or parcel number
        split_after_two = len(g.digits) == 2 and i + 1 < len(chain.groups)
        if split_after_two and g.digits[0] == "0" and chain.groups[i + 1].sep.strip() == "":
            return False  # `RW 08 13012023`: no one writes a phone number as `08 1234…`
        return g.digits.startswith(("0", "62"))

    def _number_at(self, scan: Scan, chain: DigitChain, i: int) -> tuple[int, str] | None:
        if not self._starts_number(chain, i):
            return None
        groups = chain.groups
        digits = ""
        best: tuple[int, str] | None = None
        for j in range(i, len(groups)):
            g = groups[j]
            widest = max(len(x.digits) for x in groups[i:j]) if j > i else 0
            if g.sep.strip() == "" and len(g.digits) <= 2 < widest and best is not None:
                break  # `0812 3456 7890 2 orang`: a short space-separated tail is not part of it
            digits += g.digits
            national = national_phone(digits)
            if len(national) > 13:
                break
            kind = phone_kind(national)
            if kind is not None:
                best = (j, kind)
        return best

    # -- deciding whether it is personal --------------------------------------------------------
    def _judge(
        self, scan: Scan, chain: DigitChain, first: int, last: int, kind: str
    ) -> PiiMatch | None:
        cfg = self.config
        start, end = chain.groups[first].start, chain.groups[last].end
        if in_code(scan, start, end) and not _is_link(scan, start):
            return None
        if is_date_or_time(chain, first, last):
            return None  # `08-12-2024 10.00`
        start = _extend_left(scan.text, start, end)
        label = nearest_label(scan, start, end, cfg.label_window, cfg.label_window_after)
        if label is not None and label.label == "bank_strong":
            return None  # `rek 0812345678`: an account number shaped like a phone
        if kind == "landline" and label is not None and label.label == "bank":
            return None  # `BNI 0361 2847 55`: an account number shaped like a landline
        if self._official(scan, start):
            return None
        cue = label is not None and label.label == "phone_cue"
        if kind == "landline":
            if not self._personal(scan, start, end):
                return None
            score, reason = 0.8, "nomor telepon rumah/pribadi (kode area + nomor) milik seseorang"
        else:
            score = 0.95 if cue else 0.9
            reason = "nomor HP Indonesia (08xx/+62 8xx, 10–13 digit)"
        value = scan.text[start:end]
        return PiiMatch("phone", start, end, score, self.name, reason, masks.phone(value))

    def _official(self, scan: Scan, start: int) -> bool:
        """Framed as an agency's call centre or hotline (`Call Center …`, `layanan pengaduan`),
        or given right after an agency's name (`WhatsApp Satpol PP 0812…`), with no person named
        in between."""
        service = scan.hits.last_before("service", start, self.config.service_window)
        agency = scan.hits.last_before("agency", start, _AGENCY_WINDOW)
        for cue in (service, agency):
            if cue is None or "\n" in scan.text[cue.end : start]:
                continue
            person = scan.person_before(start, start - cue.end, named_only=True)
            if person is None or person[0] < cue.start:
                return True
        return False

    def _personal(self, scan: Scan, start: int, end: int) -> bool:
        if not self.config.landline_needs_personal_context:
            return True
        window = self.config.label_window
        place = scan.hits.last_before("personal_place", start, window)
        office = scan.hits.nearest_before(("office", "service"), start, window)
        person = scan.person_before(start, window, named_only=True)
        cue_end = max(place.end if place else -1, person[1] if person else -1)
        if cue_end < 0:
            return scan.hits.first_after("personal_place", end, 25) is not None
        return office is None or office.end < cue_end


def _is_link(scan: Scan, start: int) -> bool:
    return scan.lower.endswith(("wa.me/", "api.whatsapp.com/send?phone="), 0, start)


def _extend_left(text: str, start: int, end: int) -> int:
    """Include a `+` and an opening parenthesis that belong to the number: `(021) 123 4567` and
    `(+62) 812…` keep theirs; `(0812-3456-7890)` around the whole number keeps neither."""
    i = start
    if i > 0 and text[i - 1] == "+":
        i -= 1
    elif i > 1 and text[i - 1] == " " and text[i - 2] == "+":
        i -= 2
    if i > 0 and text[i - 1] == "(" and ")" in text[start:end]:
        i -= 1
    return i

"""Identity-verification details: a person's date of birth and their mother's maiden name.

Banks, BPJS and Dukcapil services verify a caller by name, date of birth and *nama ibu
kandung*; posted together with a name (a missing-person appeal, a list of aid recipients, a form
copied into a group) they let anyone impersonate that person. Both are personal data (UU 27/2022
PDP Pasal 4 ayat 3).

Reported:
- `birth_date`: a date right after a form-style label (`tgl lahir`, `tanggal lahir`, `TTL`,
  `tempat/tanggal lahir`), as a form writes it: only punctuation or a birthplace between the
  label and the date. A date after `lahir tanggal` in a story ("Bung Karno lahir tanggal…") is not
  a form and is left alone, as is a rule about dates ("tanggal lahir paling lambat 1 Juli 2018").
- `mother_name`: a capitalised name right after `nama ibu kandung` / `ibu kandung` / `nama gadis
  ibu`. Instructions without a name ("isi nama ibu kandung sesuai KK") are not data.
The span is the value only, so redaction keeps the label readable: `tgl lahir [tanggal lahir
disamarkan]`.
"""

from __future__ import annotations

import re

from netra.analysis.pii.base import PiiMatch, Recognizer, Scan

_MONTHS = (
    r"(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:et|ch)?|apr(?:il)?|mei|may|jun(?:i|e)?|"
    r"jul(?:i|y)?|agu(?:stus)?|aug(?:ust)?|agt|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|"
    r"nov(?:ember)?|des(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:[0-3]?[0-9][ \t]*[-/.][ \t]*[01]?[0-9][ \t]*[-/.][ \t]*(?:19|20)?[0-9]{2}"
    rf"|[0-3]?[0-9][ \t]+{_MONTHS}\.?[ \t]+(?:19|20)[0-9]{{2}}"
    r"|(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9])(?![0-9])"
)
_BIRTH_LABEL = (
    r"(?:tempat[ \t]*[,/][ \t]*(?:tgl|tanggal)\.?[ \t]*lahir|(?:tgl|tanggal)\.?[ \t]*lahir|ttl)"
)
# Label, then what a form puts before the date: punctuation, "nya", or a birthplace and a comma.
_BIRTH_RE = re.compile(
    rf"(?<![A-Za-z]){_BIRTH_LABEL}(?:nya)?[ \t]*[:=]?[ \t]*"
    rf"(?:[A-Za-z][A-Za-z .]{{1,25}},[ \t]*)?({_DATE})",
    re.IGNORECASE,
)
_MOTHER_RE = re.compile(
    r"(?<![A-Za-z])(?i:(?:nama[ \t]+)?(?:ibu[ \t]+kandung|gadis[ \t]+ibu(?:[ \t]+kandung)?)"
    r"(?:[ \t]*(?:nya|saya|aku|beliau|dia|ybs))?)[ \t]*[:=]?[ \t]*"
    r"((?:Hj\.?[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})(?![A-Za-z])",
)
_CUES = ("lahir", "ttl", "ibu kandung", "gadis ibu")


class IdentityDetailRecognizer(Recognizer):
    name = "identity"
    entities = ("birth_date", "mother_name")

    def ready(self, scan: Scan) -> bool:
        lower = scan.lower
        return any(cue in lower for cue in _CUES)

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        out = [
            PiiMatch("birth_date", m.start(1), m.end(1), 0.85, self.name,
                     "tanggal yang ditulis sesudah label tanggal lahir",
                     "[tanggal lahir disamarkan]")
            for m in _BIRTH_RE.finditer(scan.text)
        ]  # fmt: skip
        out += [
            PiiMatch("mother_name", m.start(1), m.end(1), 0.85, self.name,
                     "nama yang ditulis sesudah label nama ibu kandung",
                     "[nama ibu kandung disamarkan]")
            for m in _MOTHER_RE.finditer(scan.text)
        ]  # fmt: skip
        return out

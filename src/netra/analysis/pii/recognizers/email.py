"""E-mail addresses of persons.

Not personal: official government mailboxes (`*.go.id`, `*.mil.id`, `*.desa.id` — a work
channel, published by the agency itself), role mailboxes on any domain (`humas@`, `info@`,
`pengaduan@`), and agency mailboxes on free webmail (`dinkes.kabxyz@gmail.com`, common in local
government). A person's own address (`budi.santoso88@gmail.com`) is. Obfuscated forms people use
against scrapers (`budi [at] gmail [dot] com`) are recognised too.
"""

from __future__ import annotations

import re

from netra.analysis.pii import masks
from netra.analysis.pii.base import PiiMatch, Recognizer, Scan
from netra.analysis.pii.config import PiiConfig

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_AT = r"(?:@|[ ]?[\[(\{]\s?(?:at|et)\s?[\])\}][ ]?)"
_DOT = r"(?:\.|[ ]?[\[(\{]\s?(?:dot|titik)\s?[\])\}][ ]?)"
_EMAIL_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])(?P<local>{_LOCAL}){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,24}})(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)
_DOT_NORMALISE = re.compile(r"\s?[\[(\{]\s?(?:dot|titik)\s?[\])\}]\s?", re.IGNORECASE)
_SPLIT_LOCAL = re.compile(r"[._\-+0-9]+")


class EmailRecognizer(Recognizer):
    name = "email"
    entities = ("email",)

    def __init__(self, config: PiiConfig) -> None:
        super().__init__(config)
        self._official = tuple(d.lower().lstrip(".") for d in config.institutional_email_domains)
        self._roles = {w.lower() for w in config.role_mailboxes}
        words = [w.lower() for w in config.agency_mail_words]
        self._agency_exact = set(words)
        self._agency_prefix = tuple(w for w in words if len(w) >= 5)

    def ready(self, scan: Scan) -> bool:
        return "@" in scan.text or "[at]" in scan.lower or "(at)" in scan.lower

    def analyze(self, scan: Scan) -> list[PiiMatch]:
        out: list[PiiMatch] = []
        for m in _EMAIL_RE.finditer(scan.text):
            local = m.group("local")
            domain = _DOT_NORMALISE.sub(".", m.group("domain")).lower()
            if self._institutional(local.lower(), domain) or self._framed_official(scan, m.start()):
                continue
            out.append(
                PiiMatch("email", m.start(), m.end(), 0.9, self.name,
                         "alamat e-mail pribadi (bukan alamat dinas/instansi)",
                         masks.email(local, domain))
            )  # fmt: skip
        return out

    def _institutional(self, local: str, domain: str) -> bool:
        if any(domain == d or domain.endswith("." + d) for d in self._official):
            return True
        if local in self._roles:
            return True
        for part in _SPLIT_LOCAL.split(local):
            if part in self._roles or part in self._agency_exact:
                return True
            if part.startswith(self._agency_prefix):
                return True
        return False

    def _framed_official(self, scan: Scan, start: int) -> bool:
        service = scan.hits.last_before("service", start, self.config.service_window)
        if service is None:
            return False
        person = scan.person_before(start, start - service.end, named_only=True)
        return person is None or person[0] < service.start

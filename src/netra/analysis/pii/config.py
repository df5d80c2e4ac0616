"""What an admin may tune, read from the rulebook: context words and thresholds.

Context words come from the lexicons `pii_context` and `pii_health` (entries grouped by label);
numbers and short lists from the `settings:` block of `rules/detectors/personal_data.yaml`.
Defaults here keep the recognizers usable on their own (benchmarks, unit tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

LEXICONS = ("pii_context", "pii_health")


@dataclass
class PiiConfig:
    terms: dict[str, list[str]] = field(default_factory=dict)
    # how far (characters) a label such as "NIK" or "rek BRI" may stand before a number
    label_window: int = 45
    # ... or after it ("0812xxx (WA)", "1234567890 a.n. Budi")
    label_window_after: int = 15
    # how far a "call center" / "hotline" framing reaches
    service_window: int = 70
    # how far "kantor", "rumah", "alamat" reach before an address
    address_cue_window: int = 70
    # how far apart a named person and a health condition may stand
    health_window: int = 150
    bank_min_digits: int = 8
    bank_max_digits: int = 16
    institutional_email_domains: list[str] = field(
        default_factory=lambda: ["go.id", "mil.id", "desa.id", "polri.go.id"]
    )
    role_mailboxes: list[str] = field(default_factory=list)
    agency_mail_words: list[str] = field(default_factory=list)
    plate_suffix_stoplist: list[str] = field(default_factory=list)
    landline_needs_personal_context: bool = True

    def words(self, *labels: str) -> list[str]:
        out: list[str] = []
        for label in labels:
            out.extend(self.terms.get(label, []))
        return out

    @classmethod
    def from_data(
        cls, lexicons: Mapping[str, Any], settings: Mapping[str, Any] | None = None
    ) -> PiiConfig:
        """Build from the rulebook's lexicon objects (or plain dicts) and a settings mapping."""
        terms: dict[str, list[str]] = {}
        for name in LEXICONS:
            lexicon = lexicons.get(name)
            if lexicon is None:
                continue
            for entry in _entries(lexicon):
                label, words = entry
                terms.setdefault(label, []).extend(words)
        known = {f.name for f in fields(cls)} - {"terms"}
        options = {k: v for k, v in (settings or {}).items() if k in known}
        return cls(terms=terms, **options)

    @classmethod
    def from_rulebook(cls, rulebook: Any) -> PiiConfig:
        rule_file = rulebook.rule_files.get("personal_data")
        settings = rule_file.settings if rule_file else {}
        return cls.from_data(rulebook.lexicons, settings)

    @classmethod
    def shipped(cls) -> PiiConfig:
        """The configuration of the shipped rulebook (for tools that run without an Engine)."""
        from netra.rules.loader import load_rulebook

        return cls.from_rulebook(load_rulebook())


def _entries(lexicon: Any) -> Iterable[tuple[str, list[str]]]:
    if hasattr(lexicon, "all_entries"):
        for entry in lexicon.all_entries():
            if entry.label:
                yield entry.label, list(entry.terms)
        return
    for entry in lexicon.get("entries", []):
        if entry.get("label"):
            yield entry["label"], list(entry.get("terms", []))

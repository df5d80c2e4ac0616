"""Validated claim data, shared by analysts' edits and every importer.

All input — a CSV row, a JSONL object, a feed item, a form — becomes a `ClaimInput` through
`validate_claim`, which either returns clean values or raises `ClaimValidationError` with an
Indonesian reason naming the field. The store never sees unvalidated text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from netra.factcheck.dates import DateError, parse_date
from netra.factcheck.verdicts import normalize_verdict, verdict_choices_text

MAX_CLAIM_CHARS = 5_000
MAX_LONG_TEXT_CHARS = 20_000
MAX_SHORT_TEXT_CHARS = 200
MAX_URL_CHARS = 2_000
CLAIM_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/\-]{0,79}$")

# Fields an analyst or an importer may set; `claim_id` is fixed once a claim exists.
EDITABLE_FIELDS: tuple[str, ...] = (
    "claim",
    "verdict",
    "source_url",
    "publisher",
    "published_at",
    "updated_at_source",
    "topic",
    "explanation",
    "clarification",
)
REQUIRED_FIELDS: tuple[str, ...] = ("claim", "verdict", "source_url")

FIELD_LABELS = {
    "claim_id": "id",
    "claim": "claim",
    "verdict": "verdict",
    "source_url": "source_url",
    "publisher": "publisher",
    "published_at": "published_at",
    "updated_at_source": "updated_at",
    "topic": "topic",
    "explanation": "explanation",
    "clarification": "clarification",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ClaimValidationError(ValueError):
    """A value that cannot be stored; `message` is Indonesian and names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class ClaimInput:
    """A claim's values after validation (dates parsed, verdict canonical, text cleaned)."""

    claim: str
    verdict: str
    source_url: str
    claim_id: str | None = None
    publisher: str | None = None
    published_at: date | None = None
    updated_at_source: date | None = None
    topic: str | None = None
    explanation: str | None = None
    clarification: str | None = None

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in EDITABLE_FIELDS}

    def stable_id(self) -> str:
        """The given id, or one derived from the debunk URL and the claim text (stable)."""
        if self.claim_id:
            return self.claim_id
        return derive_claim_id(self.source_url, self.claim)


def derive_claim_id(source_url: str, claim: str) -> str:
    key = canonical_url(source_url) + "\n" + " ".join(claim.lower().split())
    return "fc-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def canonical_url(url: str) -> str:
    """The URL without fragment, tracking parameters or trailing slash; host lower-cased."""
    parts = urlsplit(url.strip())
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith(("utm_", "fbclid", "gclid"))]
    )  # fmt: skip
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def clean_text(value: Any, field: str, limit: int, *, required: bool = False) -> str | None:
    """Strip, drop control characters (PostgreSQL refuses NUL), enforce a length limit."""
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(value)
    else:
        raise ClaimValidationError(field, f"kolom {FIELD_LABELS.get(field, field)} harus teks")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()
    if not text:
        if required:
            raise ClaimValidationError(field, f"kolom {FIELD_LABELS.get(field, field)} kosong")
        return None
    if len(text) > limit:
        raise ClaimValidationError(
            field,
            f"kolom {FIELD_LABELS.get(field, field)} terlalu panjang "
            f"({len(text):,} karakter; batas {limit:,})".replace(",", "."),
        )
    return text


def validate_url(value: Any) -> str:
    url = clean_text(value, "source_url", MAX_URL_CHARS, required=True)
    assert url is not None
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname or " " in url:
        raise ClaimValidationError(
            "source_url", f"source_url bukan alamat http(s) yang valid: {url[:80]!r}"
        )
    return url


def validate_verdict(value: Any) -> str:
    raw = clean_text(value, "verdict", 100, required=True)
    verdict = normalize_verdict(raw)
    if verdict is None:
        raise ClaimValidationError(
            "verdict", f"verdict tidak dikenal: {raw!r} (pilihan: {verdict_choices_text()})"
        )
    return verdict


def validate_claim_id(value: Any) -> str | None:
    raw = clean_text(value, "claim_id", 200)
    if raw is None:
        return None
    if not CLAIM_ID_RE.match(raw):
        raise ClaimValidationError(
            "claim_id",
            f"id tidak valid: {raw[:40]!r} (huruf, angka, . _ : / -; maksimal 80 karakter)",
        )
    return raw


def validate_date(value: Any, field: str) -> date | None:
    if isinstance(value, date):
        return value
    raw = clean_text(value, field, 100)
    try:
        return parse_date(raw)
    except DateError as exc:
        raise ClaimValidationError(field, f"{FIELD_LABELS[field]}: {exc}") from None


def validate_field(field: str, value: Any) -> Any:
    """Validate one editable field (used for analysts' edits)."""
    if field == "claim":
        return clean_text(value, "claim", MAX_CLAIM_CHARS, required=True)
    if field == "verdict":
        return validate_verdict(value)
    if field == "source_url":
        return validate_url(value)
    if field in ("published_at", "updated_at_source"):
        return validate_date(value, field)
    if field in ("publisher", "topic"):
        return clean_text(value, field, MAX_SHORT_TEXT_CHARS)
    if field in ("explanation", "clarification"):
        return clean_text(value, field, MAX_LONG_TEXT_CHARS)
    raise ClaimValidationError(field, f"kolom {field!r} tidak bisa diubah")


def validate_claim(data: Mapping[str, Any]) -> ClaimInput:
    """Validate a whole claim (keys are the canonical field names; missing keys mean empty)."""
    values: dict[str, Any] = {"claim_id": validate_claim_id(data.get("claim_id"))}
    for field in EDITABLE_FIELDS:
        values[field] = validate_field(field, data.get(field))
    return ClaimInput(**values)

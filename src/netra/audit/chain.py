"""How an event is serialised and hashed. Changing anything here breaks every existing chain, so
the material carries a format version (`v`) and nothing in it depends on the database backend."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

GENESIS = "0" * 64  # the `prev_hash` of the first event
FORMAT_VERSION = 1
MAX_PAYLOAD_BYTES = 64_000  # an audit payload describes a change; content belongs elsewhere


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, PurePath):
        return str(value)
    raise TypeError(f"not JSON-serialisable in an audit payload: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept as is, no NaN: one text for one value."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_default,
    )


def iso_utc(value: datetime) -> str:
    """Microsecond ISO-8601 in UTC with a `Z`, identical on SQLite and PostgreSQL."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(
    *,
    seq: int,
    at: datetime,
    actor: str | None,
    actor_id: int | None,
    action: str,
    object_type: str | None,
    object_id: str | None,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical serialisation of every stored field but the hash itself."""
    material = canonical_json(
        {
            "v": FORMAT_VERSION,
            "seq": seq,
            "at": iso_utc(at),
            "actor": actor,
            "actor_id": actor_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "payload": payload,
            "prev": prev_hash,
        }
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def sha256_text(text: str) -> str:
    """The fingerprint events carry instead of content (post text lives in its own table)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

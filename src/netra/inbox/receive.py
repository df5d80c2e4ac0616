"""Receiving a webhook delivery: check it, store it verbatim, then parse it into messages.

The order is the guarantee. Nothing unauthenticated is stored; everything authenticated is
stored (committed) before it is parsed; parsed messages and the delivery's `parsed` mark commit
together. A crash, a parser bug or an unknown payload shape leaves the delivery `received` or
`failed` with its body, and `process_pending_deliveries` parses it again. The web route only maps
the returned `Receipt` to an HTTP answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select, update

from netra.config import Settings, get_settings
from netra.inbox import store
from netra.inbox.errors import InboxError, PayloadTooLarge
from netra.inbox.tables import Delivery
from netra.inbox.webhooks import (
    GENERIC_SIGNATURE_HEADER,
    META_SIGNATURE_HEADER,
    PARSERS,
    TELEGRAM_SECRET_HEADER,
    verify_generic_signature,
    verify_meta_signature,
    verify_telegram_secret,
)
from netra.inbox.webhooks.common import Parsed
from netra.storage.base import utcnow
from netra.storage.db import session_scope

SOURCES = tuple(PARSERS)


@dataclass
class Receipt:
    """The outcome of one delivery. `status_code` is what the web route answers."""

    status_code: int
    delivery_id: int | None = None
    message_ids: list[int] = field(default_factory=list)
    duplicates: int = 0
    skipped: int = 0
    error: dict[str, str] | None = None

    @property
    def accepted(self) -> int:
        return len(self.message_ids)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "delivery_id": self.delivery_id,
        }
        if self.error:
            out["error"] = self.error
        return out


def _secret(value: Any) -> str | None:
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)


def verify(source: str, body: bytes, headers: Mapping[str, str], settings: Settings) -> None:
    """Raise `SignatureError`/`NotConfigured` unless the delivery is authentic."""
    lower = {k.lower(): v for k, v in headers.items()}
    if source == "meta":
        verify_meta_signature(
            body, lower.get(META_SIGNATURE_HEADER.lower()), _secret(settings.inbox_meta_app_secret)
        )
    elif source == "telegram":
        verify_telegram_secret(
            lower.get(TELEGRAM_SECRET_HEADER.lower()), _secret(settings.inbox_telegram_secret_token)
        )
    elif source == "webhook":
        verify_generic_signature(
            body,
            lower.get(GENERIC_SIGNATURE_HEADER.lower()),
            _secret(settings.inbox_webhook_secret),
        )
    else:
        raise InboxError("unknown_source", f"Sumber webhook tidak dikenal: {source[:40]}.")


def receive_webhook(
    engine: Engine,
    source: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    settings: Settings | None = None,
) -> Receipt:
    """Check, store and parse one delivery; never raises for bad input (see `Receipt`)."""
    settings = settings or get_settings()
    if len(body) > settings.inbox_max_body_bytes:
        exc = PayloadTooLarge(
            "too_large",
            f"Kiriman terlalu besar ({len(body):,} bita; batas "
            f"{settings.inbox_max_body_bytes:,}).".replace(",", "."),
        )
        return Receipt(exc.status_code, error=exc.to_dict())
    try:
        verify(source, body, headers, settings)
    except InboxError as exc:
        return Receipt(exc.status_code, error=exc.to_dict())
    delivery_id = store_delivery(engine, source, body)
    return parse_delivery(engine, delivery_id, max_chars=settings.inbox_max_message_chars)


def store_delivery(engine: Engine, source: str, body: bytes) -> int:
    """Commit the raw body (its own transaction: it survives whatever comes next).

    The same bytes already parsed (a platform retrying, a replay) are not stored again: the id
    of the earlier delivery comes back and parsing it is a no-op."""
    text = body.decode("utf-8", errors="replace").replace("\x00", "")
    digest = hashlib.sha256(body).hexdigest()
    with session_scope(engine) as session:
        replayed = session.scalar(
            select(Delivery.id)
            .where(
                Delivery.body_sha256 == digest,
                Delivery.source == source,
                Delivery.status == "parsed",
            )
            .limit(1)
        )
        if replayed is not None:  # the very same bytes again: nothing new to store or parse
            return int(replayed)
        delivery = Delivery(
            source=source,
            body=text,
            body_sha256=digest,
            status="received",
            messages=0,
            duplicates=0,
            received_at=utcnow(),
        )
        session.add(delivery)
        session.flush()
        return int(delivery.id)


def parse_delivery(engine: Engine, delivery_id: int, *, max_chars: int) -> Receipt:
    """Parse a stored delivery and accept its messages, atomically with its `parsed` mark."""
    with session_scope(engine) as session:
        delivery = session.get(Delivery, delivery_id)
        if delivery is None or delivery.status == "parsed":
            return Receipt(200, delivery_id=delivery_id)
        source, body = delivery.source, delivery.body
    try:
        parsed = _parse(source, body)
    except InboxError as exc:
        _mark_failed(engine, delivery_id, exc.message)
        return Receipt(400, delivery_id=delivery_id, error=exc.to_dict())
    except Exception as exc:  # a parser bug must not lose the delivery: keep it for later
        _mark_failed(engine, delivery_id, f"{type(exc).__name__}: {exc}"[:2000])
        error = {"code": "parse_failed", "message": "Kiriman disimpan tetapi gagal diurai."}
        return Receipt(500, delivery_id=delivery_id, error=error)
    with session_scope(engine) as session:
        result = store.accept(
            session, parsed.messages, delivery_id=delivery_id, max_chars=max_chars
        )
        session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id)
            .values(
                status="parsed",
                messages=result.accepted,
                duplicates=result.duplicates,
                error=None,
                parsed_at=utcnow(),
            )
        )
    return Receipt(
        200,
        delivery_id=delivery_id,
        message_ids=result.ids,
        duplicates=result.duplicates,
        skipped=parsed.skipped,
    )


def _parse(source: str, body: str) -> Parsed:
    parser = PARSERS.get(source)
    if parser is None:
        raise InboxError("unknown_source", f"Sumber webhook tidak dikenal: {source[:40]}.")
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, RecursionError):
        raise InboxError("bad_json", "Isi kiriman bukan JSON yang valid.") from None
    return parser(payload)


def _mark_failed(engine: Engine, delivery_id: int, error: str) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(Delivery).where(Delivery.id == delivery_id).values(status="failed", error=error)
        )


def meta_subscription(params: Mapping[str, str], *, settings: Settings | None = None) -> str:
    """The `hub.challenge` for Meta's GET subscription handshake (raises `InboxError`)."""
    from netra.inbox.webhooks import meta_handshake

    settings = settings or get_settings()
    return meta_handshake(params, _secret(settings.inbox_meta_verify_token))


def process_pending_deliveries(
    engine: Engine, *, include_failed: bool = False, limit: int = 500, max_chars: int | None = None
) -> list[Receipt]:
    """Parse deliveries stored but not parsed (a crash between the two steps), and, when asked,
    those that failed (after a parser fix)."""
    statuses = ["received", "failed"] if include_failed else ["received"]
    max_chars = max_chars or get_settings().inbox_max_message_chars
    with session_scope(engine) as session:
        ids = session.scalars(
            select(Delivery.id)
            .where(Delivery.status.in_(statuses))
            .order_by(Delivery.id)
            .limit(limit)
        ).all()
    return [parse_delivery(engine, int(i), max_chars=max_chars) for i in ids]

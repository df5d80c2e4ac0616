"""Webhook deliveries: signature checks and one payload parser per platform.

Parsers are pure functions from a decoded JSON payload to `IncomingMessage`s; they never touch
the database, so `netra.inbox.receive` can store the raw body first and parse it afterwards.
"""

from __future__ import annotations

from netra.inbox.webhooks.generic import parse_generic
from netra.inbox.webhooks.meta import parse_meta
from netra.inbox.webhooks.signatures import (
    GENERIC_SIGNATURE_HEADER,
    META_SIGNATURE_HEADER,
    TELEGRAM_SECRET_HEADER,
    meta_handshake,
    sign_body,
    verify_generic_signature,
    verify_meta_signature,
    verify_telegram_secret,
)
from netra.inbox.webhooks.telegram import parse_telegram, parse_telegram_update
from netra.inbox.webhooks.x import parse_x

#: Delivery source -> parser. `x` pages come from the poller (X has no simple webhook here).
PARSERS = {"meta": parse_meta, "telegram": parse_telegram, "webhook": parse_generic, "x": parse_x}

__all__ = [
    "GENERIC_SIGNATURE_HEADER",
    "META_SIGNATURE_HEADER",
    "PARSERS",
    "TELEGRAM_SECRET_HEADER",
    "meta_handshake",
    "parse_generic",
    "parse_meta",
    "parse_telegram",
    "parse_telegram_update",
    "parse_x",
    "sign_body",
    "verify_generic_signature",
    "verify_meta_signature",
    "verify_telegram_secret",
]

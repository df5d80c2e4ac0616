"""Netra's own webhook format, for gateways (a WhatsApp Business provider, a website form,
a call-centre system) that forward citizen messages.

One object or `{"messages": [ … ]}`, each with `id` and `text` (required) and optionally
`channel`, `thread_id`, `parent_id`, `author_id`, `author_name`, `account_id`, `posted_at`
(ISO 8601). The sender signs the raw body with the shared secret (`X-Netra-Signature`).
"""

from __future__ import annotations

from typing import Any

from netra.inbox.records import IncomingMessage, from_iso
from netra.inbox.webhooks.common import (
    MAX_ITEMS_PER_DELIVERY,
    Parsed,
    as_dict,
    payload_error,
    text_of,
)

MAX_CHANNEL_CHARS = 20


def parse_generic(payload: Any) -> Parsed:
    if isinstance(payload, dict) and isinstance(payload.get("messages"), list):
        items = payload["messages"]
    elif isinstance(payload, dict):
        items = [payload]
    else:
        raise payload_error('harus objek JSON atau {"messages": [...]}')
    if len(items) > MAX_ITEMS_PER_DELIVERY:
        raise payload_error(f"lebih dari {MAX_ITEMS_PER_DELIVERY} pesan dalam satu kiriman")
    out = Parsed()
    for item in items:
        message = parse_generic_item(as_dict(item))
        if message is None:
            out.skipped += 1
        else:
            out.messages.append(message)
    return out


def parse_generic_item(item: dict[str, Any]) -> IncomingMessage | None:
    text = text_of(item.get("text"))
    ident = item.get("id")
    if text is None or ident is None or str(ident).strip() == "":
        return None
    channel = str(item.get("channel") or "webhook").strip().lower()[:MAX_CHANNEL_CHARS]
    return IncomingMessage(
        platform="webhook",
        platform_message_id=str(ident),
        text=text,
        channel=channel or "webhook",
        account_id=item.get("account_id"),
        thread_key=f"wh:{item['thread_id']}" if item.get("thread_id") else None,
        parent_platform_id=item.get("parent_id"),
        author_id=item.get("author_id"),
        author_name=item.get("author_name"),
        posted_at=from_iso(item.get("posted_at")),
    )

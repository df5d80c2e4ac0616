"""Telegram Bot API `Update` objects (webhook body, or one item of `getUpdates`).

A citizen writes to the bot (`message`, private chat), in a group the bot is in (`message`,
thread = what the message replies to), or in a channel the bot administers (`channel_post`).
Message ids are unique only inside a chat, so the platform id is `<chat id>:<message id>`.
Edits, bots' own messages and service messages (joins, pins) are skipped.
"""

from __future__ import annotations

from typing import Any

from netra.inbox.records import IncomingMessage, from_unix
from netra.inbox.webhooks.common import (
    MAX_ITEMS_PER_DELIVERY,
    Parsed,
    as_dict,
    as_list,
    payload_error,
    text_of,
)


def parse_telegram(payload: Any) -> Parsed:
    """One Update (webhook) or a `getUpdates` answer / list of Updates (polling)."""
    if isinstance(payload, dict) and "update_id" in payload:
        updates = [payload]
    elif isinstance(payload, dict) and isinstance(payload.get("result"), list):
        updates = payload["result"]
    elif isinstance(payload, list):
        updates = payload
    else:
        raise payload_error("bukan Update Telegram (update_id)")
    if len(updates) > MAX_ITEMS_PER_DELIVERY:
        raise payload_error(f"lebih dari {MAX_ITEMS_PER_DELIVERY} Update dalam satu kiriman")
    out = Parsed()
    for update in updates:
        message = parse_telegram_update(update)
        if message is None:
            out.skipped += 1
        else:
            out.messages.append(message)
    return out


def parse_telegram_update(update: Any) -> IncomingMessage | None:
    update = as_dict(update)
    message = as_dict(update.get("message")) or as_dict(update.get("channel_post"))
    if not message:
        return None  # edited_message, callback_query, my_chat_member, …
    chat = as_dict(message.get("chat"))
    sender = as_dict(message.get("from"))
    if chat.get("id") is None or message.get("message_id") is None or sender.get("is_bot"):
        return None
    text = text_of(message.get("text")) or text_of(message.get("caption"))
    if text is None:
        kinds = [k for k in ("photo", "video", "voice", "document", "location") if k in message]
        if not kinds:
            return None  # service message
        text = "[lampiran: " + ", ".join(kinds) + "]"
    chat_id = str(chat["id"])
    reply_to = as_dict(message.get("reply_to_message"))
    parent = f"{chat_id}:{reply_to['message_id']}" if reply_to.get("message_id") else None
    if chat.get("type") == "private":
        thread = f"tg:{chat_id}"
    else:
        root = reply_to.get("message_id") or message.get("message_thread_id")
        thread = f"tg:{chat_id}:{root or message['message_id']}"
    author = sender or as_dict(message.get("sender_chat"))
    name = (
        " ".join(str(author.get(k)) for k in ("first_name", "last_name") if author.get(k))
        or author.get("title")
        or author.get("username")
    )
    return IncomingMessage(
        platform="telegram",
        platform_message_id=f"{chat_id}:{message['message_id']}",
        text=text,
        account_id=chat_id,
        thread_key=thread,
        parent_platform_id=parent,
        author_id=str(author["id"]) if author.get("id") is not None else None,
        author_name=name,
        posted_at=from_unix(message.get("date")),
        extra={"update_id": update.get("update_id")},
    )


def max_update_id(payload: Any) -> int | None:
    """The highest `update_id` in a `getUpdates` answer (the next offset is this + 1)."""
    ids = [
        u.get("update_id") for u in as_list(as_dict(payload).get("result")) if isinstance(u, dict)
    ]
    ids = [i for i in ids if isinstance(i, int)]
    return max(ids) if ids else None

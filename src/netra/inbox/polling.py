"""Polling adapters, for channels where a public webhook URL is not available.

- Telegram `getUpdates` (Bot API): `offset` = last `update_id` + 1 acknowledges what was read.
  Telegram refuses getUpdates while a webhook is set; use one or the other.
- X mentions timeline (API v2): `GET /2/users/:id/mentions` with `since_id`, following
  `meta.next_token` for up to `max_pages` pages; `since_id` advances to the newest id seen.

Every page fetched is stored verbatim as a delivery and parsed like a webhook delivery (so a
crash loses nothing and re-reading a page adds nothing); the cursor is saved only after the
page's messages are committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine

from netra.config import Settings, get_settings
from netra.inbox.errors import NotConfigured
from netra.inbox.http import call, client, json_body
from netra.inbox.receive import parse_delivery, store_delivery
from netra.inbox.tables import KeyValue
from netra.inbox.webhooks.telegram import max_update_id
from netra.storage.base import utcnow
from netra.storage.db import session_scope

TELEGRAM_OFFSET_KEY = "poll:telegram:offset"
X_SINCE_KEY = "poll:x:since_id"
TWEET_FIELDS = "created_at,conversation_id,author_id,in_reply_to_user_id,referenced_tweets"


@dataclass
class PollResult:
    pages: int = 0
    accepted: int = 0
    duplicates: int = 0
    message_ids: list[int] = field(default_factory=list)
    cursor: str | int | None = None


def _get_state(engine: Engine, key: str):
    with session_scope(engine) as session:
        row = session.get(KeyValue, key)
        return None if row is None else row.value


def _set_state(engine: Engine, key: str, value) -> None:
    with session_scope(engine) as session:
        row = session.get(KeyValue, key)
        if row is None:
            session.add(KeyValue(key=key, value=value, updated_at=utcnow()))
        else:
            row.value, row.updated_at = value, utcnow()


def _secret(value) -> str | None:
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)


def _ingest(
    engine: Engine, source: str, body: bytes, settings: Settings, result: PollResult
) -> None:
    if len(body) > settings.inbox_max_body_bytes:
        raise NotConfigured("too_large", "Halaman dari platform melebihi batas ukuran kiriman.")
    delivery_id = store_delivery(engine, source, body)
    receipt = parse_delivery(engine, delivery_id, max_chars=settings.inbox_max_message_chars)
    result.pages += 1
    result.message_ids += receipt.message_ids
    result.accepted += receipt.accepted
    result.duplicates += receipt.duplicates


def poll_telegram(
    engine: Engine,
    *,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
    limit: int = 100,
) -> PollResult:
    """One `getUpdates` call from the saved offset."""
    settings = settings or get_settings()
    token = _secret(settings.inbox_telegram_bot_token)
    if not token:
        raise NotConfigured(
            "not_configured", "Token bot Telegram belum diatur (NETRA_INBOX_TELEGRAM_BOT_TOKEN)."
        )
    http = http or client(settings.inbox_http_timeout)
    offset = _get_state(engine, TELEGRAM_OFFSET_KEY)
    params = {
        "timeout": 0,
        "limit": max(1, min(limit, 100)),
        "allowed_updates": json.dumps(["message", "channel_post"]),
    }
    if offset is not None:
        params["offset"] = int(offset)
    url = f"{settings.inbox_telegram_base_url.rstrip('/')}/bot{token}/getUpdates"
    status, body = call(http, "GET", url, params=params, what="Telegram")
    data = json_body(status, body, what="Telegram")
    result = PollResult(cursor=offset)
    if not data.get("result"):
        return result
    _ingest(engine, "telegram", body, settings, result)
    newest = max_update_id(data)
    if newest is not None:
        result.cursor = newest + 1
        _set_state(engine, TELEGRAM_OFFSET_KEY, newest + 1)
    return result


def poll_x_mentions(
    engine: Engine,
    *,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
    max_pages: int = 5,
) -> PollResult:
    """New mentions of the agency's X account since the last poll."""
    settings = settings or get_settings()
    token, user_id = _secret(settings.inbox_x_token), settings.inbox_x_user_id
    if not token or not user_id:
        raise NotConfigured(
            "not_configured",
            "Token dan id akun X belum diatur (NETRA_INBOX_X_TOKEN, NETRA_INBOX_X_USER_ID).",
        )
    http = http or client(settings.inbox_http_timeout)
    since = _get_state(engine, X_SINCE_KEY)
    url = f"{settings.inbox_x_base_url.rstrip('/')}/2/users/{user_id}/mentions"
    result = PollResult(cursor=since)
    newest: str | None = None
    token_param: str | None = None
    for _ in range(max(1, max_pages)):
        params = {
            "max_results": 100,
            "tweet.fields": TWEET_FIELDS,
            "expansions": "author_id",
            "user.fields": "username,name",
        }
        if since:
            params["since_id"] = since
        if token_param:
            params["pagination_token"] = token_param
        status, body = call(
            http,
            "GET",
            url,
            params=params,
            headers={"Authorization": f"Bearer {token}"},
            what="X API",
        )
        data = json_body(status, body, what="X API")
        meta = data.get("meta") or {}
        if newest is None and meta.get("newest_id"):
            newest = str(meta["newest_id"])
        if data.get("data"):
            _ingest(engine, "x", body, settings, result)
        token_param = meta.get("next_token")
        if not token_param:
            break
    if newest is not None:
        result.cursor = newest
        _set_state(engine, X_SINCE_KEY, newest)
    return result

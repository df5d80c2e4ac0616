"""Sending a reply back where the citizen wrote, through the platform's own API.

The interface is one method — `send_reply(channel, thread, text) -> platform id` — with an
adapter per platform, each with a configurable base URL (tests point them at a local server):

- Telegram Bot API: `POST /bot<token>/sendMessage` with `chat_id`, `text` and
  `reply_to_message_id` (the citizen's message id inside the chat);
- Meta Graph API: a comment reply is `POST /{comment-id}/comments` (Facebook) or
  `POST /{comment-id}/replies` (Instagram) with `message`; a Messenger / Instagram direct reply
  is the Send API, `POST /me/messages` with `recipient.id`, `messaging_type: RESPONSE`;
- X API v2: `POST /2/tweets` with `text` and `reply.in_reply_to_tweet_id`;
- a generic webhook: `POST <url>` with a JSON body signed like incoming deliveries
  (`X-Netra-Signature`), answering `{"id": ...}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol

import httpx

from netra.config import Settings, get_settings
from netra.inbox.errors import NotConfigured, SendError
from netra.inbox.http import call, client, json_body
from netra.inbox.webhooks.signatures import GENERIC_SIGNATURE_HEADER, sign_body


@dataclass(frozen=True)
class ReplyThread:
    """Where a reply goes: the citizen's message and its conversation."""

    platform: str
    platform_message_id: str
    thread_key: str | None = None
    account_id: str | None = None
    author_id: str | None = None


class ReplySender(Protocol):
    def send_reply(self, channel: str, thread: ReplyThread, text: str) -> str:
        """Publish `text` as a reply; return the platform's id of the reply."""
        ...


def _secret(value) -> str | None:
    if value is None:
        return None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value)


def _require(value: str | None, what: str) -> str:
    if not value:
        raise NotConfigured("not_configured", f"{what} belum diatur; balasan tidak bisa dikirim.")
    return value


class TelegramSender:
    def __init__(self, base_url: str, token: str | None, http: httpx.Client | None = None) -> None:
        self.base_url, self.token = base_url.rstrip("/"), token
        self.http = http or client()

    def send_reply(self, channel: str, thread: ReplyThread, text: str) -> str:
        token = _require(self.token, "Token bot Telegram")
        chat_id, _, message_id = thread.platform_message_id.partition(":")
        payload: dict = {"chat_id": chat_id, "text": text}
        if message_id.isdigit():
            payload["reply_to_message_id"] = int(message_id)
        status, body = call(
            self.http,
            "POST",
            f"{self.base_url}/bot{token}/sendMessage",
            json=payload,
            what="Telegram",
        )
        data = json_body(status, body, what="Telegram")
        result = data.get("result") if data.get("ok") else None
        if not isinstance(result, dict) or "message_id" not in result:
            raise SendError(
                "platform_error", f"Telegram menolak balasan: {data.get('description', '')}"[:300]
            )
        return f"{chat_id}:{result['message_id']}"


class MetaSender:
    """Facebook comments, Instagram comments, and Messenger / Instagram direct messages."""

    def __init__(
        self, base_url: str, page_token: str | None, http: httpx.Client | None = None
    ) -> None:
        self.base_url, self.token = base_url.rstrip("/"), page_token
        self.http = http or client()

    def send_reply(self, channel: str, thread: ReplyThread, text: str) -> str:
        token = _require(self.token, "Token halaman Meta")
        if thread.platform in ("messenger", "instagram_dm"):
            recipient = _require(thread.author_id, "Penerima pesan (PSID)")
            status, body = call(
                self.http,
                "POST",
                f"{self.base_url}/me/messages",
                params={"access_token": token},
                json={
                    "recipient": {"id": recipient},
                    "messaging_type": "RESPONSE",
                    "message": {"text": text},
                },
                what="Meta Send API",
            )
            data = json_body(status, body, what="Meta Send API")
            ident = data.get("message_id")
        else:
            edge = "replies" if thread.platform == "instagram" else "comments"
            status, body = call(
                self.http,
                "POST",
                f"{self.base_url}/{thread.platform_message_id}/{edge}",
                params={"access_token": token},
                data={"message": text},
                what="Meta Graph API",
            )
            data = json_body(status, body, what="Meta Graph API")
            ident = data.get("id")
        if not ident:
            raise SendError("bad_response", "Meta tidak mengembalikan id balasan.")
        return str(ident)


class XSender:
    def __init__(self, base_url: str, token: str | None, http: httpx.Client | None = None) -> None:
        self.base_url, self.token = base_url.rstrip("/"), token
        self.http = http or client()

    def send_reply(self, channel: str, thread: ReplyThread, text: str) -> str:
        token = _require(self.token, "Token X (OAuth 2.0)")
        status, body = call(
            self.http,
            "POST",
            f"{self.base_url}/2/tweets",
            headers={"Authorization": f"Bearer {token}"},
            json={"text": text, "reply": {"in_reply_to_tweet_id": thread.platform_message_id}},
            what="X API",
        )
        data = json_body(status, body, what="X API")
        ident = (data.get("data") or {}).get("id") if isinstance(data.get("data"), dict) else None
        if not ident:
            raise SendError("bad_response", "X tidak mengembalikan id balasan.")
        return str(ident)


class WebhookSender:
    def __init__(
        self, url: str | None, secret: str | None, http: httpx.Client | None = None
    ) -> None:
        self.url, self.secret = url, secret
        self.http = http or client()

    def send_reply(self, channel: str, thread: ReplyThread, text: str) -> str:
        url = _require(self.url, "Alamat webhook balasan (NETRA_INBOX_REPLY_WEBHOOK_URL)")
        secret = _require(self.secret, "Rahasia webhook (NETRA_INBOX_WEBHOOK_SECRET)")
        body = json.dumps(
            {
                "in_reply_to": thread.platform_message_id,
                "thread_id": thread.thread_key,
                "channel": channel,
                "text": text,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            GENERIC_SIGNATURE_HEADER: sign_body(body, secret),
        }
        status, raw = call(
            self.http, "POST", url, content=body, headers=headers, what="Webhook balasan"
        )
        data = json_body(status, raw, what="Webhook balasan")
        if not data.get("id"):
            raise SendError("bad_response", "Webhook balasan tidak mengembalikan id.")
        return str(data["id"])


def senders_from_settings(
    settings: Settings | None = None, http: httpx.Client | None = None
) -> dict[str, ReplySender]:
    """Platform -> adapter, configured from NETRA_INBOX_* settings."""
    s = settings or get_settings()
    http = http or client(s.inbox_http_timeout)
    meta = MetaSender(s.inbox_meta_base_url, _secret(s.inbox_meta_page_token), http)
    return {
        "telegram": TelegramSender(
            s.inbox_telegram_base_url, _secret(s.inbox_telegram_bot_token), http
        ),
        "facebook": meta,
        "messenger": meta,
        "instagram": meta,
        "instagram_dm": meta,
        "x": XSender(s.inbox_x_base_url, _secret(s.inbox_x_token), http),
        "webhook": WebhookSender(s.inbox_reply_webhook_url, _secret(s.inbox_webhook_secret), http),
    }

"""Telegram Bot API: sendMessage, sendPhoto (caption ≤ 1,024) or sendDocument to a channel.

The bot token sits in the URL path (`/bot<token>/<method>`), as the Bot API requires; it is
scrubbed from every error message. Telegram has no idempotency key, so a lost answer is an
unknown outcome (see publishers.base). Errors come as `{"ok": false, "error_code", "description",
"parameters": {"retry_after"}}`.
"""

from __future__ import annotations

from datetime import timedelta

from netra.desk.channels import PDF
from netra.desk.publishers.base import PermanentError, PublishRequest, PublishResult
from netra.desk.publishers.http import json_or_none, make_client, raise_for, send


class TelegramPublisher:
    name = "telegram"
    idempotent = False
    idempotency_window: timedelta | None = None

    def __init__(
        self,
        token: str | None,
        chat_id: str | None,
        *,
        base_url: str = "https://api.telegram.org",
        timeout: float = 20.0,
        trust_env: bool = True,
    ) -> None:
        self.token, self.chat_id = token, chat_id
        self.base_url = base_url.rstrip("/")
        self.timeout, self.trust_env = timeout, trust_env

    def problem(self) -> str | None:
        if not self.token or not self.chat_id:
            return "Telegram belum dikonfigurasi (NETRA_DESK_TELEGRAM_BOT_TOKEN dan _CHAT_ID)."
        return None

    def publish(self, request: PublishRequest) -> PublishResult:
        url = f"{self.base_url}/bot{self.token}/"
        secrets = [self.token]
        with make_client(self.timeout, self.trust_env) as client:
            if not request.attachments:
                response = send(
                    client,
                    "POST",
                    url + "sendMessage",
                    platform="Telegram",
                    idempotent=False,
                    secrets=secrets,
                    json={"chat_id": self.chat_id, "text": request.text},
                )
            else:
                media = request.attachments[0]
                method, field = (
                    ("sendDocument", "document")
                    if media.media_type == PDF
                    else ("sendPhoto", "photo")
                )
                with media.path.open("rb") as fh:
                    response = send(
                        client,
                        "POST",
                        url + method,
                        platform="Telegram",
                        idempotent=False,
                        secrets=secrets,
                        data={"chat_id": self.chat_id, "caption": request.text},
                        files={field: (media.name, fh, media.media_type)},
                    )
        data = json_or_none(response)
        reason = None
        if isinstance(data, dict) and not data.get("ok", False):
            reason = str(data.get("description") or "")
            params = data.get("parameters") or {}
            if response.status_code == 429 and "retry_after" in params:
                response.headers["retry-after"] = str(int(params["retry_after"]))
        raise_for(response, platform="Telegram", reason=reason, secrets=secrets)
        if not isinstance(data, dict) or not data.get("ok"):
            raise PermanentError("Telegram: jawaban tidak dikenal (tanpa ok=true).")
        result = data.get("result") or {}
        message_id = result.get("message_id")
        username = (result.get("chat") or {}).get("username")
        link = f"https://t.me/{username}/{message_id}" if username and message_id else None
        return PublishResult(None if message_id is None else str(message_id), link)

"""A generic webhook: the agency's own bridge (a WhatsApp gateway, a website CMS, a relay).

The body is JSON. Three headers let the receiver trust and de-duplicate it:
- `X-Netra-Timestamp`: Unix seconds when sent (reject anything older than a few minutes);
- `X-Netra-Signature`: `sha256=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the shared
  secret (compare in constant time);
- `Idempotency-Key`: the same for every attempt of one channel's publication; a receiver that
  has seen it answers 2xx again without publishing twice.
The receiver answers 2xx with optional JSON `{"id": …, "url": …}`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import timedelta

from netra.desk.publishers.base import PublishRequest, PublishResult
from netra.desk.publishers.http import json_or_none, make_client, raise_for, send

INLINE_LIMIT = 5_000_000  # attachments without a public URL travel inline up to this size


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """For receivers (and tests): constant-time comparison."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class WebhookPublisher:
    name = "webhook"
    idempotent = True

    def __init__(
        self,
        url: str | None,
        secret: str | None,
        *,
        window_hours: float = 24.0,
        timeout: float = 20.0,
        trust_env: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.url, self.secret = url, secret
        self.idempotency_window = timedelta(hours=window_hours)
        self.timeout, self.trust_env, self.clock = timeout, trust_env, clock

    def problem(self) -> str | None:
        if not self.url or not self.secret:
            return "Webhook belum dikonfigurasi (NETRA_DESK_WEBHOOK_URL dan _SECRET)."
        if len(self.secret) < 16:
            return "Rahasia webhook terlalu pendek (min. 16 karakter)."
        return None

    def body(self, request: PublishRequest) -> bytes:
        attachments = []
        for a in request.attachments:
            item = {
                "sha256": a.sha256,
                "media_type": a.media_type,
                "name": a.name,
                "size": a.size,
                "alt_text": a.alt_text,
                "url": a.public_url,
            }
            if not a.public_url and a.size <= INLINE_LIMIT:
                item["data_base64"] = base64.b64encode(a.path.read_bytes()).decode("ascii")
            attachments.append(item)
        payload = {
            "event": "desk.publish",
            "idempotency_key": request.idempotency_key,
            "channel": request.channel,
            "draft_id": request.draft_id,
            "job_id": request.job_id,
            "title": request.title,
            "text": request.text,
            "emergency": request.emergency,
            "attachments": attachments,
        }
        return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def publish(self, request: PublishRequest) -> PublishResult:
        body = self.body(request)
        timestamp = str(int(self.clock()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-Netra-Timestamp": timestamp,
            "X-Netra-Signature": sign(self.secret or "", timestamp, body),
            "Idempotency-Key": request.idempotency_key,
        }
        with make_client(self.timeout, self.trust_env) as client:
            response = send(
                client,
                "POST",
                self.url or "",
                platform="Webhook",
                idempotent=True,
                content=body,
                headers=headers,
            )
        raise_for(response, platform="Webhook")
        data = json_or_none(response) or {}
        if not isinstance(data, dict):
            data = {}
        rid, url = data.get("id"), data.get("url")
        return PublishResult(
            None if rid is None else str(rid)[:200], None if url is None else str(url)[:1000]
        )

"""Mastodon-compatible servers: media via POST /api/v2/media, then POST /api/v1/statuses.

Mastodon honours an `Idempotency-Key` header on statuses for one hour: a resend with the same
key returns the original status instead of a second one, so a lost answer is simply retried
(within the hour; after that the scheduler treats the outcome as unknown). Uploaded media ids
are checkpointed, so a retry does not upload the files again.
"""

from __future__ import annotations

import time
from datetime import timedelta

from netra.desk.publishers.base import PublishRequest, PublishResult, TransientError
from netra.desk.publishers.http import json_or_none, make_client, raise_for, send


class MastodonPublisher:
    name = "mastodon"
    idempotent = True
    idempotency_window = timedelta(hours=1)

    def __init__(
        self,
        base_url: str | None,
        token: str | None,
        *,
        timeout: float = 20.0,
        trust_env: bool = True,
        visibility: str = "public",
        language: str = "id",
        media_poll_seconds: float = 1.0,
    ) -> None:
        self.base_url = (base_url or "").rstrip("/")
        self.token = token
        self.timeout, self.trust_env = timeout, trust_env
        self.visibility, self.language = visibility, language
        self.media_poll_seconds = media_poll_seconds

    def problem(self) -> str | None:
        if not self.base_url or not self.token:
            return "Mastodon belum dikonfigurasi (NETRA_DESK_MASTODON_BASE_URL dan _TOKEN)."
        return None

    def _upload(self, client, request: PublishRequest, headers) -> list[str]:
        ids = list(request.checkpoint.get("media_ids", []))
        for media in request.attachments[len(ids) :]:
            with media.path.open("rb") as fh:
                response = send(
                    client,
                    "POST",
                    f"{self.base_url}/api/v2/media",
                    platform="Mastodon",
                    idempotent=True,
                    headers=headers,
                    files={"file": (media.name, fh, media.media_type)},
                    data={"description": media.alt_text or ""},
                )
            raise_for(response, platform="Mastodon", reason=_error(response))
            data = json_or_none(response) or {}
            media_id = str(data.get("id", ""))
            if response.status_code == 202:  # processed asynchronously: wait until it has a URL
                self._wait_processed(client, media_id, headers)
            ids.append(media_id)
            request.save_checkpoint({"media_ids": ids})
        return ids

    def _wait_processed(self, client, media_id: str, headers) -> None:
        for _ in range(10):
            time.sleep(self.media_poll_seconds)
            response = send(
                client,
                "GET",
                f"{self.base_url}/api/v1/media/{media_id}",
                platform="Mastodon",
                idempotent=True,
                headers=headers,
            )
            if response.status_code == 200:
                return
            if response.status_code != 206:
                raise_for(response, platform="Mastodon", reason=_error(response))
        raise TransientError("Mastodon: media masih diproses; dicoba lagi nanti.")

    def publish(self, request: PublishRequest) -> PublishResult:
        auth = {"Authorization": f"Bearer {self.token}"}
        with make_client(self.timeout, self.trust_env) as client:
            media_ids = self._upload(client, request, auth)
            body = {
                "status": request.text,
                "visibility": self.visibility,
                "language": self.language,
            }
            if media_ids:
                body["media_ids"] = media_ids
            response = send(
                client,
                "POST",
                f"{self.base_url}/api/v1/statuses",
                platform="Mastodon",
                idempotent=True,
                json=body,
                headers={**auth, "Idempotency-Key": request.idempotency_key},
            )
        raise_for(response, platform="Mastodon", reason=_error(response))
        data = json_or_none(response) or {}
        return PublishResult(str(data.get("id")) if data.get("id") else None, data.get("url"))


def _error(response) -> str | None:
    data = json_or_none(response)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    return None

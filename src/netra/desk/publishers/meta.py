"""Meta Graph API: a Facebook Page feed, and Instagram's two-step content publishing.

Facebook Page: text goes to POST /{page-id}/feed (`message`, page access token). Photos are first
uploaded unpublished to POST /{page-id}/photos and then attached to the feed post
(`attached_media[i]={"media_fbid": id}`); uploaded ids are checkpointed.

Instagram: POST /{ig-user-id}/media with `image_url` and `caption` creates a container, then
POST /{ig-user-id}/media_publish with `creation_id` publishes it. Instagram fetches the image
from a public URL, so NETRA_DESK_PUBLIC_BASE_URL must point to where the agency serves
attachments. The container id is checkpointed before publishing, so a retry publishes the same
container instead of creating another.

Tokens travel in the POST body (never in a query string that ends up in logs). The Graph API
reports most errors, throttling included, as HTTP 400 with `{"error": {"code", "message",
"is_transient"}}`: codes 1, 2, 4, 17, 32, 341, 613 and `is_transient` are retried, others are
permanent. Meta documents no idempotency key.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

from netra.desk.publishers.base import (
    PermanentError,
    PublishRequest,
    PublishResult,
    TransientError,
)
from netra.desk.publishers.http import json_or_none, make_client, raise_for, scrub, send

TRANSIENT_CODES = {1, 2, 4, 17, 32, 341, 613}


def _graph_check(response, platform: str, secrets) -> dict:
    data = json_or_none(response)
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        message = scrub(str(error.get("error_user_msg") or error.get("message") or ""), secrets)
        code = error.get("code")
        if code in TRANSIENT_CODES or error.get("is_transient"):
            raise TransientError(f"{platform}: dibatasi sementara (kode {code}). {message}")
        if response.status_code < 400:
            raise PermanentError(f"{platform} menolak unggahan (kode {code}): {message}")
        raise_for(response, platform=platform, reason=f"kode {code}: {message}", secrets=secrets)
    raise_for(response, platform=platform, secrets=secrets)
    return data if isinstance(data, dict) else {}


class FacebookPagePublisher:
    name = "facebook"
    idempotent = False
    idempotency_window: timedelta | None = None

    def __init__(
        self,
        page_id: str | None,
        token: str | None,
        *,
        base_url: str = "https://graph.facebook.com/v21.0",
        timeout: float = 20.0,
        trust_env: bool = True,
    ) -> None:
        self.page_id, self.token = page_id, token
        self.base_url = base_url.rstrip("/")
        self.timeout, self.trust_env = timeout, trust_env

    def problem(self) -> str | None:
        if not self.page_id or not self.token:
            return "Halaman Facebook belum dikonfigurasi (NETRA_DESK_FACEBOOK_PAGE_ID dan _TOKEN)."
        return None

    def publish(self, request: PublishRequest) -> PublishResult:
        secrets = [self.token]
        page = f"{self.base_url}/{self.page_id}"
        with make_client(self.timeout, self.trust_env) as client:
            photo_ids = list(request.checkpoint.get("photo_ids", []))
            for media in request.attachments[len(photo_ids) :]:
                with media.path.open("rb") as fh:
                    response = send(
                        client,
                        "POST",
                        f"{page}/photos",
                        platform="Facebook",
                        idempotent=False,
                        secrets=secrets,
                        data={"published": "false", "access_token": self.token},
                        files={"source": (media.name, fh, media.media_type)},
                    )
                data = _graph_check(response, "Facebook", secrets)
                if not data.get("id"):
                    raise PermanentError("Facebook: unggah foto tidak mengembalikan id.")
                photo_ids.append(str(data["id"]))
                request.save_checkpoint({"photo_ids": photo_ids})
            form = {"message": request.text, "access_token": self.token}
            for i, photo in enumerate(photo_ids):
                form[f"attached_media[{i}]"] = json.dumps({"media_fbid": photo})
            response = send(
                client,
                "POST",
                f"{page}/feed",
                platform="Facebook",
                idempotent=False,
                secrets=secrets,
                data=form,
            )
        data = _graph_check(response, "Facebook", secrets)
        post_id = data.get("id")
        if not post_id:
            raise PermanentError("Facebook: jawaban tanpa id unggahan.")
        return PublishResult(str(post_id), f"https://www.facebook.com/{post_id}")


class InstagramPublisher:
    name = "instagram"
    idempotent = False
    idempotency_window: timedelta | None = None

    def __init__(
        self,
        ig_user_id: str | None,
        token: str | None,
        *,
        base_url: str = "https://graph.facebook.com/v21.0",
        timeout: float = 20.0,
        trust_env: bool = True,
        poll_seconds: float = 2.0,
    ) -> None:
        self.ig_user_id, self.token = ig_user_id, token
        self.base_url = base_url.rstrip("/")
        self.timeout, self.trust_env, self.poll_seconds = timeout, trust_env, poll_seconds

    def problem(self) -> str | None:
        if not self.ig_user_id or not self.token:
            return "Instagram belum dikonfigurasi (NETRA_DESK_INSTAGRAM_USER_ID dan _TOKEN)."
        return None

    def _wait_finished(self, client, container: str, secrets) -> None:
        for _ in range(10):
            response = send(
                client,
                "GET",
                f"{self.base_url}/{container}",
                platform="Instagram",
                idempotent=True,
                secrets=secrets,
                params={"fields": "status_code", "access_token": self.token},
            )
            status = _graph_check(response, "Instagram", secrets).get("status_code")
            if status in (None, "FINISHED"):
                return
            if status in ("ERROR", "EXPIRED"):
                raise PermanentError(f"Instagram: wadah media berstatus {status}.")
            time.sleep(self.poll_seconds)
        raise TransientError("Instagram: media masih diproses; dicoba lagi nanti.")

    def publish(self, request: PublishRequest) -> PublishResult:
        secrets = [self.token]
        images = [a for a in request.attachments if a.media_type.startswith("image/")]
        if not images:
            raise PermanentError("Instagram: unggahan wajib berisi satu foto.")
        if not images[0].public_url:
            raise PermanentError(
                "Instagram mengambil foto dari alamat publik; isi NETRA_DESK_PUBLIC_BASE_URL."
            )
        user = f"{self.base_url}/{self.ig_user_id}"
        with make_client(self.timeout, self.trust_env) as client:
            container = request.checkpoint.get("container_id")
            if not container:
                response = send(
                    client,
                    "POST",
                    f"{user}/media",
                    platform="Instagram",
                    idempotent=False,
                    secrets=secrets,
                    data={
                        "image_url": images[0].public_url,
                        "caption": request.text,
                        "access_token": self.token,
                    },
                )
                container = _graph_check(response, "Instagram", secrets).get("id")
                if not container:
                    raise PermanentError("Instagram: pembuatan wadah media tanpa id.")
                request.save_checkpoint({"container_id": str(container)})
            self._wait_finished(client, str(container), secrets)
            response = send(
                client,
                "POST",
                f"{user}/media_publish",
                platform="Instagram",
                idempotent=False,
                secrets=secrets,
                data={"creation_id": str(container), "access_token": self.token},
            )
        media_id = _graph_check(response, "Instagram", secrets).get("id")
        if not media_id:
            raise PermanentError("Instagram: jawaban tanpa id media.")
        return PublishResult(str(media_id), None)

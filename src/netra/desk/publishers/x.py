"""X API v2: images via POST /2/media/upload, the post via POST /2/tweets.

Authentication is an OAuth 2.0 user-context access token (Authorization: Bearer), obtained
outside Netra with the `tweet.write`, `users.read` and `media.write` scopes and kept in the
configuration. X documents no idempotency key, so a lost answer is an unknown outcome. Rate
limits come as HTTP 429 with `x-rate-limit-reset` (Unix seconds).
"""

from __future__ import annotations

from datetime import timedelta

from netra.desk.publishers.base import PermanentError, PublishRequest, PublishResult
from netra.desk.publishers.http import json_or_none, make_client, raise_for, send


def _problem_detail(response) -> str | None:
    data = json_or_none(response)
    if not isinstance(data, dict):
        return None
    if data.get("detail"):
        return str(data["detail"])
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("detail") or errors[0].get("message") or "")
    return str(data.get("title")) if data.get("title") else None


class XPublisher:
    name = "x"
    idempotent = False
    idempotency_window: timedelta | None = None

    def __init__(
        self,
        token: str | None,
        *,
        base_url: str = "https://api.x.com",
        timeout: float = 20.0,
        trust_env: bool = True,
    ) -> None:
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.timeout, self.trust_env = timeout, trust_env

    def problem(self) -> str | None:
        if not self.token:
            return "X belum dikonfigurasi (NETRA_DESK_X_TOKEN)."
        return None

    def publish(self, request: PublishRequest) -> PublishResult:
        auth = {"Authorization": f"Bearer {self.token}"}
        with make_client(self.timeout, self.trust_env) as client:
            ids = list(request.checkpoint.get("media_ids", []))
            for media in request.attachments[len(ids) :]:
                with media.path.open("rb") as fh:
                    response = send(
                        client,
                        "POST",
                        f"{self.base_url}/2/media/upload",
                        platform="X",
                        idempotent=False,
                        headers=auth,
                        data={"media_category": "tweet_image"},
                        files={"media": (media.name, fh, media.media_type)},
                    )
                raise_for(response, platform="X", reason=_problem_detail(response))
                media_id = ((json_or_none(response) or {}).get("data") or {}).get("id")
                if not media_id:
                    raise PermanentError("X: unggah media tidak mengembalikan id.")
                ids.append(str(media_id))
                request.save_checkpoint({"media_ids": ids})
            body: dict = {"text": request.text}
            if ids:
                body["media"] = {"media_ids": ids}
            response = send(
                client,
                "POST",
                f"{self.base_url}/2/tweets",
                platform="X",
                idempotent=False,
                headers=auth,
                json=body,
            )
        raise_for(response, platform="X", reason=_problem_detail(response))
        post_id = ((json_or_none(response) or {}).get("data") or {}).get("id")
        if not post_id:
            raise PermanentError("X: jawaban tanpa id unggahan.")
        return PublishResult(str(post_id), f"https://x.com/i/web/status/{post_id}")

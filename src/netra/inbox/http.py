"""One small HTTP helper for the platform APIs (polling and replies): timeouts, a cap on the
answer's size, and errors in Indonesian that never repeat a token (Telegram puts the bot token
in the URL path, so URLs are never echoed)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from netra.inbox.errors import SendError

MAX_RESPONSE_BYTES = 2_000_000
USER_AGENT = "Netra-Inbox/1"


def client(timeout: float = 20.0) -> httpx.Client:
    return httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False)


def call(
    http: httpx.Client, method: str, url: str, *, what: str, **kwargs: Any
) -> tuple[int, bytes]:
    """(status, body) of a request; raises `SendError` when the platform cannot be reached."""
    try:
        with http.stream(method, url, **kwargs) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise SendError("response_too_large", f"Jawaban {what} terlalu besar.")
                chunks.append(chunk)
            return response.status_code, b"".join(chunks)
    except httpx.TimeoutException:
        raise SendError("timeout", f"{what} tidak menjawab tepat waktu.") from None
    except httpx.HTTPError as exc:
        raise SendError(
            "unreachable", f"{what} tidak bisa dihubungi ({type(exc).__name__})."
        ) from None


def json_body(status: int, body: bytes, *, what: str) -> dict[str, Any]:
    """The JSON object of a 2xx answer; a clear error otherwise."""
    try:
        data = json.loads(body.decode("utf-8")) if body else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not 200 <= status < 300:
        detail = ""
        if isinstance(data, dict):
            error = (
                data.get("error")
                or data.get("description")
                or data.get("detail")
                or data.get("title")
            )
            if isinstance(error, dict):
                error = error.get("message")
            if error:
                detail = f": {str(error)[:300]}"
        raise SendError("platform_error", f"{what} menolak permintaan (HTTP {status}){detail}.")
    if not isinstance(data, dict):
        raise SendError("bad_response", f"Jawaban {what} bukan JSON yang dikenali.")
    return data

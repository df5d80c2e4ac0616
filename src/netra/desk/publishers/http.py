"""HTTP plumbing shared by the platform publishers: one client per call, errors classified.

Where a request failed decides what is safe: a connection that never opened cannot have posted
anything (retry), while a timeout waiting for the answer may have (resend only with an
idempotency key; otherwise the outcome is unknown). Secrets (a bot token in a URL path) are
scrubbed from every message that could reach a person or a log.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import httpx

from netra.desk.publishers.base import OutcomeUnknown, PermanentError, TransientError

USER_AGENT = "Netra-Desk/1.0 (+https://github.com/netra)"
MAX_REASON = 400


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text[:MAX_REASON]


def make_client(timeout: float, trust_env: bool = True) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": USER_AGENT},
        trust_env=trust_env,
        follow_redirects=False,
    )


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    platform: str,
    idempotent: bool,
    secrets: Iterable[str | None] = (),
    **kwargs: Any,
) -> httpx.Response:
    """One request; transport failures become Transient or OutcomeUnknown as explained above."""
    try:
        return client.request(method, url, **kwargs)
    except (
        httpx.ConnectError,
        httpx.ConnectTimeout,
        httpx.PoolTimeout,
        httpx.WriteTimeout,
        httpx.UnsupportedProtocol,
    ) as exc:
        reason = f"{platform}: tidak dapat terhubung ({scrub(str(exc), secrets)})."
        raise TransientError(reason) from None
    except httpx.TransportError as exc:
        reason = f"{platform}: tidak ada jawaban setelah permintaan terkirim ({type(exc).__name__})"
        if idempotent:
            reason += "; dikirim ulang dengan kunci idempotensi yang sama."
            raise TransientError(reason) from None
        raise OutcomeUnknown(reason + ".") from None


def retry_after(response: httpx.Response, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait, from Retry-After (seconds or HTTP date) or a rate-limit reset header
    (X: epoch seconds in x-rate-limit-reset; Mastodon: ISO time in X-RateLimit-Reset)."""
    value = response.headers.get("retry-after")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - now())
        except (TypeError, ValueError):
            pass
    reset = response.headers.get("x-rate-limit-reset") or response.headers.get("x-ratelimit-reset")
    if reset:
        reset = reset.strip()
        if reset.isdigit():
            return max(0.0, float(reset) - now())
        try:
            return max(
                0.0, datetime.fromisoformat(reset.replace("Z", "+00:00")).timestamp() - now()
            )
        except ValueError:
            return None
    return None


def json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def raise_for(
    response: httpx.Response,
    *,
    platform: str,
    reason: str | None = None,
    secrets: Iterable[str | None] = (),
) -> None:
    """2xx passes; 429/408/5xx are transient (with the wait the platform asked for); every
    other status is permanent with the platform's own reason."""
    status = response.status_code
    if 200 <= status < 300:
        return
    detail = scrub(reason or response.text[:MAX_REASON] or response.reason_phrase, secrets)
    if status == 429:
        raise TransientError(
            f"{platform}: batas laju tercapai (HTTP 429). {detail}", retry_after(response)
        )
    if status == 408 or status >= 500:
        raise TransientError(
            f"{platform}: galat server (HTTP {status}). {detail}", retry_after(response)
        )
    raise PermanentError(f"{platform} menolak unggahan (HTTP {status}): {detail}")

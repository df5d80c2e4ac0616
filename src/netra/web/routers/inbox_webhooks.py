"""Webhook routes of the citizen inbox: Meta (Facebook, Instagram, Messenger), Telegram and
Netra's generic signed webhook. Machine endpoints, so:

- public (`PUBLIC`): the platform has no Netra account; the signature or secret token checked
  by `netra.inbox.receive` is the authentication, and it fails closed (503) without a secret;
- exempt from the CSRF guard: no cookie authenticates them, so there is nothing to forge;
- size-limited before reading: a declared `Content-Length` over `NETRA_INBOX_MAX_BODY_BYTES`
  is refused at once, a chunked body as soon as it passes the limit;
- the delivery is committed before it is parsed, and triage runs after the answer (a
  background task), so the platform gets its 200 quickly and nothing accepted is lost.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.background import BackgroundTask

from netra.inbox.errors import InboxError
from netra.inbox.receive import SOURCES, meta_subscription, receive_webhook
from netra.web.deps import PUBLIC
from netra.web.inbox_worker import worker_of
from netra.web.security import exempt_from_csrf

PREFIX = "/inbox/webhook"
router = APIRouter(prefix=PREFIX, tags=["kotak-masuk-webhook"])
exempt_from_csrf(PREFIX + "/")


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _unknown(source: str) -> JSONResponse:
    return _error(404, "not_found", f"Sumber webhook tidak dikenal: {source[:40]}.")


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The raw body, or None as soon as it is longer than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/{source}", dependencies=PUBLIC, summary="Terima kiriman webhook platform")
async def receive(request: Request, source: str) -> Response:
    if source not in SOURCES:
        return _unknown(source)
    state = request.app.state
    limit = state.settings.inbox_max_body_bytes
    body = await _read_limited(request, limit)
    if body is None:
        return _error(
            413, "too_large", f"Kiriman terlalu besar (batas {limit:,} bita).".replace(",", ".")
        )
    receipt = await run_in_threadpool(
        receive_webhook,
        state.db_engine,
        source,
        body,
        dict(request.headers),
        settings=state.settings,
    )
    background = BackgroundTask(worker_of(request.app).run) if receipt.accepted else None
    return JSONResponse(receipt.to_dict(), status_code=receipt.status_code, background=background)


@router.get("/{source}", dependencies=PUBLIC, summary="Verifikasi langganan webhook Meta")
def subscribe(request: Request, source: str) -> Response:
    """Meta's GET handshake: echo `hub.challenge` only when `hub.verify_token` matches."""
    if source != "meta":
        return _unknown(source)
    try:
        challenge = meta_subscription(request.query_params, settings=request.app.state.settings)
    except InboxError as exc:
        status = 403 if exc.status_code == 401 else exc.status_code
        return _error(status, exc.code, exc.message)
    return PlainTextResponse(challenge)

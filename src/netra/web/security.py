"""Security plumbing: response headers, request size limits, CSRF tokens for anonymous forms.

Both middlewares are plain ASGI (no BaseHTTPMiddleware) so they add no per-request task and do
not buffer streaming responses.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netra.web.i18n import ERRORS

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
BASE_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    """Adds CSP, anti-framing, nosniff, referrer policy; `no-store` on dynamic responses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope["path"].startswith("/static/")
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in BASE_HEADERS if h[0] not in present)
                if b"cache-control" not in present:
                    headers.append(
                        (b"cache-control", b"public, max-age=86400" if is_static else b"no-store")
                    )
                if secure:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


FORM_TYPES = (b"application/x-www-form-urlencoded", b"multipart/form-data")
# Upload routes that may take a larger body than a form: path -> name of the Settings limit.
# Applies only with a declared Content-Length (a chunked body is still buffered, so it keeps the
# small form limit). Routers register their upload paths at import time.
LARGE_BODY_PATHS: dict[str, str] = {}


def allow_large_body(path: str, setting: str) -> None:
    LARGE_BODY_PATHS[path] = setting


# Machine endpoints authenticated by their own signature (webhooks), never by a cookie: the CSRF
# guard skips paths under these prefixes. Routers register them at import time.
CSRF_EXEMPT_PREFIXES: list[str] = []


def exempt_from_csrf(prefix: str) -> None:
    if prefix not in CSRF_EXEMPT_PREFIXES:
        CSRF_EXEMPT_PREFIXES.append(prefix)


class BodyLimitMiddleware:
    """Refuses bodies over the limit with 413 *before* anything parses them.

    A declared Content-Length over the limit is refused at once; a chunked body is read up to the
    limit and refused as soon as it passes it. Forms get a smaller limit than JSON bodies.
    """

    def __init__(
        self,
        app: ASGIApp,
        json_limit: int,
        form_limit: int,
        path_limits: dict[str, int] | None = None,
    ) -> None:
        self.app = app
        self.json_limit = json_limit
        self.form_limit = form_limit
        self.path_limits = path_limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        ctype = headers.get(b"content-type", b"").lower()
        limit = self.form_limit if ctype.startswith(FORM_TYPES) else self.json_limit
        declared = headers.get(b"content-length")
        if declared is not None:
            limit = self.path_limits.get(scope["path"], limit)
            try:
                size = int(declared)
            except ValueError:
                size = limit + 1
            if size > limit:
                await _too_large(scope, send, limit)
                return

            received = 0

            async def counting_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:  # more than declared: the server should stop this
                        return {"type": "http.disconnect"}
                return message

            await self.app(scope, counting_receive, send)
            return
        # No Content-Length (chunked): buffer up to the limit, then replay.
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > limit:
                await _too_large(scope, send, limit)
                return
            chunks.append(body)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    message = f"{ERRORS['request_too_large']} Batasnya {limit:,} bita.".replace(",", ".")
    path = scope.get("path", "")
    query = scope.get("query_string", b"")
    accept = dict(scope.get("headers", [])).get(b"accept", b"")
    as_json = path.startswith("/api/") or b"format=json" in query or b"application/json" in accept
    if as_json:
        body = json.dumps(
            {"error": {"code": "request_too_large", "message": message}}, ensure_ascii=False
        ).encode()
        ctype = b"application/json"
    else:
        body = (
            "<!doctype html><html lang=id><meta charset=utf-8><title>Permintaan terlalu besar"
            f"</title><h1>Permintaan terlalu besar</h1><p>{message}</p>"
            '<p><a href="/">Kembali</a></p></html>'
        ).encode()
        ctype = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", ctype),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# -- CSRF for anonymous forms (the login page): a double-submit cookie bound by HMAC -------------
ANON_CSRF_COOKIE = "netra_csrf"


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def anon_csrf_token(secret: bytes, nonce: str) -> str:
    """The form token for an anonymous nonce cookie: an attacker without the key cannot forge it."""
    return hmac.new(secret, b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given or len(given) > 200:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())

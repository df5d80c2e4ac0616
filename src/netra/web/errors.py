"""Errors: JSON `{"error": {"code", "message"}}` for API clients, a friendly page for people.

Every failure a person can meet has an Indonesian message; nothing returns a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from netra.analysis import AnalysisError
from netra.web.i18n import ERRORS

log = logging.getLogger("netra.web")

STATUS_CODES = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    422: "invalid_request",
    429: "rate_limited",
}


class ApiError(Exception):
    """An error with a stable code and an Indonesian message (shown to API clients and people)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or ERRORS.get(code, code))
        self.status = status
        self.code = code
        self.message = message or ERRORS.get(code, code)
        self.headers = headers or {}


class LoginRequired(ApiError):
    def __init__(self, code: str = "unauthorized") -> None:
        super().__init__(401, code)


class PasswordChangeRequired(ApiError):
    def __init__(self) -> None:
        super().__init__(403, "password_change_required")


def wants_json(request: Request) -> bool:
    """API paths, `?format=json`, and clients that ask for JSON get JSON."""
    if request.url.path.startswith("/api/"):
        return True
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_json(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if extra:
        body["error"].update(extra)
    return JSONResponse(body, status_code=status, headers=headers)


def error_response(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    if wants_json(request):
        return error_json(status, code, message, headers)
    if status == 401:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        from urllib.parse import quote

        return RedirectResponse(f"/masuk?next={quote(target, safe='/')}", status_code=303)
    if code == "password_change_required":
        return RedirectResponse("/akun/sandi", status_code=303)
    from netra.web.templating import render_error

    return render_error(request, status, message, headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(AnalysisError)
    async def _analysis_error(request: Request, exc: AnalysisError) -> Response:
        return error_response(request, 422, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, "error")
        message = ERRORS.get(code) or str(exc.detail)
        return error_response(
            request, exc.status_code, code, message, getattr(exc, "headers", None)
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
            if err.get("type") == "json_invalid":
                return error_response(request, 400, "invalid_json", ERRORS["invalid_json"])
            fields.append(".".join(loc) or "?")
        message = "Permintaan tidak valid pada kolom: " + ", ".join(dict.fromkeys(fields)) + "."
        return error_response(request, 422, "invalid_request", message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Log the type and place, never the request body (it may hold a post with personal data).
        log.error(
            "unhandled %s on %s %s",
            type(exc).__name__,
            request.method,
            request.url.path,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        return error_response(request, 500, "internal_error", ERRORS["internal_error"])

"""Jinja2 templates (autoescaped), the JSON twin of every page, and the error page.

`render(request, "page.html", context, data=...)` answers with the template, or with `data` as
JSON when the client asked for JSON (`?format=json` or `Accept: application/json`): every HTML
page has its JSON twin from the same route.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from netra.reporting.times import format_wib
from netra.web import i18n
from netra.web.channels import CHANNELS
from netra.web.security import ANON_CSRF_COOKIE, anon_csrf_token, new_nonce

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIRS: list[Path] = [WEB_DIR / "templates"]
STATIC_DIR = WEB_DIR / "static"


def add_template_dir(path: Path) -> None:
    """Areas with their own templates (e.g. netra/desk/templates) register the directory."""
    if path not in TEMPLATE_DIRS:
        TEMPLATE_DIRS.append(path)


def _static_versions() -> dict[str, str]:
    out = {}
    for path in STATIC_DIR.rglob("*"):
        if path.is_file():
            rel = path.relative_to(STATIC_DIR).as_posix()
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return out


def format_dt(value: datetime | None) -> str:
    """A timestamp in WIB as people in Indonesia read it: 10-02-2024 08.30 WIB."""
    return format_wib(value)


def format_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def build_templates() -> Jinja2Templates:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in TEMPLATE_DIRS]),
        autoescape=select_autoescape(("html", "xml", "svg"), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    versions = _static_versions()
    env.globals.update(
        static_url=lambda name: f"/static/{name}?v={versions.get(name, '0')}",
        verdict_labels=i18n.VERDICT_LABELS,
        verdict_hints=i18n.VERDICT_HINTS,
        severity_labels=i18n.SEVERITY_LABELS,
        category_labels=i18n.CATEGORY_LABELS,
        role_labels=i18n.ROLE_LABELS,
        account_labels=i18n.ACCOUNT_LABELS,
        entity_labels=i18n.ENTITY_LABELS,
        channel_labels={c.id: c.label for c in CHANNELS},
    )
    env.filters["dt"] = format_dt
    env.filters["num"] = format_int
    return Jinja2Templates(env=env)


def csrf_token_for(request: Request) -> str:
    """The CSRF token to put in this page's forms (creating an anonymous nonce if needed)."""
    from netra.web.deps import Auth, expected_csrf

    auth = getattr(request.state, "auth", None) or Auth()
    token = expected_csrf(request, auth)
    if token is None:
        nonce = getattr(request.state, "new_nonce", None) or new_nonce()
        request.state.new_nonce = nonce
        token = anon_csrf_token(request.app.state.secret, nonce)
    return token


def base_context(request: Request) -> dict[str, Any]:
    from netra.web.nav import nav_for

    auth = getattr(request.state, "auth", None)
    user = auth.user if auth else None
    return {
        "request": request,
        "user": user,
        "nav": nav_for(user),
        "csrf_token": csrf_token_for(request),
        "current_path": request.url.path,
    }


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    data: Any = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    from netra.web.errors import wants_json

    if data is not None and wants_json(request):
        return JSONResponse(data, status_code=status, headers=headers)
    ctx = base_context(request)
    ctx.update(context or {})
    response = request.app.state.templates.TemplateResponse(
        request, name, ctx, status_code=status, headers=headers
    )
    _set_anon_cookie(request, response)
    return response


def _set_anon_cookie(request: Request, response: Response) -> None:
    nonce = getattr(request.state, "new_nonce", None)
    if nonce:
        from netra.web.cookies import cookie_secure

        response.set_cookie(
            ANON_CSRF_COOKIE,
            nonce,
            httponly=True,
            samesite="lax",
            secure=cookie_secure(request),
            path="/",
            max_age=12 * 3600,
        )


def render_error(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    titles = {403: "Akses ditolak", 404: "Tidak ditemukan", 429: "Terlalu banyak permintaan"}
    title = titles.get(status, "Terjadi kesalahan" if status >= 500 else "Permintaan tidak valid")
    return render(
        request,
        "error.html",
        {"title": title, "message": message, "status": status},
        status=status,
        headers=headers,
    )

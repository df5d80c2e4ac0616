"""The app factory. `create_app(settings)` wires settings, database, engine, security and routers.

Migrations are not run here: with several workers each would race to migrate. `netra serve` and
`netra db upgrade` migrate once, before workers start.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

import netra
from netra.analysis import Engine
from netra.config import Settings, get_settings
from netra.storage.db import engine_for, session_factory
from netra.web.deps import LazyEngine, csrf_guard, login_policy, session_policy
from netra.web.errors import install_error_handlers
from netra.web.ratelimit import TokenBucket
from netra.web.routers import AREAS
from netra.web.routers.api import install_openapi
from netra.web.secret import resolve_secret
from netra.web.security import LARGE_BODY_PATHS, BodyLimitMiddleware, SecurityHeadersMiddleware
from netra.web.templating import STATIC_DIR, build_templates

API_DESCRIPTION = """
Periksa unggahan media sosial ASN dan Humas pemerintah terhadap aturan netralitas, data pribadi,
informasi rahasia, hoaks, ujaran kebencian, bahasa kasar, dan konten terlarang.

Autentikasi: `Authorization: Bearer <token>` (buat token di halaman Akun atau dengan
`netra users token`), atau cookie sesi dari peramban (permintaan POST lalu wajib membawa header
`X-CSRF-Token`). Galat selalu berbentuk `{"error": {"code", "message"}}`.
"""


def create_app(
    settings: Settings | None = None, *, analysis_engine: Engine | None = None
) -> FastAPI:
    """Build the web app. `analysis_engine` lets tests inject an engine with extra rules."""
    settings = settings or get_settings()
    db_engine = engine_for(settings.resolved_database_url)
    app = FastAPI(
        title="Netra API",
        version=netra_version(),
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI needs a CDN and inline scripts; see /api/v1/docs instead
        redoc_url=None,
        dependencies=[Depends(csrf_guard)],
        lifespan=_lifespan,
    )
    state = app.state
    state.settings = settings
    state.db_engine = db_engine
    state.sessionmaker = session_factory(db_engine)
    state.analysis = LazyEngine(settings, analysis_engine)
    state.secret = resolve_secret(settings)
    state.session_policy = session_policy(settings)
    state.login_policy = login_policy(settings)
    state.api_limiter = TokenBucket(settings.api_rate_per_minute / 60, settings.api_burst)
    state.login_limiter = TokenBucket(
        settings.login_attempts_per_minute / 60, settings.login_attempts_per_minute
    )

    for module_name in AREAS:
        module = importlib.import_module(module_name)
        app.include_router(module.router)
    state.templates = build_templates()  # after the areas: they may add template directories

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(
        BodyLimitMiddleware,
        json_limit=settings.max_request_bytes,
        form_limit=settings.max_form_bytes,
        path_limits={p: getattr(settings, name) for p, name in LARGE_BODY_PATHS.items()},
    )
    app.add_middleware(SecurityHeadersMiddleware)
    install_error_handlers(app)
    install_openapi(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.analysis.warm_up(app.state.db_engine)
    yield
    app.state.db_engine.dispose()


def netra_version() -> str:
    try:
        from importlib.metadata import version

        return version("netra")
    except Exception:
        return getattr(netra, "__version__", "0.0.0")

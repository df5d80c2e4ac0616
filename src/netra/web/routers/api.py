"""REST API v1: check posts (one or a batch), the rulebook, health and version.

Errors are `{"error": {"code", "message"}}` with Indonesian messages. Bodies over the size limit
are refused before parsing (BodyLimitMiddleware); each token (or session user) has a token bucket.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import text as sql_text

from netra.analysis import ENGINE_VERSION, AnalysisError, Engine
from netra.web.deps import PUBLIC, AuthDep, CurrentUser, EngineDep
from netra.web.errors import ApiError
from netra.web.templating import render

router = APIRouter(prefix="/api/v1", tags=["api"])


# -- schemas (for the OpenAPI document; the body is parsed by hand for Indonesian errors) --------
class CheckContext(BaseModel):
    account: Literal["personal", "institutional"] | None = None
    channel: str | None = Field(None, examples=["x"])
    posted_at: str | None = Field(None, description="Tanggal/waktu ISO", examples=["2024-02-10"])
    author_role: str | None = None


class CheckItem(BaseModel):
    id: str | int | None = None
    text: str = Field(examples=["Ayo dukung paslon nomor 2 di TPS nanti!"])
    context: CheckContext | None = None


class BatchRequest(BaseModel):
    items: list[CheckItem] = Field(max_length=1000)


class FindingOut(BaseModel):
    category: str
    entity: str | None
    severity: Literal["low", "medium", "high"]
    confidence: float
    start: int
    end: int
    text: str
    message: str
    rules: list[str]
    suggestion: str | None
    detector: str


class ReportOut(BaseModel):
    id: str | None
    verdict: Literal["safe", "review", "high_risk"]
    risk_score: int
    findings: list[FindingOut]
    redacted_text: str
    engine_version: str


class ItemError(BaseModel):
    id: str | None
    error: dict[str, str]


class BatchOut(BaseModel):
    count: int
    results: list[ReportOut | ItemError]


class ErrorOut(BaseModel):
    error: dict[str, str]


def _schema_ref(model: type[BaseModel]) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": desc}
    for code, desc in (
        (400, "JSON tidak valid"),
        (401, "Belum masuk / token tidak valid"),
        (403, "CSRF atau peran tidak sesuai"),
        (413, "Permintaan terlalu besar"),
        (422, "Masukan tidak valid"),
        (429, "Batas laju terlampaui"),
    )
}


GET_ERROR_RESPONSES = {k: v for k, v in ERROR_RESPONSES.items() if k in (401, 403)}


def enforce_rate(request: Request, auth: Any, cost: float = 1.0) -> None:
    key = f"token:{auth.token.id}" if auth.token else f"user:{auth.user.id}"
    wait = request.app.state.api_limiter.take(key, cost)
    if wait > 0:
        retry = str(int(wait) + 1)
        raise ApiError(
            429,
            "rate_limited",
            f"Batas laju terlampaui. Coba lagi dalam {retry} detik.",
            headers={"Retry-After": retry},
        )


def _run_batch(engine: Engine, items: list[Any], check_claims: bool) -> list[dict[str, Any]]:
    out = []
    for result in engine.analyze_batch(items, errors="return", check_claims=check_claims):
        if isinstance(result, AnalysisError):
            out.append({"id": getattr(result, "id", None), "error": result.to_dict()})
        else:
            out.append(result.to_dict())
    return out


@router.post(
    "/check",
    summary="Periksa satu unggahan atau sekumpulan (maks. 1.000)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"oneOf": [_schema_ref(CheckItem), _schema_ref(BatchRequest)]}
                }
            },
        }
    },
    responses={
        200: {
            "content": {
                "application/json": {
                    "schema": {"oneOf": [_schema_ref(ReportOut), _schema_ref(BatchOut)]}
                }
            },
            "description": "Laporan (satu unggahan) atau hasil per butir (batch)",
        },
        **ERROR_RESPONSES,
    },
    response_model=None,
)
async def check(request: Request, user: CurrentUser, auth: AuthDep, engine: EngineDep) -> Response:
    """`{"text", "context"?, "id"?}` → laporan; `{"items": [...]}` → `{"count", "results"}`.

    Butir batch yang tidak valid menghasilkan `{"id", "error"}` dan batch tetap berjalan.
    """
    try:
        payload = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json") from None
    if not isinstance(payload, dict):
        raise ApiError(
            422,
            "invalid_request",
            'Badan permintaan harus objek JSON: {"text": …} atau {"items": […]}.',
        )
    max_batch = request.app.state.settings.max_batch
    if "items" in payload:
        items = payload["items"]
        if not isinstance(items, list) or not items:
            raise ApiError(
                422, "invalid_request", '"items" harus daftar berisi 1 butir atau lebih.'
            )
        if len(items) > max_batch:
            raise ApiError(
                422,
                "batch_too_large",
                f"Terlalu banyak butir ({len(items)}); batasnya {max_batch} per "
                "permintaan. Bagi menjadi beberapa permintaan.",
            )
        enforce_rate(request, auth, 1 + len(items) / 100)
        check_claims = _wants_factcheck(payload) and engine.has_claim_matcher
        results = await run_in_threadpool(_run_batch, engine, items, check_claims)
        return JSONResponse({"count": len(results), "results": results})
    enforce_rate(request, auth)
    item_id = payload.get("id")
    check_claims = _wants_factcheck(payload) and engine.has_claim_matcher

    def one() -> Any:
        return engine.analyze(
            payload.get("text"),
            payload.get("context"),
            id=None if item_id is None else str(item_id),
            check_claims=check_claims,
        )

    # The engine alone takes about a millisecond: run inline. A knowledge-base look-up embeds
    # the post (tens of milliseconds): off the event loop.
    report = await run_in_threadpool(one) if check_claims else one()
    return JSONResponse(report.to_dict())


def _wants_factcheck(payload: dict[str, Any]) -> bool:
    """`"factcheck": false` skips the knowledge base (faster); the default uses it if loaded."""
    value = payload.get("factcheck", True)
    if not isinstance(value, bool):
        raise ApiError(422, "invalid_request", '"factcheck" harus bernilai true atau false.')
    return value


@router.get("/rules", summary="Daftar aturan pemeriksa", responses=GET_ERROR_RESPONSES)
def rules(user: CurrentUser, engine: EngineDep) -> dict[str, Any]:
    out = []
    for rule_file, rule in engine.rulebook.rules():
        out.append(
            {
                "id": rule.id,
                "detector": rule_file.detector,
                "category": rule_file.category,
                "title": rule.title,
                "severity": rule.severity,
                "entity": rule.entity,
                "regulations": rule.regulations,
                "message": rule.message,
                "suggestion": rule.suggestion,
                "accounts": rule.accounts,
                "escalate_in_election": rule.escalate_in_election,
                "examples": {
                    "match": [e.text for e in rule.examples.match],
                    "no_match": [e.text for e in rule.examples.no_match],
                },
            }
        )
    return {"count": len(out), "rules": out}


@router.get("/regulations", summary="Katalog regulasi", responses=GET_ERROR_RESPONSES)
def regulations(user: CurrentUser, engine: EngineDep) -> dict[str, Any]:
    regs = [r.model_dump() for r in engine.rulebook.regulations.values()]
    return {"count": len(regs), "regulations": regs}


@router.get("/me", summary="Siapa saya (untuk menguji token)", responses=GET_ERROR_RESPONSES)
def me(user: CurrentUser, auth: AuthDep) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "roles": sorted(user.roles),
        "unit": user.unit.code if user.unit else None,
        "via": auth.via,
    }


@router.get("/health", dependencies=PUBLIC, summary="Kesehatan layanan")
def health(request: Request) -> JSONResponse:
    try:
        with request.app.state.db_engine.connect() as conn:
            conn.execute(sql_text("select 1"))
        database = "ok"
    except Exception:
        database = "error"
    status = "ok" if database == "ok" else "degraded"
    return JSONResponse(
        {"status": status, "database": database}, status_code=200 if status == "ok" else 503
    )


@router.get("/version", dependencies=PUBLIC, summary="Versi")
def version(request: Request) -> dict[str, str]:
    from netra.web.app import netra_version

    return {"netra": netra_version(), "engine": ENGINE_VERSION, "api": "v1"}


@router.get("/docs", dependencies=PUBLIC, summary="Dokumentasi API (HTML)", include_in_schema=False)
def docs(request: Request) -> Response:
    """The OpenAPI document rendered server-side: no CDN, no inline script."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "responses": sorted(op.get("responses", {})),
                }
            )
    schemas = {
        name: json.dumps(schema, ensure_ascii=False, indent=2)
        for name, schema in spec.get("components", {}).get("schemas", {}).items()
        if name
        in (
            "CheckItem",
            "BatchRequest",
            "ReportOut",
            "BatchOut",
            "ErrorOut",
            "FindingOut",
            "CheckContext",
        )
    }
    return render(
        request, "api_docs.html", {"spec": spec, "operations": operations, "schemas": schemas}
    )


DOCUMENTED_MODELS: tuple[type[BaseModel], ...] = (
    CheckContext,
    CheckItem,
    BatchRequest,
    FindingOut,
    ReportOut,
    ItemError,
    BatchOut,
    ErrorOut,
)


def install_openapi(app: Any) -> None:
    """The OpenAPI document covers /api/v1 only and includes the hand-parsed body schemas."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        spec["paths"] = {p: v for p, v in spec.get("paths", {}).items() if p.startswith("/api/")}
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        for model in DOCUMENTED_MODELS:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub in schema.pop("$defs", {}).items():
                schemas.setdefault(name, sub)
            schemas[model.__name__] = schema
        used = json.dumps(spec["paths"])
        for name in [n for n in schemas if n.startswith("Body_") and n not in used]:
            del schemas[name]  # form bodies of HTML pages
        spec["components"]["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer", "description": "Token API Netra"}
        }
        spec["security"] = [{"bearer": []}]
        app.openapi_schema = spec
        return spec

    app.openapi = openapi

"""Every route declares who may use it, and every route is walked with every role.

Routes are enumerated from `app.routes`, so routes added by later areas are covered without
touching this file: a route without a RoleRequirement or the `public` marker fails the first test.
"""

from __future__ import annotations

import re

import fastapi.routing
from fastapi.routing import APIRoute

from netra.web.deps import RoleRequirement, public
from tests.web.support import ROLES, csrf_from

ACCESS_CODES = {"unauthorized", "forbidden", "csrf_failed", "invalid_token"}
PATH_PARAM = re.compile(r"\{[^}]+\}")
# HTML pages whose machine-readable twin lives at another address.
JSON_TWIN_ELSEWHERE = {"/api/v1/docs": "/api/v1/openapi.json"}


def _calls(dependant) -> list:
    out = []
    for dep in dependant.dependencies:
        out.append(dep.call)
        out.extend(_calls(dep))
    return out


def access_of(route) -> str | frozenset[str]:
    """ "public", "any" (every logged-in user) or the set of allowed roles."""
    calls = _calls(route.dependant)
    requirements = [c for c in calls if isinstance(c, RoleRequirement)]
    is_public = any(c is public for c in calls)
    assert requirements or is_public, f"{route.path} declares no access policy"
    assert not (requirements and is_public), f"{route.path} is both public and restricted"
    if is_public:
        return "public"
    allowed: frozenset[str] | None = None
    for req in requirements:  # several requirements: all must hold
        if req.roles is not None:
            allowed = req.roles if allowed is None else allowed & req.roles
    return "any" if allowed is None else allowed


def api_routes(app) -> list:
    """Every API route as the app serves it (with the dependencies of app and routers).

    Recent FastAPI keeps included routers as `_IncludedRouter` entries; `iter_route_contexts`
    flattens them into effective routes. Older versions list APIRoute objects directly.
    """
    iter_contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    if iter_contexts is None:
        return [r for r in app.routes if isinstance(r, APIRoute)]
    return [rc for rc in iter_contexts(app.routes) if isinstance(rc.original_route, APIRoute)]


def test_every_route_declares_its_access(env):
    routes = api_routes(env.app)
    assert len(routes) > 20
    for route in routes:
        access_of(route)


def _path(route) -> str:
    # Ids that do not exist: the walk must not change other users' data.
    return PATH_PARAM.sub("999999", route.path_format)


def test_every_route_with_every_role_and_anonymous(env):
    clients = {role: env.client(role) for role in ROLES}
    tokens = {role: csrf_from(c.get("/akun").text) for role, c in clients.items()}
    anonymous = env.client()
    anon_token = csrf_from(anonymous.get("/masuk").text)
    checked = 0
    for route in api_routes(env.app):
        access = access_of(route)
        path = _path(route)
        for method in sorted(route.methods - {"HEAD"}):
            if access == "public":
                if path == "/keluar":
                    continue  # would log the client out; covered in test_auth
                r = anonymous.request(
                    method, path, headers={"Accept": "application/json", "X-CSRF-Token": anon_token}
                )
                assert r.status_code < 500, (path, r.text)
                if r.status_code in (401, 403):  # e.g. wrong credentials, not access control
                    assert r.json()["error"]["code"] not in ACCESS_CODES, (path, r.text)
                continue
            r = anonymous.request(
                method, path, headers={"Accept": "application/json", "X-CSRF-Token": anon_token}
            )
            assert r.status_code == 401, (method, path, "anonymous", r.status_code)
            assert r.json()["error"]["code"] == "unauthorized"
            for role, client in clients.items():
                allowed = access == "any" or role in access
                r = client.request(
                    method,
                    path,
                    headers={"Accept": "application/json", "X-CSRF-Token": tokens[role]},
                )
                checked += 1
                assert r.status_code < 500, (method, path, role, r.text[:300])
                if allowed:
                    assert r.status_code not in (401, 403), (method, path, role, r.text[:300])
                    if method == "GET" and path not in JSON_TWIN_ELSEWHERE and r.status_code < 300:
                        assert r.headers["content-type"].startswith("application/json"), path
                else:
                    assert r.status_code == 403, (method, path, role, r.status_code)
                    assert r.json()["error"]["code"] == "forbidden"
    assert checked > 100


def test_html_request_of_another_roles_page_is_refused_with_a_page(env):
    client = env.client("asn")
    r = client.get("/admin/pengguna")
    assert r.status_code == 403
    assert "Akses ditolak" in r.text and "text/html" in r.headers["content-type"]


def test_anonymous_html_request_is_sent_to_the_login_page(env):
    r = env.client().get("/riwayat?page=2")
    assert r.status_code == 303
    assert r.headers["location"] == "/masuk?next=/riwayat%3Fpage%3D2"

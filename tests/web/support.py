"""Helpers shared by the web, accounts and e2e tests: a migrated database with one user per role,
an app wired to an engine that includes the test rules, and logged-in clients."""

from __future__ import annotations

import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import Engine as DbEngine

from netra.accounts import passwords, service
from netra.accounts.roles import Role
from netra.analysis import Engine
from netra.config import Settings
from netra.storage.db import make_engine, session_scope
from netra.storage.migrate import upgrade

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

from netra.web.app import create_app  # noqa: E402

TEST_RULES = Path(__file__).resolve().parent / "rules"
ROLES = [r.value for r in Role]
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

# A post the test rules flag: a high neutrality finding and a medium personal-data finding.
RISKY_POST = "Ayo coblos kandidatuji besok! NIK tetangga saya 9912345678901234."
NIK = "9912345678901234"


def password_for(role: str) -> str:
    return f"sandi-{role}-uji"


def use_fast_hasher() -> None:
    """argon2id with tiny parameters: the tests create many users; production keeps defaults."""
    passwords.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def make_analysis_engine() -> Engine:
    return Engine(rules_dirs=[TEST_RULES])


def make_settings(db_url: str, data_dir: Path, **overrides) -> Settings:
    values = {
        "data_dir": data_dir,
        "database_url": db_url,
        "secret_key": "test-secret-key-" + "x" * 32,
        "login_max_failures": 3,
        "login_lockout_minutes": 15,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class WebEnv:
    settings: Settings
    db: DbEngine
    app: object
    user_ids: dict[str, int] = field(default_factory=dict)

    def client(self, role: str | None = None) -> TestClient:
        """A client (logged in as the demo user of `role`, when given)."""
        client = TestClient(self.app, follow_redirects=False)
        if role is not None:
            login(client, role, password_for(role))
        return client


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def login(client: TestClient, username: str, password: str, *, expect_ok: bool = True):
    page = client.get("/masuk")
    if page.status_code == 303:  # already logged in: the login page redirects
        page = client.get("/akun")
    token = csrf_from(page.text)
    response = client.post(
        "/masuk",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
    )
    if expect_ok:
        assert response.status_code == 303, response.text[:500]
    return response


def page_csrf(client: TestClient, path: str = "/akun") -> str:
    return csrf_from(client.get(path).text)


def build_env(db_url: str, data_dir: Path, analysis_engine: Engine, **overrides) -> WebEnv:
    settings = make_settings(db_url, data_dir, **overrides)
    db = make_engine(db_url)
    upgrade(db)
    ids: dict[str, int] = {}
    with session_scope(db) as session:
        unit = service.create_unit(session, "UJI", "Unit Uji")
        for role in ROLES:
            user = service.create_user(
                session, role, f"Pengguna {role}", password_for(role), [role], unit_id=unit.id
            )
            ids[role] = user.id
    app = create_app(settings, analysis_engine=analysis_engine)
    return WebEnv(settings, db, app, ids)


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve `app` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL.

    One real HTTP server for the browser tests and the load-style tests alike."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)

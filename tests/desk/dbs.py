"""Migrated databases, quickly: on PostgreSQL a database cloned from a template migrated once
per test session (CREATE DATABASE … TEMPLATE copies it in well under a second, where running
every area's migrations costs several seconds on this shared machine). SQLite is migrated
directly (it takes a fifth of a second). Each test still gets a database of its own on the real
server, created and dropped around it, exactly as `db_url` promises."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from netra.storage.db import engine_for, make_engine
from netra.storage.migrate import upgrade
from tests.storage_fixtures import PG_ADMIN_URL


def _drop(admin, name: str) -> None:
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


@pytest.fixture(scope="session")
def pg_template() -> Iterator[dict]:
    """Created lazily by the first PostgreSQL test that asks; dropped at the end."""
    state: dict = {}
    yield state
    if "name" in state:
        _drop(state["admin"], state["name"])
        state["admin"].dispose()


@pytest.fixture
def url(db_url: str, pg_template: dict) -> Iterator[str]:
    """`db_url`, migrated to every area's head."""
    if not db_url.startswith("postgresql"):
        engine = make_engine(db_url)
        upgrade(engine)
        engine.dispose()
        yield db_url
        return
    base = db_url.rsplit("/", 1)[0]
    if "name" not in pg_template:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        name = "netra_desk_tmpl_" + uuid.uuid4().hex[:10]
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine = make_engine(f"{base}/{name}")
        upgrade(engine)
        engine.dispose()
        pg_template.update(name=name, admin=admin)
    clone = "netra_desk_" + uuid.uuid4().hex[:12]
    with pg_template["admin"].connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{clone}" TEMPLATE "{pg_template["name"]}"'))
    try:
        yield f"{base}/{clone}"
    finally:
        engine_for.cache_clear()
        _drop(pg_template["admin"], clone)

"""Database fixtures: every storage test runs on SQLite and on the real PostgreSQL server.

`db_url` is parametrised over both backends. Each PostgreSQL test gets a fresh database created
on the server at 127.0.0.1:5432 (override with NETRA_TEST_PG_URL) and dropped afterwards; the
tests are skipped, loudly, only when no server answers.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

PG_ADMIN_URL = os.environ.get(
    "NETRA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _pg_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:
        return False


PG_AVAILABLE = _pg_available()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'netra.db'}"
        return
    if not PG_AVAILABLE:
        pytest.skip("PostgreSQL server not reachable at " + PG_ADMIN_URL)
    name = "netra_test_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        from netra.storage.db import engine_for

        engine_for.cache_clear()
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

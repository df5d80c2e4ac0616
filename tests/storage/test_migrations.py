"""Migrations reach every branch's head on both backends, and SQLite gets its pragmas."""

from __future__ import annotations

from sqlalchemy import inspect, text

from netra.storage.db import make_engine
from netra.storage.migrate import upgrade


def test_upgrade_creates_every_table_of_the_metadata(db_url):
    import netra.storage.models  # noqa: F401
    from netra.storage.base import Base

    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)  # idempotent
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_migrations_match_the_table_definitions(db_url):
    """Alembic's autogenerate finds nothing to add: migrations and models agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import netra.storage.models  # noqa: F401
    from netra.storage.base import Base

    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diffs = [d for d in compare_metadata(context, Base.metadata) if d[0] != "remove_table"]
    engine.dispose()
    assert not diffs, diffs

"""Alembic environment: uses the connection handed over by netra.storage.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import netra.storage.models  # noqa: F401  (registers every area's tables)
from netra.storage.base import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _configure(conn)
    else:
        _configure(connection)


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()

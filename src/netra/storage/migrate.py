"""Alembic migrations, driven from code (`netra db upgrade`, and on app start).

Each area (factcheck, web/accounts, desk, inbox, oversight) keeps its own migration branch with a
`branch_labels` of its name and `down_revision = None` for its first revision, so areas evolve
independently; `upgrade()` moves every branch to its head.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from netra.storage.db import MIGRATIONS_DIR


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema of every area."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


def downgrade_all(engine: Engine) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "base")

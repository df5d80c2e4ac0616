"""`netra db`: migrate the database (every area's branch) and show where it stands."""

from __future__ import annotations

import typer
from rich.console import Console

db_app = typer.Typer(help="Basis data: migrasi skema.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade() -> None:
    """Bawa skema basis data ke versi terbaru (semua area)."""
    from netra.config import get_settings
    from netra.storage.db import make_engine
    from netra.storage.migrate import upgrade as run_upgrade

    settings = get_settings()
    engine = make_engine(settings.resolved_database_url)
    run_upgrade(engine)
    engine.dispose()
    Console().print(f"Skema mutakhir: {_safe_url(settings.resolved_database_url)}")


@db_app.command("current")
def current() -> None:
    """Tampilkan revisi migrasi yang terpasang per area."""
    from alembic.runtime.migration import MigrationContext

    from netra.config import get_settings
    from netra.storage.db import make_engine

    engine = make_engine(get_settings().resolved_database_url)
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    engine.dispose()
    console = Console()
    if not heads:
        console.print("Belum dimigrasi. Jalankan: netra db upgrade")
    for head in sorted(heads):
        console.print(head)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

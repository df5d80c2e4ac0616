"""`netra audit`: prove the tamper-evident audit chain, show its head for anchoring."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

audit_app = typer.Typer(help="Jejak audit berantai (tahan ubah).", no_args_is_help=True)

DatabaseUrl = Annotated[str | None, typer.Option(help="URL basis data (bawaan: konfigurasi).")]


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


def _engine(database_url: str | None):
    from netra.config import get_settings
    from netra.storage.db import get_engine
    from netra.storage.migrate import upgrade

    db = get_engine(database_url or get_settings().resolved_database_url)
    upgrade(db)
    return db


@audit_app.command("verify")
def verify(
    expect_head: Annotated[
        str | None,
        typer.Option(help="Sidik jari kepala yang dicatat sebelumnya (dari `netra audit head`)."),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Periksa seluruh rantai audit; sebutkan peristiwa pertama yang rusak."""
    from netra.audit import verify as run_verify

    console = Console()
    result = run_verify(_engine(database_url), expect_head=expect_head)
    if result.ok:
        console.print(
            f"[green]Rantai audit utuh[/green]: {result.checked} peristiwa diperiksa; "
            f"kepala #{result.head_seq} {result.head_hash}"
        )
        return
    problem = result.problem
    where = f"peristiwa #{problem.seq}" if problem.seq is not None else "rantai"
    console.print(f"[red]RANTAI AUDIT RUSAK pada {where}[/red]: {problem.message}")
    console.print(f"{result.checked} peristiwa sebelum titik itu utuh.")
    raise typer.Exit(1)


@audit_app.command("head")
def head(database_url: DatabaseUrl = None) -> None:
    """Tampilkan kepala rantai; catat di luar Netra (laporan cetak, surel) sebagai jangkar."""
    from netra.audit import head as chain_head
    from netra.storage.db import session_scope

    with session_scope(_engine(database_url)) as session:
        seq, digest = chain_head(session)
    Console().print(f"#{seq} {digest}")

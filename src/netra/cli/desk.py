"""`netra desk`: the scheduler worker, a single publication pass, archive export, the feed."""

from __future__ import annotations

import signal
import threading
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

desk_app = typer.Typer(
    help="Meja komunikasi Humas: penjadwal, terbit, arsip.", no_args_is_help=True
)
archive_app = typer.Typer(help="Arsip unggahan resmi.", no_args_is_help=True)
desk_app.add_typer(archive_app, name="archive")

DatabaseUrl = Annotated[str | None, typer.Option(help="URL basis data (bawaan: konfigurasi).")]


def register(app: typer.Typer) -> None:
    app.add_typer(desk_app, name="desk")


def _context(database_url: str | None):
    from netra.config import get_settings
    from netra.desk.context import DeskContext
    from netra.storage.db import get_engine
    from netra.storage.migrate import upgrade

    settings = get_settings()
    db = get_engine(database_url or settings.resolved_database_url)
    upgrade(db)
    return DeskContext.from_settings(settings, db=db)


def _cli_actor():
    from netra.desk.actors import ADMIN, Actor

    # The machine's operator: whoever can run the CLI can read the database anyway.
    return Actor("operator CLI", frozenset({ADMIN}), user_id=0)


def _fail(console: Console, exc: Exception) -> None:
    console.print(f"[red]{exc}[/red]")
    raise typer.Exit(2)


@desk_app.command("worker")
def worker(
    once: Annotated[bool, typer.Option("--once", help="Satu putaran lalu berhenti.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Jalankan penjadwal: terbitkan unggahan yang sudah waktunya, ulangi yang gagal sementara."""
    from netra.desk.scheduler import default_worker_id, worker_loop

    console = Console(stderr=True)
    ctx = _context(database_url)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    worker_id = default_worker_id()
    if not once:
        console.print(
            f"Penjadwal {worker_id} berjalan (setiap {ctx.config.poll_seconds:g} dtk); "
            "Ctrl+C untuk berhenti."
        )

    def report(result) -> None:
        if result.claimed or once:
            console.print(f"Putaran: {result}")

    worker_loop(ctx, once=once, stop=stop, on_pass=report, worker_id=worker_id)
    if not once:
        console.print("Penjadwal berhenti.")


@desk_app.command("publish-due")
def publish_due(database_url: DatabaseUrl = None) -> None:
    """Satu putaran penerbitan sekarang (untuk cron atau pemeriksaan manual)."""
    from netra.desk.scheduler import run_due

    ctx = _context(database_url)
    result = run_due(ctx)
    Console().print(f"Putaran: {result}")
    if result.failed or result.unknown:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    pdf = "pdf"


@archive_app.command("export")
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv, json atau pdf.")] = (
        ExportFormat.csv
    ),
    out: Annotated[Path | None, typer.Option(help="Berkas keluaran (bawaan: layar).")] = None,
    query: Annotated[str | None, typer.Option("--q", help="Cari teks atau judul.")] = None,
    channel: Annotated[str | None, typer.Option(help="Kanal, mis. x, instagram.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Sejak tanggal 2025-05-01.")] = (
        None
    ),
    date_to: Annotated[str | None, typer.Option("--to", help="Hingga tanggal 2025-05-31.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Jumlah maksimum.")] = 1_000,
    database_url: DatabaseUrl = None,
) -> None:
    """Ekspor arsip unggahan resmi (CSV, JSON atau PDF untuk dicetak)."""
    from netra.desk import archive
    from netra.desk.errors import DeskError

    console = Console(stderr=True)
    ctx = _context(database_url)
    try:
        items = archive.search(ctx, _cli_actor(), text=query, channel=channel,
                               date_from=date_from, date_to=date_to, limit=limit)  # fmt: skip
        if format is ExportFormat.pdf:
            data: bytes = archive.export_pdf(ctx, items)
        elif format is ExportFormat.json:
            data = archive.export_json(items).encode("utf-8")
        else:
            data = archive.export_csv(items).encode("utf-8")
    except DeskError as exc:
        _fail(console, exc)
    if out is None:
        if format is ExportFormat.pdf:
            _fail(console, ValueError("PDF harus ditulis ke berkas: tambahkan --out arsip.pdf"))
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        out.write_bytes(data)
        console.print(f"{len(items)} unggahan diekspor ke {out} ({format.value}).")


@desk_app.command("feed")
def feed(
    channel: Annotated[str, typer.Option(help="Kanal arsip yang dijadikan umpan.")] = "website",
    out: Annotated[Path | None, typer.Option(help="Berkas keluaran (bawaan: layar).")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Tulis umpan Atom unggahan resmi (untuk situs web instansi)."""
    from netra.desk.feed import atom_feed

    data = atom_feed(_context(database_url), channel=channel)
    if out is None:
        typer.echo(data.decode("utf-8"))
    else:
        out.write_bytes(data)
        Console(stderr=True).print(f"Umpan Atom ditulis ke {out}.")

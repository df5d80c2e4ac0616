"""`netra serve`: migrate, optionally seed demo data, and run the web app under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str | None, typer.Option(help="Alamat dengar (bawaan NETRA_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Porta (bawaan NETRA_PORT).")] = None,
    workers: Annotated[
        int | None, typer.Option(help="Jumlah proses pekerja (bawaan NETRA_WORKERS).")
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Isi data demo (satu pengguna per peran) bila kosong.")
    ] = False,
) -> None:
    """Jalankan aplikasi web Netra (migrasi basis data otomatis saat mulai)."""
    import uvicorn

    from netra.config import get_settings
    from netra.storage.db import make_engine
    from netra.storage.migrate import upgrade
    from netra.web.secret import resolve_secret

    if demo:
        # The demo publishes approved posts without a second process: the app runs the desk
        # scheduler (an explicit NETRA_DESK_SCHEDULER still wins). Workers inherit the setting.
        os.environ.setdefault("NETRA_DESK_SCHEDULER", "true")
        get_settings.cache_clear()
    settings = get_settings()
    console = Console(stderr=True)
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)  # once, before any worker starts
    resolve_secret(settings)  # create the key file now, not racing in several workers
    if demo:
        _seed_demo(engine, settings, console)
    engine.dispose()
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    console.print(f"Netra berjalan di http://{host}:{port}  (Ctrl+C untuk berhenti)")
    uvicorn.run(
        "netra.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
        log_level="info",
    )


def _seed_demo(engine, settings, console: Console) -> None:
    """Fill an empty database with the demo of every area (netra.web.demo) and say what it
    holds; a database with data is left alone. The fact-check claims are embedded in a
    background thread so the app answers at once."""
    import time

    from netra.analysis import get_engine
    from netra.web.demo import DEMO_USERS, seed_demo
    from netra.web.demo.factcheck import embed_in_background

    analysis = get_engine()  # built before the clock starts: the app needs it anyway
    started = time.perf_counter()
    summary = seed_demo(engine, settings, analysis, embed=False)
    if summary is None:
        console.print("Data demo: basis data sudah berisi data; tidak ada yang diubah.")
        return
    if summary.factcheck is not None:
        embed_in_background(settings.resolved_database_url)
    table = Table(title="Pengguna demo (ganti atau hapus di produksi)")
    for col in ("Nama pengguna", "Kata sandi", "Peran"):
        table.add_column(col)
    for demo in DEMO_USERS:
        table.add_row(demo.username, demo.password, demo.role)
    console.print(table)
    console.print(
        f"Data demo dibuat dalam {time.perf_counter() - started:.1f} detik: "
        f"{len(summary.desk.drafts)} draf Meja Humas, {summary.inbox.imported} pesan warga, "
        f"{summary.oversight.added} unggahan arsip pengawasan yang sudah dipindai, "
        f"{summary.factcheck.added if summary.factcheck else 0} klaim cek fakta."
    )

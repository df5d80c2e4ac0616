"""`netra scan`: import account archives and scan every post (process pool or Dask)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table


def register(app: typer.Typer) -> None:
    app.command("scan")(scan)


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>7.0f} unggahan/dtk"),
        TimeElapsedColumn(),
        TextColumn("sisa"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


def scan(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Berkas arsip (zip X/FB/IG, CSV, JSONL).")
    ] = None,
    unit: Annotated[int | None, typer.Option(help="Id unit kerja pemilik arsip.")] = None,
    account: Annotated[str | None, typer.Option(help="Nama akun (untuk ekspor FB/IG).")] = None,
    dask: Annotated[bool, typer.Option("--dask", help="Jalankan di klaster Dask.")] = False,
    scheduler: Annotated[
        str | None, typer.Option(help="Alamat penjadwal Dask, mis. tcp://10.0.0.5:8786.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=256, help="Jumlah proses pekerja.")] = 2,
    resume: Annotated[int | None, typer.Option(help="Lanjutkan pekerjaan pemindaian ini.")] = None,
    cancel: Annotated[int | None, typer.Option(help="Batalkan pekerjaan pemindaian ini.")] = None,
    database_url: Annotated[
        str | None, typer.Option(help="URL basis data (bawaan: konfigurasi).")
    ] = None,
) -> None:
    """Impor arsip akun lalu periksa setiap unggahan dengan mesin Netra."""
    from netra.oversight.scan import create_job, request_cancel, run_job
    from netra.oversight.store import import_archive
    from netra.storage.db import get_engine
    from netra.storage.migrate import upgrade

    console = Console(stderr=True)
    db = get_engine(database_url)
    upgrade(db)
    if cancel is not None:
        request_cancel(db, cancel)
        console.print(f"Pembatalan pekerjaan {cancel} diminta.")
        return
    if resume is None and not paths:
        console.print("[red]Berikan berkas arsip, atau --resume ID.[/red]")
        raise typer.Exit(2)
    backend = "dask" if (dask or scheduler) else "local"
    job_id = resume
    if job_id is None:
        import_ids = []
        with _progress(console) as progress:
            for path in paths or []:
                task = progress.add_task(f"Impor {path.name}", total=None, rate=0.0)
                report = import_archive(
                    db, path, unit_id=unit, account=account,
                    progress=lambda n, t=task: progress.update(t, advance=n),
                )  # fmt: skip
                progress.update(task, total=report.added + report.skipped)
                if report.error:
                    console.print(f"[red]{path.name}:[/red] {report.error}")
                console.print(
                    f"{path.name}: {report.added} unggahan baru, {report.skipped} sudah ada."
                )
                if report.import_id:
                    import_ids.append(report.import_id)
        if not import_ids:
            raise typer.Exit(2)
        job_id = create_job(db, import_ids=import_ids, unit_id=unit, backend=backend)
    with _progress(console) as progress:
        task = progress.add_task(f"Pindai (pekerjaan {job_id})", total=None, rate=0.0)

        def show(p) -> None:
            progress.update(task, total=p.total, completed=p.scanned, rate=p.rate)

        result = run_job(db, job_id, workers=workers, scheduler=scheduler, backend=backend,
                         on_progress=show)  # fmt: skip
    _summary(db, job_id, result.rate, Console())


def _summary(db, job_id: int, rate: float, console: Console) -> None:
    from sqlalchemy import func, select

    from netra.oversight.tables import ScanJob, ScanResult

    with db.connect() as conn:
        job = conn.execute(select(ScanJob).where(ScanJob.id == job_id)).one()
        counts = dict(
            conn.execute(
                select(ScanResult.verdict, func.count())
                .where(ScanResult.job_id == job_id)
                .group_by(ScanResult.verdict)
            ).all()
        )
    table = Table(title=f"Pemindaian {job_id}: {job.status}")
    table.add_column("vonis")
    table.add_column("jumlah", justify="right")
    for verdict, label in (("high_risk", "risiko tinggi"), ("review", "perlu ditinjau"),
                           ("safe", "aman"), ("error", "galat")):  # fmt: skip
        table.add_row(label, str(counts.get(verdict, 0)))
    console.print(table)
    console.print(f"{job.scanned} dari {job.total} unggahan; {rate:.0f} unggahan/detik.")

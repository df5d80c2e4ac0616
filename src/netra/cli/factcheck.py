"""`netra factcheck …`: the fact-check knowledge base from the command line (Indonesian output).

import (CSV, JSONL, RSS/Atom file or URL, with a progress bar), seed, match --jsonl, search,
add / edit / retire / restore / show (every change is a revision), export, reindex, stats.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from netra.cli.check import parse_jsonl_line

factcheck_app = typer.Typer(
    help="Basis pengetahuan cek fakta: impor, cocokkan unggahan, kelola klaim.",
    no_args_is_help=True,
)

MAX_TOP = 20


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(factcheck_app, name="factcheck")


# ------------------------------------------------------------------------------------ helpers
def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _user(by: str | None) -> str:
    if by:
        return by
    try:
        return os.environ.get("NETRA_USER") or getpass.getuser() or "cli"
    except Exception:  # no login name (containers)
        return "cli"


def _engine():
    """The configured database, checked for the fact-check tables (hint if not migrated)."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from netra.config import get_settings
    from netra.storage.db import get_engine

    url = get_settings().resolved_database_url
    try:
        engine = get_engine(url)
        tables = set(inspect(engine).get_table_names())
    except SQLAlchemyError as exc:
        _err().print(
            f"[red]Basis data tidak bisa dibuka:[/red] {escape(str(exc.__class__.__name__))}"
        )
        raise typer.Exit(2) from None
    if "factcheck_claims" not in tables:
        _err().print(
            "[red]Tabel cek fakta belum ada.[/red] Jalankan [bold]netra db upgrade[/bold] dahulu."
        )
        raise typer.Exit(2)
    return engine


class _RichProgress:
    """Adapter from the importer's Progress protocol to a Rich progress bar."""

    def __init__(self, progress: Progress) -> None:
        self._p = progress
        self._task: Any = None

    def start(self, label: str, total: int | None) -> None:
        if self._task is not None:
            self._p.update(self._task, visible=False)
        self._task = self._p.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._p.advance(self._task, n)


def _progress_bar(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("sisa"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


def _embedder_or_none(err: Console):
    try:
        from netra.factcheck.embed import get_embedder

        return get_embedder()
    except Exception as exc:  # model files missing/broken: import without vectors, say so
        err.print(f"[yellow]Model embedding tidak tersedia ({type(exc).__name__}).[/yellow]")
        return None


def _print_report(report, console: Console, max_rejected: int = 50) -> None:
    table = Table(title=f"Hasil impor: {escape(report.source)}", show_header=False)
    table.add_row("Baris dibaca", str(report.rows))
    table.add_row("Diterima (baru)", str(report.added))
    table.add_row("Diperbarui", str(report.updated))
    table.add_row("Tidak berubah", str(report.unchanged))
    table.add_row("Ditolak", str(len(report.rejected)))
    table.add_row("Embedding dihitung", str(report.embedded))
    console.print(table)
    for warning in report.warnings:
        console.print(f"[yellow]Catatan:[/yellow] {escape(warning)}")
    if report.rejected:
        rej = Table(title="Baris ditolak", show_lines=False)
        rej.add_column("Baris", justify="right")
        rej.add_column("Id")
        rej.add_column("Alasan")
        for r in report.rejected[:max_rejected]:
            rej.add_row(str(r.row), escape(r.claim_id or "-"), escape(r.reason))
        console.print(rej)
        if len(report.rejected) > max_rejected:
            console.print(
                f"… dan {len(report.rejected) - max_rejected} baris lain; gunakan --laporan "
                "BERKAS.json untuk daftar lengkap."
            )


# ----------------------------------------------------------------------------------- commands
@factcheck_app.command("import")
def import_cmd(
    source: Annotated[str, typer.Argument(help="Berkas .csv/.jsonl/.xml atau URL umpan RSS/Atom.")],
    by: Annotated[str | None, typer.Option("--oleh", "--by", help="Nama analis (riwayat).")] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Pengodean berkas bila bukan UTF-8, mis. cp1252."),
    ] = None,
    report_path: Annotated[
        Path | None, typer.Option("--laporan", help="Simpan laporan lengkap (JSON) ke berkas ini.")
    ] = None,
) -> None:
    """Impor klaim dari CSV, JSONL, atau umpan RSS/Atom (berkas atau URL)."""
    from netra.config import get_settings
    from netra.factcheck.importers import ImportFileError, import_path, import_url

    err = _err()
    engine = _engine()
    embedder = _embedder_or_none(err)
    author = _user(by)
    limit = get_settings().factcheck_max_import_bytes
    try:
        with _progress_bar(err) as bar:
            progress = _RichProgress(bar)
            if source.startswith(("http://", "https://")):
                report = import_url(engine, source, by=author, embedder=embedder, progress=progress)
            else:
                report = import_path(
                    engine,
                    Path(source),
                    by=author,
                    embedder=embedder,
                    encoding=encoding,
                    max_bytes=limit,
                    progress=progress,
                )
    except ImportFileError as exc:
        err.print(f"[red]Impor dibatalkan:[/red] {escape(exc.message)}")
        err.print("Tidak ada data yang diubah.")
        raise typer.Exit(2) from None
    _print_report(report, Console(highlight=False))
    if report_path is not None:
        report_path.write_text(
            json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )


@factcheck_app.command("seed")
def seed_cmd(
    by: Annotated[str | None, typer.Option("--oleh", "--by", help="Nama analis.")] = None,
) -> None:
    """Muat basis pengetahuan contoh (parafrase hoaks terkenal + tautan bantahannya)."""
    from netra.factcheck.seed import SEED_AUTHOR, load_seed
    from netra.storage.db import session_scope

    engine = _engine()
    with _progress_bar(_err()) as bar, session_scope(engine) as session:
        report = load_seed(session, by=by or SEED_AUTHOR, progress=_RichProgress(bar))
    _print_report(report, Console(highlight=False))


def _matcher(err: Console):
    from netra.factcheck.matcher import KnowledgeBaseMatcher

    engine = _engine()
    try:
        return KnowledgeBaseMatcher.from_engine(engine)
    except Exception as exc:
        err.print(f"[red]Indeks cek fakta tidak bisa dimuat:[/red] {escape(type(exc).__name__)}")
        raise typer.Exit(2) from None


@factcheck_app.command("match")
def match_cmd(
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Baca baris {"id","text"} dari stdin (wajib).')
    ] = False,
    top: Annotated[int, typer.Option("--top", min=1, max=MAX_TOP, help="Jumlah maksimum.")] = 5,
) -> None:
    """Cocokkan unggahan (JSONL di stdin) dengan klaim yang sudah dicek; JSONL ke stdout."""
    err = _err()
    if not jsonl:
        err.print('[red]Gunakan --jsonl[/red] (untuk satu teks: netra factcheck search "…").')
        raise typer.Exit(2)
    matcher = _matcher(err)
    out = sys.stdout
    for raw in sys.stdin.buffer:
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        item_id, item, problem = parse_jsonl_line(raw)
        if problem is None and item is not None and not isinstance(item.get("text"), str):
            problem = 'Kolom "text" harus berupa teks.'
        if problem or item is None:
            line = {"id": item_id, "error": {"code": "invalid_line", "message": problem}}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            continue
        matches = matcher.match(item["text"], top_k=top)
        payload = {
            "id": item_id,
            "matches": [
                {
                    "claim_id": m.claim_id,
                    "claim": m.claim,
                    "verdict": m.verdict,
                    "source_url": m.source_url,
                    "score": round(m.score, 4),
                }
                for m in matches
            ],
        }
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        out.flush()


@factcheck_app.command("search")
def search_cmd(
    text: Annotated[str, typer.Argument(help="Teks unggahan atau klaim yang ingin dicek.")],
    top: Annotated[int, typer.Option("--top", min=1, max=MAX_TOP, help="Jumlah maksimum.")] = 5,
    semua: Annotated[
        bool, typer.Option("--semua", help="Tampilkan juga kandidat di bawah ambang.")
    ] = False,
) -> None:
    """Cari klaim yang sudah dicek yang mirip dengan teks ini (tabel untuk dibaca)."""
    err = _err()
    matcher = _matcher(err)
    console = Console(highlight=False)
    results = matcher.candidates(text, top_k=top) if semua else matcher.match(text, top_k=top)
    if not results:
        console.print(
            "Tidak ditemukan klaim yang cocok di basis pengetahuan. Ini [bold]bukan[/bold] "
            "jaminan bahwa informasinya benar: tetap periksa sumber resmi."
        )
        return
    table = Table(title="Klaim yang sudah dicek", show_lines=True)
    table.add_column("Skor", justify="right")
    table.add_column("Vonis")
    table.add_column("Klaim")
    table.add_column("Sumber bantahan", overflow="fold")
    for m in results:
        mark = "" if m.score >= matcher.threshold else " (lemah)"
        table.add_row(
            f"{m.score:.2f}{mark}",
            escape(m.verdict.upper()),
            escape(m.claim),
            escape(m.source_url + (f"\n{m.publisher}" if m.publisher else "")),
        )
    console.print(table)


def _claim_values(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v is not None}


def _store_action(action):
    """Run `action(store)` in a transaction; Indonesian errors instead of tracebacks."""
    from netra.factcheck.records import ClaimValidationError
    from netra.factcheck.store import ClaimNotFound, ClaimStore
    from netra.storage.db import session_scope

    err = _err()
    engine = _engine()
    try:
        with session_scope(engine) as session:
            return action(ClaimStore(session))
    except (ClaimValidationError, ClaimNotFound) as exc:
        err.print(f"[red]Gagal:[/red] {escape(exc.message)}")
        raise typer.Exit(2) from None


@factcheck_app.command("add")
def add_cmd(
    claim: Annotated[str, typer.Option("--klaim", "--claim", help="Teks klaim.")],
    verdict: Annotated[str, typer.Option("--vonis", "--verdict", help="mis. hoaks, benar.")],
    source_url: Annotated[str, typer.Option("--url", help="Tautan artikel bantahan.")],
    claim_id: Annotated[str | None, typer.Option("--id", help="Id tetap (opsional).")] = None,
    publisher: Annotated[str | None, typer.Option("--penerbit", "--publisher")] = None,
    published_at: Annotated[str | None, typer.Option("--tanggal", "--published-at")] = None,
    topic: Annotated[str | None, typer.Option("--topik", "--topic")] = None,
    explanation: Annotated[str | None, typer.Option("--penjelasan", "--explanation")] = None,
    clarification: Annotated[str | None, typer.Option("--klarifikasi", "--clarification")] = None,
    by: Annotated[str | None, typer.Option("--oleh", "--by")] = None,
) -> None:
    """Tambah satu klaim (dengan embedding)."""
    from netra.factcheck.embed import get_embedder, text_sha256
    from netra.factcheck.records import validate_claim
    from netra.factcheck.store import StoredVector

    def action(store):
        data = validate_claim(
            _claim_values(
                claim_id=claim_id, claim=claim, verdict=verdict, source_url=source_url,
                publisher=publisher, published_at=published_at, topic=topic,
                explanation=explanation, clarification=clarification,
            )
        )  # fmt: skip
        embedder = get_embedder()
        vector = StoredVector(
            embedder.model_id, text_sha256(data.claim), embedder.embed_many([data.claim])[0]
        )
        return store.add(data, by=_user(by), reason="ditambahkan lewat CLI", vector=vector)

    created = _store_action(action)
    Console(highlight=False).print(f"Klaim ditambahkan: [bold]{escape(created.claim_id)}[/bold]")


@factcheck_app.command("edit")
def edit_cmd(
    claim_id: Annotated[str, typer.Argument(help="Id klaim.")],
    set_: Annotated[
        list[str], typer.Option("--set", help="kolom=nilai, mis. --set verdict=hoaks (berulang).")
    ],
    reason: Annotated[str | None, typer.Option("--alasan", "--reason")] = None,
    by: Annotated[str | None, typer.Option("--oleh", "--by")] = None,
) -> None:
    """Ubah kolom klaim; perubahan dicatat di riwayat (siapa, kapan, apa)."""
    from netra.factcheck.embed import get_embedder, text_sha256
    from netra.factcheck.store import StoredVector

    changes: dict[str, str] = {}
    for item in set_:
        field, sep, value = item.partition("=")
        if not sep:
            _err().print(f"[red]Format --set salah:[/red] {escape(item)} (harus kolom=nilai)")
            raise typer.Exit(2)
        field = {"updated_at": "updated_at_source", "url": "source_url"}.get(field, field)
        changes[field.strip()] = value

    def action(store):
        claim = store.edit(claim_id, changes, by=_user(by), reason=reason)
        if "claim" in changes:
            embedder = get_embedder()
            vec = embedder.embed_many([claim.claim])[0]
            store.set_vector(claim, StoredVector(embedder.model_id, text_sha256(claim.claim), vec))
        return claim.revision

    revision = _store_action(action)
    Console(highlight=False).print(f"Klaim {escape(claim_id)} kini revisi {revision}.")


@factcheck_app.command("retire")
def retire_cmd(
    claim_id: Annotated[str, typer.Argument(help="Id klaim.")],
    reason: Annotated[str, typer.Option("--alasan", "--reason", help="Mengapa dipensiunkan.")],
    by: Annotated[str | None, typer.Option("--oleh", "--by")] = None,
) -> None:
    """Pensiunkan klaim: tidak lagi dicocokkan, tetap tersimpan beserta riwayatnya."""
    _store_action(lambda store: store.retire(claim_id, by=_user(by), reason=reason))
    Console(highlight=False).print(f"Klaim {escape(claim_id)} dipensiunkan.")


@factcheck_app.command("restore")
def restore_cmd(
    claim_id: Annotated[str, typer.Argument(help="Id klaim.")],
    reason: Annotated[str | None, typer.Option("--alasan", "--reason")] = None,
    by: Annotated[str | None, typer.Option("--oleh", "--by")] = None,
) -> None:
    """Aktifkan kembali klaim yang dipensiunkan."""
    _store_action(lambda store: store.restore(claim_id, by=_user(by), reason=reason))
    Console(highlight=False).print(f"Klaim {escape(claim_id)} aktif kembali.")


@factcheck_app.command("show")
def show_cmd(claim_id: Annotated[str, typer.Argument(help="Id klaim.")]) -> None:
    """Tampilkan klaim dan seluruh riwayat perubahannya."""

    def action(store):
        claim = store.require(claim_id)
        revisions = store.revisions(claim_id)
        return claim, revisions

    claim, revisions = _store_action(action)
    console = Console(highlight=False)
    table = Table(show_header=False, title=f"Klaim {escape(claim.claim_id)}")
    for label, value in (
        ("Klaim", claim.claim), ("Vonis", claim.verdict), ("Sumber", claim.source_url),
        ("Penerbit", claim.publisher), ("Terbit", claim.published_at),
        ("Diperbarui (sumber)", claim.updated_at_source), ("Topik", claim.topic),
        ("Penjelasan", claim.explanation), ("Klarifikasi resmi", claim.clarification),
        ("Status", "aktif" if claim.status == "active" else "dipensiunkan"),
        ("Revisi", claim.revision),
    ):  # fmt: skip
        table.add_row(label, escape("" if value is None else str(value)))
    console.print(table)
    hist = Table(title="Riwayat")
    for col in ("Rev", "Waktu (UTC)", "Oleh", "Aksi", "Alasan", "Perubahan"):
        hist.add_column(col)
    for r in revisions:
        changes = "; ".join(f"{k}: {v[0]!r} → {v[1]!r}" for k, v in r.changes.items())
        hist.add_row(
            str(r.revision), r.changed_at.strftime("%Y-%m-%d %H:%M"), escape(r.changed_by),
            r.action, escape(r.reason or ""), escape(changes[:300]),
        )  # fmt: skip
    console.print(hist)


@factcheck_app.command("export")
def export_cmd(
    path: Annotated[Path, typer.Argument(help="Berkas CSV tujuan.")],
    semua: Annotated[bool, typer.Option("--semua", help="Sertakan klaim dipensiunkan.")] = False,
) -> None:
    """Ekspor klaim ke CSV (sel yang bisa dieksekusi spreadsheet dinetralkan)."""
    from netra.factcheck.export import export_csv
    from netra.storage.db import session_scope

    engine = _engine()
    with path.open("w", encoding="utf-8", newline="") as out, session_scope(engine) as session:
        n = export_csv(session, out, include_retired=semua)
    Console(highlight=False).print(f"{n} klaim diekspor ke {escape(str(path))}.")


@factcheck_app.command("reindex")
def reindex_cmd() -> None:
    """Hitung embedding yang belum ada atau usang (setelah impor tanpa model)."""
    from netra.factcheck.index import refresh_embeddings

    err = _err()
    engine = _engine()
    with _progress_bar(err) as bar:
        n = refresh_embeddings(engine, progress=_RichProgress(bar))
    Console(highlight=False).print(f"{n} embedding dihitung ulang.")


@factcheck_app.command("stats")
def stats_cmd() -> None:
    """Jumlah klaim per status dan vonis."""
    from sqlalchemy import func, select

    from netra.factcheck.tables import Claim
    from netra.storage.db import session_scope

    engine = _engine()
    with session_scope(engine) as session:
        rows = session.execute(
            select(Claim.status, Claim.verdict, func.count()).group_by(Claim.status, Claim.verdict)
        ).all()
    table = Table(title="Basis pengetahuan cek fakta")
    for col in ("Status", "Vonis", "Jumlah"):
        table.add_column(col)
    for status, verdict, count in sorted(rows):
        table.add_row("aktif" if status == "active" else "dipensiunkan", verdict, str(count))
    Console(highlight=False).print(table)

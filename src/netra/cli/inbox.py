"""`netra inbox`: classify citizen messages, train the triage model, and run the inbox steps
(triage, import, polling, escalation, export) from the command line or a scheduler."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

inbox_app = typer.Typer(
    help="Kotak masuk warga: triase, pelatihan model, impor, eskalasi.", no_args_is_help=True
)
MAX_LINE_BYTES = 1_000_000
INTENT_LABEL = {
    "question": "pertanyaan",
    "complaint": "pengaduan",
    "aspiration": "aspirasi",
    "appreciation": "apresiasi",
    "emergency": "DARURAT",
    "spam": "spam",
}
URGENCY_LABEL = {"low": "rendah", "normal": "biasa", "high": "TINGGI"}


def register(app: typer.Typer) -> None:
    app.add_typer(inbox_app, name="inbox")


def _error_line(item_id: Any, code: str, message: str) -> str:
    return json.dumps(
        {"id": item_id, "error": {"code": code, "message": message}}, ensure_ascii=False
    )


def classify_line(raw: bytes, max_chars: int) -> str:
    """One output line for one input line (never raises for bad input)."""
    from netra.inbox.errors import InboxError
    from netra.inbox.triage import classify

    if len(raw) > MAX_LINE_BYTES:
        return _error_line(
            None, "invalid_line", f"Baris terlalu panjang (lebih dari {MAX_LINE_BYTES} bita)."
        )
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _error_line(None, "invalid_line", "Baris bukan UTF-8 yang valid.")
    except json.JSONDecodeError as exc:
        return _error_line(
            None, "invalid_line", f"Baris bukan JSON yang valid (kolom {exc.colno})."
        )
    if not isinstance(item, dict):
        return _error_line(None, "invalid_line", 'Baris harus berupa objek JSON {"id", "text"}.')
    item_id = item.get("id")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return _error_line(item_id, "invalid_text", 'Kolom "text" harus berisi teks.')
    if len(text) > max_chars:
        return _error_line(
            item_id, "too_long", f"Teks terlalu panjang ({len(text)} karakter; batas {max_chars})."
        )
    try:
        result = classify(text)
    except InboxError as exc:
        return _error_line(item_id, exc.code, exc.message)
    return json.dumps(result.to_jsonl(item_id), ensure_ascii=False)


@inbox_app.command("classify")
def classify_command(
    text: Annotated[str | None, typer.Argument(help="Teks pesan warga.")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Baca baris {"id","text"} dari stdin.')
    ] = False,
) -> None:
    """Tentukan jenis, topik, urgensi, sentimen dan emosi pesan warga."""
    from netra.config import get_settings
    from netra.inbox.errors import InboxError
    from netra.inbox.triage import classify

    err = Console(stderr=True)
    max_chars = get_settings().inbox_max_message_chars
    if jsonl:
        out = sys.stdout
        for raw in sys.stdin.buffer:
            raw = raw.rstrip(b"\r\n")
            if raw.strip():
                out.write(classify_line(raw, max_chars) + "\n")
        out.flush()
        return
    if text is None:
        err.print("[red]Berikan teks pesan, atau gunakan --jsonl.[/red]")
        raise typer.Exit(2)
    if len(text) > max_chars:
        err.print(f"[red]Teks terlalu panjang ({len(text)} karakter; batas {max_chars}).[/red]")
        raise typer.Exit(2)
    try:
        c = classify(text)
    except InboxError as exc:
        err.print(f"[red]Galat ({exc.code}):[/red] {exc.message}")
        raise typer.Exit(2) from None
    console = Console()
    console.print(f"Jenis   : {INTENT_LABEL[c.intent]} ({c.intent_confidence:.2f})")
    console.print(f"Topik   : {c.topic} ({c.topic_confidence:.2f})")
    console.print(f"Urgensi : {URGENCY_LABEL[c.urgency]}")
    for reason in c.urgency_reasons:
        console.print(f"          - {reason}", markup=False)
    console.print(f"Sentimen: {c.sentiment}; emosi: {c.emotion}")


@inbox_app.command("train")
def train_command(
    data: Annotated[Path | None, typer.Option(help="Berkas data berlabel (JSONL).")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder keluaran model.")] = None,
    tune: Annotated[bool, typer.Option(help="Pilih C dan ambang dengan validasi silang.")] = True,
    check: Annotated[
        bool, typer.Option("--check", help="Latih ulang dan bandingkan dengan model terpasang.")
    ] = False,
) -> None:
    """Latih model triase dari bagian `train` data berlabel (bagian `eval` tidak pernah dibaca)."""
    from netra.inbox import dataset
    from netra.inbox.errors import InboxError
    from netra.inbox.model import MODEL_DIR, TriageModel
    from netra.inbox.train import train

    console, err = Console(), Console(stderr=True)
    try:
        rows = dataset.training_rows(data or dataset.DATA_FILE)
        if check:
            shipped = TriageModel.load()
            model, _ = train(
                rows,
                tune=False,
                c=float(shipped.meta["c"]),
                threshold=float(shipped.thresholds["high"]),
            )
            same = compare_models(shipped, model)
            console.print(
                "Model terpasang sama dengan hasil pelatihan ulang."
                if same
                else "[red]Model terpasang BERBEDA dari hasil pelatihan ulang.[/red]"
            )
            raise typer.Exit(0 if same else 1)
        console.print(f"Melatih dari {len(rows)} pesan (bagian train)…")
        model, report = train(rows, tune=tune)
        npz, meta = model.save(out or MODEL_DIR)
    except InboxError as exc:
        err.print(f"[red]Galat ({exc.code}):[/red] {exc.message}")
        raise typer.Exit(2) from None
    console.print(f"C = {report.c}; ambang urgensi = {report.threshold}")
    if report.cv:
        console.print(
            f"Validasi silang (5 lipatan, bagian train): akurasi jenis "
            f"{report.cv['intent_accuracy']:.3f}, recall darurat "
            f"{report.cv['emergency_recall']:.3f}, alarm palsu {report.cv['false_alarms']}"
        )
    console.print(f"Tersimpan: {npz} ({npz.stat().st_size // 1024} KB), {meta}")


def compare_models(a, b, atol: float = 1e-5) -> bool:
    """Same vocabulary, same labels, coefficients equal within `atol`."""
    import numpy as np

    if a.vectorizer.vocab != b.vectorizer.vocab:
        return False
    for name, head in a.heads.items():
        other = b.heads.get(name)
        if other is None or head.labels != other.labels:
            return False
        if not np.allclose(head.coef, other.coef, atol=atol) or not np.allclose(
            head.intercept, other.intercept, atol=atol
        ):
            return False
    return all(
        np.allclose(a.vectorizer.idf[k], b.vectorizer.idf[k], atol=atol) for k in a.vectorizer.idf
    )


def _engine(database_url: str | None):
    from netra.storage.db import get_engine
    from netra.storage.migrate import upgrade

    engine = get_engine(database_url)
    upgrade(engine)
    return engine


DbOption = Annotated[
    str | None, typer.Option("--database-url", help="URL basis data (bawaan: konfigurasi).")
]


@inbox_app.command("triage")
def triage_command(
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Pesan per putaran.")] = 200,
    database_url: DbOption = None,
) -> None:
    """Urai kiriman yang tertunda lalu triase semua pesan yang belum ditriase."""
    from netra.inbox.receive import process_pending_deliveries
    from netra.inbox.triage import triage_pending

    engine = _engine(database_url)
    receipts = process_pending_deliveries(engine)
    done = failed = 0
    while True:
        run = triage_pending(engine, limit=limit)
        done, failed = done + len(run.done), failed + len(run.failed)
        if not run.count:
            break
    Console().print(f"Kiriman diurai ulang: {len(receipts)}. Ditriase: {done}; gagal: {failed}.")


@inbox_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Berkas .csv, .json atau .jsonl.")],
    platform: Annotated[str, typer.Option(help="Platform bila tidak ada kolomnya.")] = "import",
    channel: Annotated[str | None, typer.Option(help="Kanal, mis. whatsapp.")] = None,
    database_url: DbOption = None,
) -> None:
    """Impor pesan warga dari berkas ekspor (baris rusak dilaporkan, sisanya disimpan)."""
    from netra.inbox.errors import InboxError
    from netra.inbox.importers import import_file

    console, err = Console(), Console(stderr=True)
    try:
        report = import_file(_engine(database_url), file, platform=platform, channel=channel)
    except InboxError as exc:
        err.print(f"[red]Galat ({exc.code}):[/red] {exc.message}")
        raise typer.Exit(2) from None
    console.print(
        f"Baris: {report.rows}; disimpan: {report.accepted}; sudah ada: "
        f"{report.duplicates}; rusak: {report.error_count}."
    )
    for line, message in report.errors[:20]:
        err.print(f"  baris {line}: {message}", markup=False)
    console.print("Jalankan `netra inbox triage` untuk menriase pesan yang baru.")


@inbox_app.command("poll")
def poll_command(
    source: Annotated[str, typer.Argument(help="telegram atau x")],
    database_url: DbOption = None,
) -> None:
    """Ambil pesan baru dari Telegram (getUpdates) atau mention X."""
    from netra.inbox.errors import InboxError
    from netra.inbox.polling import poll_telegram, poll_x_mentions

    err = Console(stderr=True)
    if source not in ("telegram", "x"):
        err.print("[red]Sumber harus 'telegram' atau 'x'.[/red]")
        raise typer.Exit(2)
    try:
        engine = _engine(database_url)
        result = poll_telegram(engine) if source == "telegram" else poll_x_mentions(engine)
    except InboxError as exc:
        err.print(f"[red]Galat ({exc.code}):[/red] {exc.message}")
        raise typer.Exit(2) from None
    Console().print(
        f"Halaman: {result.pages}; pesan baru: {result.accepted}; sudah ada: "
        f"{result.duplicates}; posisi: {result.cursor}."
    )


def _parse_time(value: str | None, what: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        Console(stderr=True).print(
            f"[red]{what} harus tanggal/waktu ISO, mis. 2026-03-01 atau "
            "2026-03-01T08:00+07:00.[/red]"
        )
        raise typer.Exit(2) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@inbox_app.command("escalate")
def escalate_command(
    now: Annotated[str | None, typer.Option(help="Waktu acuan (ISO); bawaan: sekarang.")] = None,
    database_url: DbOption = None,
) -> None:
    """Eskalasi pesan yang melewati batas waktu layanan (jalankan berkala)."""
    from netra.inbox.sla import escalate_due

    done = escalate_due(_engine(database_url), _parse_time(now, "--now"))
    Console().print(f"Dieskalasi: {len(done)} batas waktu.")
    for e in done[:50]:
        Console().print(
            f"  pesan #{e.message_id}: {e.timer} (tenggat {e.due:%Y-%m-%d %H:%M} UTC) "
            f"→ petugas {e.to_user_id or 'antrean unit'}"
        )


@inbox_app.command("export")
def export_command(
    start: Annotated[str, typer.Option("--from", help="Tanggal awal (ISO).")],
    end: Annotated[str | None, typer.Option("--to", help="Tanggal akhir, eksklusif (ISO).")] = None,
    out: Annotated[Path | None, typer.Option(help="Tulis ke berkas (bawaan: stdout).")] = None,
    database_url: DbOption = None,
) -> None:
    """Ekspor pesan (teks disamarkan) sebagai CSV untuk laporan."""
    from netra.inbox.dashboard import export_csv
    from netra.storage.db import session_scope

    begin = _parse_time(start, "--from")
    finish = _parse_time(end, "--to") or (begin + timedelta(days=31))
    with session_scope(_engine(database_url)) as session:
        text = export_csv(session, begin, finish)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        Console().print(f"Tersimpan: {out}")


@inbox_app.command("holidays")
def holidays_command(
    year: Annotated[int | None, typer.Option(help="Tahun.")] = None,
    database_url: DbOption = None,
) -> None:
    """Tampilkan hari libur nasional dan cuti bersama yang dipakai penghitung tenggat."""
    from netra.inbox.seed import ensure_defaults
    from netra.inbox.sla import list_holidays
    from netra.storage.db import session_scope

    table = Table("tanggal", "jenis", "nama")
    with session_scope(_engine(database_url)) as session:
        ensure_defaults(session)
        for row in list_holidays(session, year):
            table.add_row(row.day.isoformat(), row.kind.replace("_", " "), row.name)
    Console().print(table)

"""`netra check`: analyse a post (argument, file or JSONL stream) and explain the findings."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from netra.analysis import AnalysisError, Report, get_engine
from netra.analysis.finding import Verdict

VERDICT_LABEL = {
    "safe": ("AMAN", "green"),
    "review": ("PERLU DITINJAU", "yellow"),
    "high_risk": ("RISIKO TINGGI", "bold red"),
}
SEVERITY_LABEL = {"low": "rendah", "medium": "sedang", "high": "tinggi"}
SEVERITY_STYLE = {"low": "cyan", "medium": "yellow", "high": "bold red"}
CATEGORY_LABEL = {
    "political_neutrality": "netralitas politik",
    "misinformation": "misinformasi/hoaks",
    "personal_data": "data pribadi",
    "confidential_information": "informasi rahasia",
    "hate_speech": "ujaran kebencian",
    "abusive_language": "bahasa kasar",
    "prohibited_content": "konten terlarang",
}
MAX_LINE_BYTES = 1_000_000


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    review = "review"
    high_risk = "high_risk"


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    text: Annotated[str | None, typer.Argument(help="Teks unggahan yang diperiksa.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Baca teks dari berkas (UTF-8).")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="text atau json.")] = (
        OutputFormat.text
    ),
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Baca baris {"id","text","context"} dari stdin.')
    ] = False,
    account: Annotated[
        str | None, typer.Option(help="Jenis akun: personal atau institutional.")
    ] = None,
    channel: Annotated[str | None, typer.Option(help="Kanal, mis. x, instagram.")] = None,
    posted_at: Annotated[
        str | None, typer.Option("--posted-at", help="Waktu unggah (ISO), mis. 2024-02-01.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Keluar dengan kode 1 bila vonis setidaknya ini."),
    ] = None,
    factcheck: Annotated[
        bool,
        typer.Option(
            "--cek-fakta",
            help="Cocokkan juga dengan basis data cek fakta (hoaks yang sudah dibantah).",
        ),
    ] = False,
) -> None:
    """Periksa unggahan: tandai bagian berisiko, alasannya, aturannya, dan sarannya."""
    err = Console(stderr=True)
    if factcheck:
        _attach_knowledge_base(err)
    if jsonl:
        worst = _run_jsonl(err)
        raise typer.Exit(_exit_code(worst, fail_on))
    if file is not None:
        text = _read_file(file, err)
    if text is None:
        if sys.stdin.isatty():
            err.print("[red]Berikan teks, --file BERKAS, atau --jsonl.[/red]")
            raise typer.Exit(2)
        text = _decode(sys.stdin.buffer.read(), err)
    context = {k: v for k, v in (("account", account), ("channel", channel),
                                  ("posted_at", posted_at)) if v}  # fmt: skip
    try:
        report = get_engine().analyze(text, context or None)
    except AnalysisError as exc:
        err.print(f"[red]Galat ({exc.code}):[/red] {exc.message}")
        raise typer.Exit(2) from None
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(report, text, Console())
    raise typer.Exit(_exit_code(report.verdict, fail_on))


def _attach_knowledge_base(err: Console) -> None:
    """Opt-in: loading the knowledge base and the embedding model costs seconds, which a quick
    check of one post should not pay unless asked."""
    from netra.factcheck.attach import attach_knowledge_base
    from netra.storage.db import get_engine as database

    if not attach_knowledge_base(get_engine(), database()):
        err.print(
            "[yellow]Basis data cek fakta kosong atau tidak bisa dimuat; "
            "pemeriksaan berjalan tanpanya.[/yellow]"
        )


def _read_file(path: Path, err: Console) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        err.print(f"[red]Berkas tidak bisa dibaca:[/red] {path} ({exc.strerror})")
        raise typer.Exit(2) from None
    return _decode(data, err)


def _decode(data: bytes, err: Console) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        err.print(
            f"[red]Teks bukan UTF-8 yang valid[/red] (bita ke-{exc.start}). "
            "Simpan ulang berkas sebagai UTF-8."
        )
        raise typer.Exit(2) from None


def _exit_code(verdict: Verdict | str | None, fail_on: FailOn | None) -> int:
    if fail_on is None or verdict is None:
        return 0
    order = {"safe": 0, "review": 1, "high_risk": 2}
    return 1 if order[str(verdict)] >= order[str(fail_on)] else 0


def _error_line(item_id: Any, code: str, message: str) -> str:
    item_id = None if item_id is None else str(item_id)  # as in reports: id is str|null
    return json.dumps({"id": item_id, "error": {"code": code, "message": message}},
                      ensure_ascii=False)  # fmt: skip


def parse_jsonl_line(raw: bytes) -> tuple[Any, dict[str, Any] | None, str | None]:
    """(id, item, error message) for one input line; error is Indonesian when the line is bad."""
    if len(raw) > MAX_LINE_BYTES:
        return None, None, f"Baris terlalu panjang (lebih dari {MAX_LINE_BYTES} bita)."
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, None, "Baris bukan UTF-8 yang valid."
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, f"Baris bukan JSON yang valid (kolom {exc.colno})."
    if not isinstance(item, dict):
        return None, None, 'Baris harus berupa objek JSON {"id", "text"}.'
    item_id = item.get("id")
    if "text" not in item:
        return item_id, None, 'Kolom "text" tidak ada.'
    return item_id, item, None


def _run_jsonl(err: Console) -> str | None:
    engine = get_engine()
    out = sys.stdout
    worst: str | None = None
    order = {"safe": 0, "review": 1, "high_risk": 2}
    stdin = sys.stdin.buffer
    show_progress = err.is_terminal
    count = 0
    for raw in stdin:
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        count += 1
        item_id, item, problem = parse_jsonl_line(raw)
        if problem or item is None:
            out.write(_error_line(item_id, "invalid_line", problem or "Baris tidak valid.") + "\n")
            continue
        try:
            report = engine.analyze(item.get("text"), item.get("context"),
                                    id=None if item_id is None else str(item_id))  # fmt: skip
        except AnalysisError as exc:
            out.write(_error_line(item_id, exc.code, exc.message) + "\n")
            continue
        out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        if worst is None or order[str(report.verdict)] > order[worst]:
            worst = str(report.verdict)
        if show_progress and count % 500 == 0:
            err.print(f"[dim]{count} unggahan diperiksa…[/dim]", end="\r")
    out.flush()
    if show_progress:
        err.print(f"[dim]{count} unggahan diperiksa.[/dim]")
    return worst


def print_report(report: Report, text: str, console: Console) -> None:
    """Human output: the post with highlighted spans, then each finding explained."""
    label, style = VERDICT_LABEL[str(report.verdict)]
    highlighted = Text(text)
    for f in report.findings:
        highlighted.stylize(f"reverse {SEVERITY_STYLE[str(f.severity)]}", f.start, f.end)
    console.print(highlighted)
    console.print()
    console.print(
        Text.assemble(("Vonis: ", "bold"), (label, style), f"  (skor risiko {report.risk_score})")
    )
    if not report.findings:
        console.print("Tidak ada temuan. Tetap periksa kembali sebelum mengunggah.")
        return
    from netra.analysis import get_engine as _engine

    regulations = _engine().rulebook.regulations
    for n, f in enumerate(report.findings, 1):
        sev = SEVERITY_LABEL[str(f.severity)]
        cat = CATEGORY_LABEL.get(f.category, f.category)
        console.print(
            Text.assemble(
                f"\n{n}. ",
                (f"[{cat}]", "bold"),
                f" keparahan {sev}: ",
                (f"“{f.text}”", SEVERITY_STYLE[str(f.severity)]),
                f" (karakter {f.start}–{f.end})",
            )
        )
        console.print(f"   Alasan : {f.message}", markup=False, highlight=False)
        for reg_id in f.rules:
            reg = regulations.get(reg_id)
            ref = f"{reg.title}, {reg.article}" if reg else reg_id
            console.print(f"   Aturan : {ref}", markup=False, highlight=False)
        if f.suggestion:
            console.print(f"   Saran  : {f.suggestion}", markup=False, highlight=False)
    if report.redacted_text != text:
        console.print("\nVersi tersamarkan:", style="bold")
        console.print(report.redacted_text, markup=False, highlight=False)

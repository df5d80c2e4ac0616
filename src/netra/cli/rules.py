"""`netra rules`: list the rulebook and run every rule's own examples."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

rules_app = typer.Typer(help="Buku aturan: daftar aturan dan uji contoh-contohnya.",
                        no_args_is_help=True)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def list_rules(
    detector: Annotated[str | None, typer.Option(help="Hanya detektor ini.")] = None,
) -> None:
    """Daftar aturan: id, detektor, keparahan, regulasi."""
    from netra.analysis import get_engine

    book = get_engine().rulebook
    table = Table(title="Aturan Netra")
    for col in ("id", "detektor", "keparahan", "judul", "regulasi"):
        table.add_column(col)
    for rule_file, rule in book.rules():
        if detector and rule_file.detector != detector:
            continue
        table.add_row(rule.id, rule_file.detector, rule.severity, rule.title,
                      ", ".join(rule.regulations))  # fmt: skip
    Console().print(table)


@rules_app.command("test")
def test_rules() -> None:
    """Jalankan contoh cocok/tidak-cocok setiap aturan; keluar 1 bila ada yang gagal."""
    from netra.rules.examples import run_examples

    console = Console()
    failures = 0
    total = 0
    for result in run_examples():
        total += 1
        if not result.ok:
            failures += 1
            console.print(f"[red]GAGAL[/red] {result.rule_id} ({result.kind}): {result.text!r}"
                          f" — {result.reason}", highlight=False)  # fmt: skip
    console.print(f"{total - failures} lulus, {failures} gagal dari {total} contoh.")
    raise typer.Exit(1 if failures else 0)


@rules_app.command("import-candidates")
def import_candidates_command(
    file: Annotated[Path, typer.Argument(help="Berkas CSV pasangan calon (UTF-8).")],
    election: Annotated[
        str | None,
        typer.Option("--election", help="Nama pemilihan, mis. 'Pilkada Kab. Bogor 2024'."),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Impor baris yang valid saja; laporkan yang ditolak."),
    ] = False,
) -> None:
    """Impor calon Pilkada dari CSV ke leksikon instansi (lihat netra.rules.candidates).

    Kolom: region, position (gubernur/bupati/walikota), number, candidate, running_mate,
    nicknames, candidate_nicknames, running_mate_nicknames, hashtags, slogans, parties
    (pisahkan beberapa nilai dengan ";"). Impor ulang pemilihan yang sama menggantikan berkasnya.
    """
    from netra.analysis import reset_engine
    from netra.rules.candidates import CandidateImportError, import_candidates

    console = Console(stderr=True)
    try:
        report = import_candidates(file, election, skip_invalid=skip_invalid)
    except CandidateImportError as exc:
        console.print("[red]Impor gagal:[/red]", highlight=False)
        for problem in exc.problems:
            console.print(f"  - {problem}", highlight=False)
        raise typer.Exit(1) from None
    reset_engine()
    for problem in report.rejected:
        console.print(f"[yellow]Ditolak[/yellow] {problem}", highlight=False)
    for warning in report.warnings:
        console.print(f"[yellow]Catatan[/yellow] {warning}", highlight=False)
    Console().print(
        f"{len(report.imported)} pasangan calon '{report.election}' diimpor ke {report.path}. "
        "Netra memakainya saat layanan dimulai ulang.",
        highlight=False,
    )

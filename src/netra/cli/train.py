"""`netra train`: rebuild the shipped classifiers from the data in the repository."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

STEP_NAMES = {
    "data": "memuat data",
    "features": "mengekstrak fitur",
    "embeddings": "menghitung embedding kalimat",
    "calibration": "kalibrasi dan ambang",
    "final fit": "melatih model akhir",
    "held-out evaluation": "evaluasi data uji",
    "probe": "melatih model uji kecil",
    "save": "menyimpan artefak",
}


def register(app: typer.Typer) -> None:
    app.command("train")(train)


def _steps(recipe) -> int:  # type: ignore[no-untyped-def]
    from netra.training.splits import N_FOLDS

    return 7 + N_FOLDS + (1 if recipe.features.embedding else 0)


def train(
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="Model yang dilatih (boleh diulang); bawaan: semua."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Folder tujuan; bawaan: src/netra/models/ (yang dikirim)."
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", help="Hanya N baris pertama (uji cepat; jangan untuk model kiriman)."
        ),
    ] = None,
) -> None:
    """Latih ulang model klasifikasi dari data di repositori (deterministik, seed tetap)."""
    from netra.models.features import MODELS_DIR
    from netra.training.pipeline import train as train_one
    from netra.training.recipes import RECIPES

    console = Console()
    names = model or list(RECIPES)
    unknown = [n for n in names if n not in RECIPES]
    if unknown:
        console.print(
            f"[red]Model tidak dikenal: {', '.join(unknown)}.[/] Pilihan: {', '.join(RECIPES)}."
        )
        raise typer.Exit(2)
    if limit is not None and output is None:
        console.print(
            "[red]--limit hanya bersama --output: model kiriman selalu dilatih pada data penuh.[/]"
        )
        raise typer.Exit(2)
    target = output or MODELS_DIR
    results = []
    with Progress(
        TextColumn("[bold]{task.fields[model]}[/]"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        for name in names:
            recipe = RECIPES[name]
            total = _steps(recipe) - (1 if limit else 0)  # no probe model for a quick run
            task = progress.add_task("mulai", total=total, model=name)

            def step(what: str, task: int = task) -> None:
                label = STEP_NAMES.get(what, what.replace("fold", "validasi silang lipatan"))
                progress.update(task, advance=1, description=label)

            started = time.perf_counter()
            trained = train_one(recipe, target / name, limit=limit, progress=step)
            progress.update(task, completed=total, description="selesai")
            results.append((name, trained, time.perf_counter() - started))

    table = Table(title="Model yang dilatih")
    for col in ("model", "data uji", "macro-F1", "label utama (F1)", "waktu"):
        table.add_column(col)
    for name, trained, seconds in results:
        test = trained.meta["metrics"]["test"]
        main = ", ".join(f"{label} {m['f1']:.3f}" for label, m in list(test["labels"].items())[:2])
        table.add_row(name, str(test["n"]), f"{test['macro_f1']:.3f}", main, f"{seconds:.0f} d")
    console.print(table)
    console.print(f"Artefak dan kartu model ditulis ke {target}.")

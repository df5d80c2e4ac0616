"""`netra evaluate`: accuracy of the engine on the labelled dev set, or on a named dataset.

The dev set is built in (tests/data/devset.jsonl). Other datasets (the classifiers' corpora) are
registered by `netra.models.evaluate.DATASETS` (name → callable), imported only when asked for, so
that evaluating the engine never pays for loading classifier code.
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

DEV_DATASET = "dev"
DEV_ALIASES = frozenset({"dev", "devset", "netra-dev"})


class Split(StrEnum):
    dev = "dev"
    holdout = "holdout"
    all = "all"


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add `evaluate` to the main app."""
    app.command("evaluate")(evaluate)


def evaluate(
    dataset: Annotated[
        str,
        typer.Option(help="Dataset: 'dev' (dev set Netra) atau nama dataset model lain."),
    ] = DEV_DATASET,
    split: Annotated[Split, typer.Option(help="Bagian dev set: dev, holdout, atau all.")] = (
        Split.all
    ),
    output: Annotated[OutputFormat, typer.Option("--format", help="text atau json.")] = (
        OutputFormat.text
    ),
    list_errors: Annotated[
        bool, typer.Option("--list-errors", help="Tampilkan salah tandai dan yang terlewat.")
    ] = False,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Berkas JSONL lain dengan skema dev set (tests/data/README.md)."
        ),
    ] = None,
) -> None:
    """Ukur presisi, recall, dan F1 mesin analisis pada dataset berlabel."""
    err = Console(stderr=True)
    if dataset not in DEV_ALIASES:
        _run_named_dataset(dataset, split, output, list_errors, err)
        return
    from netra.evaluation import DatasetError, default_path, load_items
    from netra.evaluation import evaluate as run
    from netra.evaluation.render import render
    from netra.rules.loader import RulebookError

    path = data or default_path()
    try:
        items = load_items(path, split.value)
    except DatasetError as exc:
        err.print(f"[red]Galat dataset:[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    if not items:
        err.print(f"[red]Tidak ada unggahan pada split '{split.value}' di {path}.[/red]")
        raise typer.Exit(2)
    try:
        result = run(items, split=split.value)
    except RulebookError as exc:
        err.print(f"[red]Buku aturan tidak valid:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if output is OutputFormat.json:
        payload = {"dataset": str(path), **result.to_dict(include_mistakes=list_errors)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        console = Console() if sys.stdout.isatty() else Console(width=120)
        render(result, console, dataset=f"dev set Netra ({path.name})", list_errors=list_errors)


def _registry(err: Console) -> Mapping[str, Callable[..., Any]]:
    """The model datasets, or an empty mapping when the models package provides none yet."""
    try:
        from netra.models.evaluate import DATASETS
    except ModuleNotFoundError as exc:
        if exc.name in ("netra.models", "netra.models.evaluate"):
            return {}
        raise
    except ImportError:
        err.print("[red]netra.models.evaluate tidak menyediakan DATASETS.[/red]")
        return {}
    return DATASETS


def _run_named_dataset(
    name: str, split: Split, output: OutputFormat, list_errors: bool, err: Console
) -> None:
    registry = _registry(err)
    if name not in registry:
        available = ", ".join([DEV_DATASET, *sorted(registry)])
        err.print(
            f"[red]Dataset tidak dikenal:[/red] {name}. Dataset yang tersedia: {available}.",
            highlight=False,
        )
        raise typer.Exit(2)
    func = registry[name]
    offered = {"split": split.value, "format": output.value, "output_format": output.value,
               "list_errors": list_errors}  # fmt: skip
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        params = {}
    takes_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    kwargs = {k: v for k, v in offered.items() if takes_all or k in params}
    if takes_all:
        kwargs.pop("output_format", None)
    result = func(**kwargs)
    _print_result(result, output)


def _print_result(result: Any, output: OutputFormat) -> None:
    """Print whatever a dataset callable returned (it may also have printed by itself)."""
    if result is None:
        return
    if isinstance(result, str):
        sys.stdout.write(result if result.endswith("\n") else result + "\n")
        return
    if hasattr(result, "to_dict"):
        result = result.to_dict()
    if output is OutputFormat.json or not isinstance(result, Mapping):
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    console = Console()
    for key, value in result.items():
        console.print(f"[bold]{key}[/bold]: {value}", highlight=False)

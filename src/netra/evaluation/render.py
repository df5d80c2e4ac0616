"""Human output of an evaluation (Indonesian headings, Rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from netra.evaluation.metrics import PRF, Rate
from netra.evaluation.runner import EXPECTED_FLAGGED, EXPECTED_SAFE, VERDICTS, EvaluationResult

CATEGORY_LABEL = {
    "political_neutrality": "netralitas politik",
    "misinformation": "misinformasi/hoaks",
    "personal_data": "data pribadi",
    "confidential_information": "informasi rahasia",
    "hate_speech": "ujaran kebencian",
    "abusive_language": "bahasa kasar",
    "prohibited_content": "konten terlarang",
}
VERDICT_LABEL = {"safe": "aman", "review": "perlu ditinjau", "high_risk": "risiko tinggi"}
ROW_LABEL = {
    EXPECTED_SAFE: "diharapkan aman (tanpa label)",
    EXPECTED_FLAGGED: "diharapkan ditandai (berlabel)",
}


def num(value: float | None, digits: int = 3) -> str:
    """A figure with a decimal comma; '–' when it cannot be computed."""
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


def pct(rate: Rate) -> str:
    value = rate.value
    shown = "–" if value is None else f"{100 * value:.1f}%".replace(".", ",")
    return f"{rate.count}/{rate.total} ({shown})"


def _prf_cells(prf: PRF) -> list[str]:
    return [str(prf.tp + prf.fn), str(prf.tp + prf.fp), str(prf.tp), str(prf.fp), str(prf.fn),
            num(prf.precision), num(prf.recall), num(prf.f1)]  # fmt: skip


def _prf_table(title: str, first: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for col in ("emas", "prediksi", "TP", "FP", "FN", "presisi", "recall", "F1"):
        table.add_column(col, justify="right")
    return table


def render(result: EvaluationResult, console: Console, *, dataset: str, list_errors: bool) -> None:
    """Print every figure of `result`, the targets, and optionally the mistakes."""
    console.print(
        f"[bold]Evaluasi mesin analisis[/bold] — {dataset}, split [bold]{result.split}[/bold], "
        f"{result.n_items} unggahan"
    )
    table = _prf_table("Per kategori (tingkat unggahan)", "kategori")
    for category, prf in result.categories.items():
        table.add_row(CATEGORY_LABEL.get(category, category), *_prf_cells(prf))
    console.print(table)

    spans = result.spans
    table = _prf_table("Span data pribadi", "entitas")
    for entity, prf in sorted(spans.per_entity.items()):
        table.add_row(entity, *_prf_cells(prf))
    table.add_section()
    iou = num(spans.min_iou, 1)
    table.add_row(f"semua (IoU ≥ {iou})", *_prf_cells(spans.overall), style="bold")
    table.add_row("semua (offset persis sama)", *_prf_cells(spans.exact))
    table.add_row("lokasi saja (entitas diabaikan)", *_prf_cells(spans.location_only))
    console.print(table)
    console.print(
        f"Span prediksi dihitung benar bila tumpang tindih dengan span emas berentitas sama "
        f"dengan IoU ≥ {iou} (dipasangkan satu-satu)."
    )
    if result.unscored_entities:
        extra = ", ".join(f"{k} ({v})" for k, v in sorted(result.unscored_entities.items()))
        console.print(f"Entitas di luar skema anotasi, tidak dinilai: {extra}.")

    console.print(
        f"\nAlarm palsu netralitas pada info pemilu netral: {pct(result.neutral_false_alarm)}"
    )
    console.print(f"Unggahan resmi Humas dinilai aman: {pct(result.humas_safe)}")

    table = Table(title="Matriks vonis", title_justify="left")
    table.add_column("label emas")
    for verdict in VERDICTS:
        table.add_column(VERDICT_LABEL[verdict], justify="right")
    for row, counts in result.verdicts.items():
        table.add_row(ROW_LABEL[row], *(str(counts.get(v, 0)) for v in VERDICTS))
    console.print(table)

    table = Table(title="Target", title_justify="left")
    for col in ("ukuran", "nilai", "target", "status"):
        table.add_column(col)
    status = {True: "[green]tercapai[/green]", False: "[red]belum[/red]", None: "tidak terukur"}
    for target, value, met in result.targets():
        table.add_row(target.label, num(value), target.shown.replace(".", ","), status[met])
    console.print(table)

    if result.analysis_errors:
        console.print(f"[red]{len(result.analysis_errors)} unggahan gagal dianalisis:[/red]")
        for err in result.analysis_errors:
            console.print(f"  {err['id']}: {err['code']} — {err['message']}", markup=False)
    if list_errors:
        render_mistakes(result, console)


def render_mistakes(result: EvaluationResult, console: Console) -> None:
    """False positives and negatives, per category, then personal-data span mistakes."""
    console.print("\n[bold]Kesalahan per kategori[/bold] (FP = salah tandai, FN = terlewat)")
    for m in sorted(result.category_mistakes, key=lambda m: (m.category, m.kind, m.item_id)):
        evidence = f"  ← {' | '.join(m.evidence)}" if m.evidence else ""
        line = f"  {m.kind.upper()} {CATEGORY_LABEL.get(m.category, m.category)} {m.item_id}: "
        console.print(line + _short(m.text) + evidence, markup=False, highlight=False)
    console.print("\n[bold]Kesalahan span data pribadi[/bold]")
    for s in sorted(result.span_mistakes, key=lambda s: (s.kind, s.item_id, s.start)):
        kind = "terlewat" if s.kind == "missed" else "berlebih"
        console.print(f"  {kind} {s.entity} {s.item_id} [{s.start}:{s.end}] “{s.text}”",
                      markup=False, highlight=False)  # fmt: skip


def _short(text: str, limit: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

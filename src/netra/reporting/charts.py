"""Server-side SVG charts: no JavaScript, no CDN, readable by screen readers.

Charts are small, dependency-free SVG strings that templates embed as they are (every label is
XML-escaped here) and that the PDF writer can draw as well. Each chart carries a <title> and a
<desc> summarising its data, so the information is there for people who cannot see it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PALETTE = ("#1f6f8b", "#d1495b", "#edae49", "#00798c", "#6a4c93", "#30638e", "#8d6a9f")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


def _nice_max(value: float) -> float:
    """A round axis maximum made of four equal, round steps (1, 2, 2.5 or 5 × 10^k)."""
    if value <= 0:
        return 4.0
    raw_step = value / 4
    magnitude = 10 ** math.floor(math.log10(raw_step))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw_step and (step >= 1 or value < 1):
            return step * 4
    return 40 * magnitude


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.2f}".replace(".", ",")


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series], *,
               width: int = 640, height: int = 260, y_max: float | None = None,
               suffix: str = "") -> str:  # fmt: skip
    """A line chart of one or more series over the same labels (e.g. weeks).

    `y_max` fixes the axis (100 for percentages); `suffix` follows every value ("%")."""
    left, right, top, bottom = 48, 16, 28, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = y_max or _nice_max(max((v for s in series for v in s.values), default=0))
    n = max(len(labels), 1)
    step = plot_w / max(n - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + plot_h - (v / peak) * plot_h

    parts = [_open(width, height, title, _describe(labels, series))]
    parts += _grid(left, top, plot_w, plot_h, peak, suffix)
    every = max(1, n // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == n - 1:
            x = left + i * step
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="11" '
                f'text-anchor="middle" fill="#444">{escape(str(label))}</text>'
            )
    for k, s in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        coords = (xy(i, v) for i, v in enumerate(s.values))
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
        for i, v in enumerate(s.values):
            x, y = xy(i, v)
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}">'
                f"<title>{escape(s.name)} {escape(str(labels[i]))}: {_fmt(v)}{suffix}</title>"
                "</circle>"
            )
    parts += _legend(series, left, height - 8)
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], *,
              width: int = 640, bar_height: int = 22, color: str = PALETTE[0],
              y_max: float | None = None,
              value_labels: Sequence[str] | None = None) -> str:  # fmt: skip
    """Horizontal bars, one per label (e.g. findings per category).

    `y_max` fixes the scale (100 for percentages); `value_labels` replace the printed numbers
    (e.g. "7/9 benar")."""
    left, right, top = 190, 72, 28
    height = top + len(labels) * (bar_height + 8) + 12
    peak = y_max or _nice_max(max(values, default=0))
    plot_w = width - left - right
    shown = list(value_labels) if value_labels is not None else [_fmt(v) for v in values]
    desc = "; ".join(f"{lab}: {txt}" for lab, txt in zip(labels, shown, strict=True))
    parts = [_open(width, height, title, desc)]
    for i, (label, value, text) in enumerate(zip(labels, values, shown, strict=True)):
        y = top + i * (bar_height + 8)
        w = (value / peak) * plot_w
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
            f'text-anchor="end" fill="#222">{escape(str(label))}</text>'
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_height}" '
            f'fill="{color}" rx="2"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
            f'fill="#222">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="t d" font-family="sans-serif">'
        f'<title id="t">{escape(title)}</title><desc id="d">{escape(desc)}</desc>'
        f'<text x="8" y="18" font-size="14" font-weight="bold" fill="#111">{escape(title)}</text>'
    )


def _grid(
    left: float, top: float, plot_w: float, plot_h: float, peak: float, suffix: str = ""
) -> list[str]:
    parts = []
    for k in range(5):
        value = peak * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#444">{_fmt(value)}{suffix}</text>'
        )
    return parts


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts = []
    for k, s in enumerate(series):
        color = PALETTE[k % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{color}"/>'
            f'<text x="{x + 14}" y="{y}" font-size="11" fill="#222">{escape(s.name)}</text>'
        )
        x += 24 + 7 * len(s.name)
    return parts


def _describe(labels: Sequence[str], series: Sequence[Series]) -> str:
    return " | ".join(
        f"{s.name}: "
        + ", ".join(f"{lab} {_fmt(v)}" for lab, v in zip(labels, s.values, strict=True))
        for s in series
    )

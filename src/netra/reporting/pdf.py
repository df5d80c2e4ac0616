"""Printable PDF records and reports (fpdf2 with a bundled Unicode font, no network).

The DejaVu font ships with Netra (src/netra/assets/fonts, Bitstream Vera licence), so Indonesian
text, names with diacritics and most symbols print correctly on any machine. Characters the font
lacks (most emoji) are replaced rather than breaking the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"


class ReportPDF(FPDF):
    """A4 portrait document with a title line, page numbers and a generation stamp."""

    def __init__(self, title: str, subtitle: str | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.report_subtitle = subtitle
        self.generated = datetime.now().strftime("%d-%m-%Y %H:%M")
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_fallback_fonts([], exact_match=False)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(title)
        self.set_creator("Netra")
        self.add_page()
        self.set_font("DejaVu", "B", 15)
        self.multi_cell(0, 8, _printable(title), new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.set_font("DejaVu", "", 10)
            self.multi_cell(0, 6, _printable(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90)
        self.cell(0, 6, f"Netra · dibuat {self.generated} · halaman {self.page_no()}/{{nb}}",
                  align="C")  # fmt: skip
        self.set_text_color(0)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font("DejaVu", "B", 12)
        self.multi_cell(0, 7, _printable(text), new_x="LMARGIN", new_y="NEXT")
        self.set_font("DejaVu", "", 10)

    def paragraph(self, text: str, size: int = 10) -> None:
        self.set_font("DejaVu", "", size)
        self.multi_cell(0, 5, _printable(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def key_values(self, pairs: Sequence[tuple[str, str]]) -> None:
        for key, value in pairs:
            self.set_font("DejaVu", "B", 9)
            self.cell(45, 5, _printable(key))
            self.set_font("DejaVu", "", 9)
            self.multi_cell(0, 5, _printable(value), new_x="LMARGIN", new_y="NEXT")

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float] | None = None) -> None:  # fmt: skip
        self.set_font("DejaVu", "", 8.5)
        with super().table(col_widths=widths, text_align="LEFT", line_height=4.5) as table:
            head = table.row()
            for cell in header:
                head.cell(_printable(cell))
            for row in rows:
                r = table.row()
                for cell in row:
                    r.cell(_printable(str(cell)))
        self.ln(2)

    def svg(self, svg_text: str, width: float = 180) -> None:
        """Draw an SVG chart (from netra.reporting.charts)."""
        import io
        import re

        # fpdf2 draws shapes and text only; the accessibility <title>/<desc> are for browsers.
        drawable = re.sub(r"<(title|desc)\b[^>]*>.*?</\1>", "", svg_text, flags=re.S)
        self.image(io.BytesIO(drawable.encode("utf-8")), w=width)
        self.ln(2)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


def _printable(text: str) -> str:
    """Drop characters outside the Basic Multilingual Plane (emoji) that the font cannot draw."""
    return "".join(c if ord(c) < 0x10000 else "□" for c in str(text))

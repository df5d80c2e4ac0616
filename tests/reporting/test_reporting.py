"""Charts escape what they are given, PDFs render Unicode, CSV cannot smuggle formulas."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from netra.reporting.charts import Series, bar_chart, line_chart
from netra.reporting.pdf import ReportPDF
from netra.reporting.safe_csv import neutralise, to_csv


def test_charts_are_valid_svg_and_escape_labels():
    hostile = '<script>alert("x")</script> & co'
    svg = line_chart(hostile, ["Jan", "Feb"], [Series(hostile, [1, 5])])
    root = ET.fromstring(svg)  # well-formed XML: the payload stayed text
    assert "<script>" not in svg
    assert root.find("{http://www.w3.org/2000/svg}title").text == hostile
    bars = bar_chart("Per kategori", ["netralitas", hostile], [12, 3])
    ET.fromstring(bars)
    assert "netralitas: 12" in bars  # the data is described for screen readers


def test_pdf_renders_indonesian_text_emoji_and_charts():
    pdf = ReportPDF("Laporan — unit é", "Periode 1–29 Februari 2024")
    pdf.paragraph("Unggahan 🙏 berisi ajakan memilih.")
    pdf.table(["Kategori", "Jumlah"], [["netralitas politik", "12"]], widths=(120, 60))
    pdf.svg(bar_chart("Per kategori", ["netralitas"], [12]))
    data = pdf.to_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5_000


def test_csv_neutralises_formulas_and_keeps_text():
    text = to_csv(["klaim"], [["=cmd|' /C calc'!A0"], ["+62 812"], ["biasa, dengan koma"]])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["klaim"], ["'=cmd|' /C calc'!A0"], ["'+62 812"], ["biasa, dengan koma"]]
    assert neutralise(5) == 5

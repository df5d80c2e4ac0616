"""CSV that is safe to open in a spreadsheet.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
LibreOffice (CSV injection: `=cmd|' /C calc'!A0`). Exported text from the public (posts, claims,
citizen messages) is hostile until proven otherwise, so such cells get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Render rows as CSV text (UTF-8 with BOM so spreadsheet programs pick the encoding)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue()

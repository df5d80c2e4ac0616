"""Generic CSV and JSONL archives: author, account, time, text, url (and optionally id)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from netra.oversight.records import ArchiveError, ArchivePost, fingerprint

MAX_FIELD = 1 << 20  # 1 MiB of text in one cell is not a post
MAX_LINE = 4 << 20


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _post(platform: str, row: dict, raw: str) -> ArchivePost | None:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return None

    def s(key: str) -> str | None:
        value = row.get(key)
        return str(value) if value not in (None, "") else None

    return ArchivePost(
        platform=platform,
        text=text,
        fingerprint=fingerprint(raw),
        platform_id=s("id"),
        account=s("account"),
        author=s("author"),
        posted_at=_time(row.get("time") or row.get("posted_at")),
        url=s("url"),
    )


def iter_jsonl(path: Path) -> Iterator[ArchivePost]:
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            if len(raw) > MAX_LINE:
                raise ArchiveError(f"{path.name}: baris {number} terlalu panjang.")
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            try:
                row = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise ArchiveError(
                    f"{path.name}: baris {number} bukan JSON UTF-8 yang valid."
                ) from None
            if isinstance(row, dict):
                post = _post("jsonl", row, line.decode("utf-8"))
                if post is not None:
                    yield post


class _RawLines:
    """Feeds csv.reader while remembering the raw text of the current record."""

    def __init__(self, fh) -> None:
        self._fh = fh
        self.consumed: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._fh)
        if len(line) > MAX_LINE:
            raise ArchiveError("baris CSV terlalu panjang")
        self.consumed.append(line)
        return line


def iter_csv(path: Path) -> Iterator[ArchivePost]:
    csv.field_size_limit(MAX_FIELD)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            lines = _RawLines(fh)
            reader = csv.reader(lines)
            header = [h.strip().lower() for h in next(reader, [])]
            if "text" not in header:
                raise ArchiveError(
                    f"{path.name}: kolom 'text' tidak ada (kolom: {', '.join(header)})."
                )
            lines.consumed.clear()
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise ArchiveError(
                        f"{path.name}: CSV rusak pada baris {reader.line_num}: {exc}"
                    ) from None
                raw = "".join(lines.consumed)
                lines.consumed.clear()
                post = _post("csv", dict(zip(header, values, strict=False)), raw)
                if post is not None:
                    yield post
    except UnicodeDecodeError:
        raise ArchiveError(
            f"{path.name}: berkas bukan UTF-8; simpan ulang sebagai UTF-8."
        ) from None

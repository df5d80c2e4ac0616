"""Reading CSV and JSONL exports defensively: encoding, delimiter, columns, size limits.

Fact-check archives arrive as spreadsheet exports (often `;`-separated, sometimes Windows-1252,
sometimes with a BOM) or as JSON lines. The readers stream the file and yield `SourceRow`s with
canonical field names; anything that makes the whole file unreadable raises `ImportFileError`
with an Indonesian explanation, before a single row is written.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from netra.factcheck.importers.report import ImportFileError, SourceRow

MAX_FIELD_BYTES = 1_000_000  # one cell; a 10 MB "claim" is an attack or a broken export
MAX_LINE_BYTES = 1_000_000  # one JSONL line
REQUIRED_COLUMNS = ("claim", "verdict", "source_url", "published_at")

# Column names seen in exports → canonical field names.
COLUMN_ALIASES: dict[str, str] = {
    "id": "claim_id", "claim_id": "claim_id", "external_id": "claim_id", "guid": "claim_id",
    "claim": "claim", "klaim": "claim", "title": "claim", "judul": "claim", "narasi": "claim",
    "verdict": "verdict", "label": "verdict", "rating": "verdict", "penilaian": "verdict",
    "kategori_hoaks": "verdict", "status_klaim": "verdict",
    "source_url": "source_url", "url": "source_url", "link": "source_url", "sumber": "source_url",
    "source": "source_url", "tautan": "source_url",
    "published_at": "published_at", "published": "published_at", "date": "published_at",
    "tanggal": "published_at", "tanggal_terbit": "published_at", "pubdate": "published_at",
    "updated_at": "updated_at_source", "updated": "updated_at_source",
    "diperbarui": "updated_at_source", "updated_at_source": "updated_at_source",
    "publisher": "publisher", "penerbit": "publisher", "media": "publisher",
    "topic": "topic", "topik": "topic", "kategori": "topic", "category": "topic",
    "explanation": "explanation", "penjelasan": "explanation", "summary": "explanation",
    "ringkasan": "explanation",
    "clarification": "clarification", "klarifikasi": "clarification",
    "official_clarification": "clarification",
}  # fmt: skip


def canonical_column(name: str) -> str | None:
    key = "_".join(name.strip().strip('"').lower().replace("-", " ").split())
    return COLUMN_ALIASES.get(key)


def check_size(path: Path, limit: int) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"Berkas tidak bisa dibaca: {path} ({exc.strerror}).") from None
    if size > limit:
        raise ImportFileError(
            f"Berkas terlalu besar ({size / 1e6:.0f} MB; batas {limit / 1e6:.0f} MB). "
            "Pecah berkas menjadi beberapa bagian.",
            code="too_large",
        )
    if size == 0:
        raise ImportFileError("Berkas kosong.", code="empty")
    return size


def sniff_encoding(head: bytes, requested: str | None) -> str:
    """The codec to read with: the requested one, or UTF-8 (BOM-aware), or UTF-16 by BOM."""
    if requested:
        try:
            codecs.lookup(requested)
        except LookupError:
            raise ImportFileError(f"Pengodean {requested!r} tidak dikenal.") from None
        return requested
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def encoding_error(exc: UnicodeDecodeError, line: int | None) -> ImportFileError:
    where = f" di sekitar baris {line}" if line else ""
    return ImportFileError(
        f"Berkas bukan UTF-8 yang valid{where} (bita 0x{exc.object[exc.start]:02x}). "
        "Kemungkinan berkas disimpan sebagai Windows-1252/Latin-1 (mis. dari Excel). Simpan ulang "
        "sebagai 'CSV UTF-8', atau ulangi dengan --encoding cp1252 bila Anda yakin itu "
        "pengodeannya.",
        code="encoding",
    )


def _text_stream(raw: IO[bytes], encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")


def read_csv(raw: IO[bytes], encoding: str | None = None) -> Iterator[SourceRow]:
    """Rows of a CSV file (delimiter sniffed among , ; tab |)."""
    head = raw.read(65536)
    raw.seek(0)
    codec = sniff_encoding(head, encoding)
    try:
        sample = head.decode(codec if codec != "utf-16" else "utf-16", errors="strict")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the sample's end
            raise encoding_error(exc, None) from None
        sample = head[: exc.start].decode(codec, errors="ignore")
    try:
        dialect: Any = csv.Sniffer().sniff(sample.split("\n", 20)[0] + "\n", delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    stream = _text_stream(raw, codec)
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.reader(stream, delimiter=dialect.delimiter, quotechar='"', doublequote=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("Berkas kosong.", code="empty") from None
    except UnicodeDecodeError as exc:
        raise encoding_error(exc, 1) from None
    except csv.Error as exc:
        raise ImportFileError(f"Baris judul CSV tidak bisa dibaca: {exc}.") from None
    columns = [canonical_column(h) for h in header]
    _check_columns(columns, header)
    provided = frozenset(c for c in columns if c)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise encoding_error(exc, reader.line_num + 1) from None
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ImportFileError(
                    f"Baris {reader.line_num}: sebuah kolom lebih besar dari "
                    f"{MAX_FIELD_BYTES // 1_000_000} MB. Berkas ditolak seluruhnya; tidak ada "
                    "yang diimpor.",
                    code="field_too_large",
                ) from None
            raise ImportFileError(
                f"Baris {reader.line_num}: CSV rusak ({exc}). Tidak ada yang diimpor."
            ) from None
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        values: dict[str, Any] = {}
        for col, cell in zip(columns, cells, strict=False):
            if col and col not in values:
                values[col] = _unneutralize(cell)
        problem = None
        if len(cells) > len(header):
            problem = f"jumlah kolom {len(cells)}, sedangkan judul punya {len(header)}"
        yield SourceRow(start, values, provided, problem)


def _unneutralize(cell: str) -> str:
    """Undo the apostrophe Netra's own CSV export puts before formula-like cells (round trip)."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@"):
        return cell[1:]
    return cell


def _check_columns(columns: list[str | None], header: list[str]) -> None:
    present = {c for c in columns if c}
    missing = [c for c in REQUIRED_COLUMNS if c not in present]
    if missing:
        shown = ", ".join(h.strip() for h in header[:12]) or "(kosong)"
        raise ImportFileError(
            f"Kolom wajib tidak ada: {', '.join(missing)}. Kolom yang ditemukan: {shown}. "
            f"Kolom wajib: {', '.join(REQUIRED_COLUMNS)}.",
            code="missing_columns",
        )


def read_jsonl(raw: IO[bytes], encoding: str | None = None) -> Iterator[SourceRow]:
    """Rows of a JSON-lines file; a bad line is a rejected row, not a failed file."""
    codec = encoding or "utf-8-sig"
    first = True
    line_no = 0
    seen_columns: set[str] = set()
    while True:
        data = raw.readline(MAX_LINE_BYTES + 1)
        if not data:
            break
        line_no += 1
        if len(data) > MAX_LINE_BYTES and not data.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                more = raw.readline(MAX_LINE_BYTES)
                if not more or more.endswith(b"\n"):
                    break
            yield SourceRow(line_no, {}, frozenset(), f"baris lebih dari {MAX_LINE_BYTES:,} bita")
            continue
        try:
            text = data.decode(codec if first else codec.replace("-sig", ""))
        except UnicodeDecodeError as exc:
            raise encoding_error(exc, line_no) from None
        first = False
        if not text.strip():
            continue
        try:
            item = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SourceRow(line_no, {}, frozenset(), f"bukan JSON yang valid (kolom {exc.colno})")
            continue
        if not isinstance(item, dict):
            yield SourceRow(line_no, {}, frozenset(), "baris harus berupa objek JSON")
            continue
        values: dict[str, Any] = {}
        for key, value in item.items():
            col = canonical_column(str(key))
            if col and col not in values:
                values[col] = value
        seen_columns |= set(values)
        yield SourceRow(line_no, values, frozenset(values))
    if line_no == 0:
        raise ImportFileError("Berkas kosong.", code="empty")
    if not seen_columns & {"claim"}:
        raise ImportFileError(
            f"Tidak satu baris pun punya kolom claim. Kolom wajib: {', '.join(REQUIRED_COLUMNS)}.",
            code="missing_columns",
        )

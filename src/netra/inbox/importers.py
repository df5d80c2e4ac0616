"""Importing exported messages (CSV, JSON, JSON Lines): a platform's export, a spreadsheet
from a call centre, the archive of an older helpdesk.

Columns are matched by name (Indonesian or English, any case): `id`, `text`/`pesan`/`isi`/
`message`, `author`/`nama`, `author_id`, `created_at`/`waktu`/`tanggal`, `channel`/`kanal`,
`platform`, `thread_id`, `parent_id`. A row without an id gets one from its content (a hash of
author, time and text), so importing the same file twice adds nothing. Bad rows are reported
with their line number and skipped; good rows are stored. Imported messages are triaged like
any other.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from netra.config import Settings, get_settings
from netra.inbox import store
from netra.inbox.errors import InboxError
from netra.inbox.records import IncomingMessage, from_iso, from_unix
from netra.storage.db import session_scope

BATCH = 1_000
MAX_ROWS = 200_000
MAX_ERRORS_KEPT = 100
ALIASES = {
    "id": ("id", "message_id", "platform_id", "id_pesan"),
    "text": ("text", "pesan", "isi", "message", "komentar", "comment", "body", "teks"),
    "author": ("author", "nama", "name", "author_name", "pengirim", "username"),
    "author_id": ("author_id", "user_id", "sender_id"),
    "created_at": ("created_at", "waktu", "tanggal", "timestamp", "date", "posted_at"),
    "channel": ("channel", "kanal", "sumber"),
    "platform": ("platform",),
    "thread_id": ("thread_id", "conversation_id", "percakapan", "post_id"),
    "parent_id": ("parent_id", "reply_to", "balasan_untuk"),
}
PLATFORMS = frozenset(
    {
        "facebook",
        "messenger",
        "instagram",
        "instagram_dm",
        "telegram",
        "x",
        "whatsapp",
        "webhook",
        "import",
    }
)


@dataclass
class ImportReport:
    rows: int = 0
    accepted: int = 0
    duplicates: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_count: int = 0
    message_ids: list[int] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append((line, message))


def _pick(row: dict[str, Any], name: str) -> Any:
    lower = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for alias in ALIASES[name]:
        value = lower.get(alias)
        if value not in (None, ""):
            return value
    return None


def _when(value: Any):
    if value is None:
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        return from_unix(value)
    return from_iso(str(value).replace(" ", "T", 1) if isinstance(value, str) else None)


def to_message(
    row: dict[str, Any], default_platform: str, default_channel: str | None
) -> IncomingMessage:
    text = _pick(row, "text")
    if not isinstance(text, str) or not text.strip():
        raise InboxError("no_text", "kolom teks/pesan kosong")
    platform = str(_pick(row, "platform") or default_platform).strip().lower()
    if platform not in PLATFORMS:
        raise InboxError("bad_platform", f"platform '{platform[:30]}' tidak dikenal")
    author, created = _pick(row, "author"), _pick(row, "created_at")
    ident = _pick(row, "id")
    if ident is None:
        ident = "h:" + hashlib.sha256(f"{author}|{created}|{text}".encode()).hexdigest()[:32]
    thread = _pick(row, "thread_id")
    channel = _pick(row, "channel") or default_channel
    return IncomingMessage(
        platform=platform,
        platform_message_id=str(ident),
        text=text,
        channel=str(channel).strip().lower()[:20] if channel else None,
        thread_key=f"{platform}:{thread}" if thread else None,
        parent_platform_id=_pick(row, "parent_id"),
        author_id=_pick(row, "author_id"),
        author_name=str(author) if author is not None else None,
        posted_at=_when(created),
    )


def _rows(data: bytes, name: str) -> Iterator[tuple[int, Any]]:
    text = data.decode("utf-8-sig")
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        sample = text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        for row in reader:
            yield reader.line_num, row
    elif suffix in (".jsonl", ".ndjson"):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError:
                    yield number, None
    elif suffix == ".json":
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InboxError("bad_json", f"Berkas JSON tidak valid (baris {exc.lineno}).") from None
        items = payload.get("messages") if isinstance(payload, dict) else payload
        if not isinstance(items, list):
            raise InboxError("bad_json", 'JSON harus berupa daftar pesan atau {"messages": [...]}.')
        for number, item in enumerate(items, 1):
            yield number, item
    else:
        raise InboxError("bad_format", "Format berkas harus .csv, .json, .jsonl atau .ndjson.")


def import_file(
    engine: Engine,
    path: Path,
    *,
    platform: str = "import",
    channel: str | None = None,
    settings: Settings | None = None,
) -> ImportReport:
    """Store the messages of an exported file (in batches; each batch commits on its own)."""
    settings = settings or get_settings()
    try:
        size = path.stat().st_size
        if size > settings.inbox_max_import_bytes:
            raise InboxError(
                "too_large",
                f"Berkas terlalu besar ({size:,} bita; batas "
                f"{settings.inbox_max_import_bytes:,}).".replace(",", "."),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InboxError(
            "unreadable", f"Berkas tidak bisa dibaca: {path.name} ({exc.strerror})."
        ) from None
    try:
        rows = _rows(data, path.name)
        report = ImportReport()
        batch: list[IncomingMessage] = []
        for line, row in rows:
            report.rows += 1
            if report.rows > MAX_ROWS:
                report.error(line, f"lebih dari {MAX_ROWS} baris; sisanya tidak diimpor")
                break
            if not isinstance(row, dict):
                report.error(line, "baris bukan objek/baris tabel yang valid")
                continue
            try:
                batch.append(to_message(row, platform, channel))
            except InboxError as exc:
                report.error(line, exc.message)
                continue
            if len(batch) >= BATCH:
                _flush(engine, batch, report, settings)
        _flush(engine, batch, report, settings)
    except UnicodeDecodeError as exc:
        raise InboxError("bad_encoding", f"Berkas bukan UTF-8 (bita ke-{exc.start}).") from None
    return report


def _flush(
    engine: Engine, batch: list[IncomingMessage], report: ImportReport, settings: Settings
) -> None:
    if not batch:
        return
    with session_scope(engine) as session:
        result = store.accept(session, batch, max_chars=settings.inbox_max_message_chars)
    report.accepted += result.accepted
    report.duplicates += result.duplicates
    report.message_ids += result.ids
    batch.clear()

"""Importing exports: CSV/JSON/JSONL; bad rows reported by line; re-imports add nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from netra.inbox.errors import InboxError
from netra.inbox.importers import import_file
from netra.inbox.tables import Message
from netra.storage.db import session_scope


def test_csv_with_indonesian_headers_and_a_bad_row(engine, tmp_path):
    path = tmp_path / "pengaduan.csv"
    path.write_text(
        "id;nama;waktu;pesan;kanal\n"
        "1;Budi;2026-03-02 08:15;Jalan rusak di RT 3;whatsapp\n"
        "2;Sari;2026-03-02 09:00;;whatsapp\n"
        '3;Tono;1772413200;=HYPERLINK("x") air PDAM mati;whatsapp\n',
        encoding="utf-8",
    )
    report = import_file(engine, path, platform="whatsapp")
    assert (report.rows, report.accepted, report.error_count) == (3, 2, 1)
    assert report.errors[0][0] == 3 and "kosong" in report.errors[0][1]
    again = import_file(engine, path, platform="whatsapp")
    assert (again.accepted, again.duplicates) == (0, 2)
    with session_scope(engine) as session:
        rows = session.scalars(select(Message).order_by(Message.id)).all()
        assert [(m.platform, m.channel, m.author_name) for m in rows] == [
            ("whatsapp", "whatsapp", "Budi"),
            ("whatsapp", "whatsapp", "Tono"),
        ]
        assert rows[0].posted_at.isoformat().startswith("2026-03-02T08:15")


def test_json_and_jsonl_without_ids_are_idempotent(engine, tmp_path):
    items = [
        {"text": "Lampu jalan mati", "author": "A", "created_at": "2026-03-01T10:00:00+07:00"},
        {"text": "Sampah menumpuk", "author": "B"},
        "bukan objek",
    ]
    json_path = tmp_path / "ekspor.json"
    json_path.write_text(json.dumps({"messages": items}), encoding="utf-8")
    report = import_file(engine, json_path)
    assert (report.accepted, report.error_count) == (2, 1)
    jsonl = tmp_path / "ekspor.jsonl"
    jsonl.write_text("\n".join(json.dumps(i) for i in items[:2]) + "\n{rusak\n", encoding="utf-8")
    again = import_file(engine, jsonl)
    assert (again.accepted, again.duplicates, again.error_count) == (0, 2, 1)


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("data.xlsx", b"PK..", "bad_format"),
        ("data.csv", b"\xff\xfe\x00bad", "bad_encoding"),
        ("data.json", b"{not json", "bad_json"),
    ],
)
def test_bad_files_get_clear_indonesian_errors(engine, tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InboxError) as info:
        import_file(engine, path)
    assert info.value.code == code


def test_file_size_limit(engine, tmp_path, settings):
    settings.inbox_max_import_bytes = 10
    path = tmp_path / "besar.csv"
    path.write_text("text\n" + "x" * 100, encoding="utf-8")
    with pytest.raises(InboxError, match="terlalu besar"):
        import_file(engine, path, settings=settings)

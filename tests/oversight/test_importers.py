"""Archive importers: real formats, streaming, hostile input, idempotent storage with evidence."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from sqlalchemy import func, select

from netra.oversight.importers import ArchiveError, detect_format, iter_posts
from netra.oversight.jsonstream import iter_json_array
from netra.oversight.store import import_archive
from netra.oversight.tables import ArchivedPost, ArchiveImport
from netra.storage.db import make_engine
from netra.storage.migrate import upgrade
from tests.oversight.conftest import make_tweets, write_x_archive


def test_x_archive_posts_with_account_url_time_and_fingerprint(x_archive):
    assert detect_format(x_archive) == "x"
    posts = list(iter_posts(x_archive))
    assert len(posts) == 25
    first = posts[0]
    assert first.account == "budi_asn"
    assert first.url == f"https://x.com/budi_asn/status/{first.platform_id}"
    assert first.posted_at.year == 2024
    # The fingerprint is the SHA-256 of the tweet's original bytes inside tweets.js.
    with zipfile.ZipFile(x_archive) as zf:
        source = zf.read("data/tweets.js").decode()
    start = source.index('{"tweet"')
    _, raw = next(iter_json_array(__import__("io").StringIO(source), source="t"))
    assert source[start : start + len(raw)] == raw
    assert first.fingerprint == hashlib.sha256(raw.encode()).hexdigest()


def test_meta_exports_undo_mojibake(facebook_json, instagram_zip):
    fb = list(iter_posts(facebook_json, account="budi"))
    assert detect_format(facebook_json) == "facebook"
    assert fb[0].text == "Kegiatan 0 – sukses 🙏"
    assert fb[0].posted_at is not None
    ig = list(iter_posts(instagram_zip))
    assert detect_format(instagram_zip) == "instagram"
    assert [p.text for p in ig][:2] == ["Foto kegiatan 0 ✨", "Foto kegiatan 1 ✨"]


def test_csv_and_jsonl(tmp_path):
    csv_path = tmp_path / "posts.csv"
    csv_path.write_text(
        'author,account,time,text,url\nBudi,@budi,2024-02-01T08:00:00,"Halo, ""warga""\nbaris dua",https://x.com/b/1\n'
        "Sri,@sri,01/02/2024,Selamat pagi,\n",
        encoding="utf-8",
    )
    posts = list(iter_posts(csv_path))
    assert [p.text for p in posts] == ['Halo, "warga"\nbaris dua', "Selamat pagi"]
    assert posts[0].posted_at.month == 2 and posts[1].posted_at.day == 1
    jl = tmp_path / "posts.jsonl"
    jl.write_text(
        json.dumps({"id": "9", "account": "@a", "text": "Satu"}) + "\n\n"
        + json.dumps({"account": "@a", "text": "Dua"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    assert [p.text for p in iter_posts(jl)] == ["Satu", "Dua"]


def test_zip_with_path_traversal_names_is_refused(tmp_path):
    path = write_x_archive(tmp_path / "evil.zip", make_tweets(2), {"../../etc/passwd": b"x"})
    with pytest.raises(ArchiveError, match="berbahaya"):
        list(iter_posts(path))


def test_zip_bomb_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = [" + " " * 50_000_000 + "]")
    with pytest.raises(ArchiveError, match="bom zip"):
        list(iter_posts(path))


def test_not_an_archive_gives_a_clear_error(tmp_path):
    path = tmp_path / "foto.png"
    path.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(ArchiveError, match="format tidak dikenal"):
        detect_format(path)


def test_broken_json_keeps_the_posts_before_the_break(tmp_path, db_url):
    good = make_tweets(5)
    text = (
        "window.YTD.tweets.part0 = ["
        + ",".join(json.dumps({"tweet": t}) for t in good)
        + ', {"tweet": {"id_str": "x", "full_text": "rusak'
    )
    path = tmp_path / "broken.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data/tweets.js", text)
    engine = make_engine(db_url)
    upgrade(engine)
    report = import_archive(engine, path, batch_size=2)
    assert report.added == 5
    assert report.error and "rusak" in report.error
    with engine.connect() as conn:
        status = conn.scalar(
            select(ArchiveImport.status).where(ArchiveImport.id == report.import_id)
        )
        assert status == "failed"
        assert conn.scalar(select(func.count()).select_from(ArchivedPost)) == 5
    engine.dispose()


def test_reimport_adds_nothing_and_new_posts_only_once(tmp_path, db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    first = write_x_archive(tmp_path / "a.zip", make_tweets(30))
    assert import_archive(engine, first, unit_id=7, batch_size=8).added == 30
    again = import_archive(engine, first, unit_id=7)
    assert (again.added, again.skipped) == (0, 30)
    # A later download of the same account: old tweets plus 10 new ones.
    later = write_x_archive(tmp_path / "b.zip", make_tweets(40))
    report = import_archive(engine, later, unit_id=7)
    assert (report.added, report.skipped) == (10, 30)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ArchivedPost)) == 40
        units = set(conn.scalars(select(ArchivedPost.unit_id)))
    assert units == {7}
    engine.dispose()


def test_post_times_keep_their_instant_on_every_database(tmp_path, db_url):
    """Evidence times must be exact: 10.00 WIB is 03.00 UTC whatever the database (SQLite used
    to keep the wall-clock 10.00 and drop the offset, so the post read 7 hours late)."""
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    path = tmp_path / "waktu.csv"
    path.write_text(
        "author,account,time,text,url\n"
        "Budi,budi_asn,2024-02-10T10:00:00+07:00,Selamat pagi warga,https://x.com/budi_asn/1\n",
        encoding="utf-8",
    )
    engine = make_engine(db_url)
    upgrade(engine)
    assert import_archive(engine, path).added == 1
    with Session(engine) as session:
        posted = session.scalar(select(ArchivedPost.posted_at))
    assert posted == datetime(2024, 2, 10, 3, 0, tzinfo=UTC)
    assert posted.tzinfo is not None
    engine.dispose()

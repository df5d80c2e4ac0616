"""CSV/JSONL import: date formats, idempotency, updates with revisions, rejections, hostile files.

Every test runs on SQLite and PostgreSQL. "Nothing changed" is checked against the database, not
against the report.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from netra.factcheck.export import export_csv
from netra.factcheck.importers import ImportFileError, import_path
from netra.factcheck.store import ClaimStore
from netra.factcheck.tables import Claim, ClaimEmbedding, ClaimRevision
from netra.storage.db import session_scope

HEADER = "id,claim,verdict,source_url,published_at\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def counts(engine):
    with engine.connect() as c:
        return tuple(
            c.execute(select(func.count()).select_from(t)).scalar()
            for t in (Claim, ClaimRevision, ClaimEmbedding)
        )


def run(engine, path, embedder, **kw):
    return import_path(engine, path, by="analis", embedder=embedder, **kw)


GOOD = HEADER + (
    'a1,"Vaksin mengandung chip",HOAX,https://cekfakta.com/1,2 Jan 2024\n'
    "a2,Gempa 8.7 besok malam,[SALAH],https://turnbackhoax.id/2,2 Januari 2024\n"
    "a3,Link BLT palsu,Penipuan,https://komdigi.go.id/3,2024-01-02\n"
    "a4,Uang baru 1.0,Disinformasi,https://cekfakta.com/4,02/01/2024\n"
    'a5,KTP diblokir,hoaks,https://cekfakta.com/5,"Selasa, 2 Januari 2024"\n'
)


def test_every_date_format_and_verdict_spelling_imports(fc_engine, embedder, tmp_path):
    report = run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    assert (report.added, report.updated, report.unchanged, report.rejected) == (5, 0, 0, [])
    assert report.embedded == 5
    with session_scope(fc_engine) as s:
        claims = s.scalars(select(Claim).order_by(Claim.claim_id)).all()
        assert {c.published_at for c in claims} == {date(2024, 1, 2)}
        verdicts = [c.verdict for c in claims]
        assert verdicts == ["hoaks", "hoaks", "penipuan", "disinformasi", "hoaks"]
    assert counts(fc_engine) == (5, 5, 5)


def test_importing_the_same_file_twice_adds_nothing(fc_engine, embedder, tmp_path):
    path = write(tmp_path, "a.csv", GOOD)
    run(fc_engine, path, embedder)
    before = counts(fc_engine)
    calls = embedder.calls
    again = run(fc_engine, path, embedder)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert counts(fc_engine) == before
    assert embedder.calls == calls  # unchanged texts are not embedded again


def test_a_changed_verdict_updates_the_claim_and_writes_a_revision(fc_engine, embedder, tmp_path):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    calls = embedder.calls
    changed = GOOD.replace("a3,Link BLT palsu,Penipuan", "a3,Link BLT palsu,Hoaks")
    report = run(fc_engine, write(tmp_path, "b.csv", changed), embedder)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 4)
    assert embedder.calls == calls  # the claim text did not change: vector kept
    with session_scope(fc_engine) as s:
        store = ClaimStore(s)
        assert store.require("a3").verdict == "hoaks"
        last = store.revisions("a3")[-1]
        assert last.changes == {"verdict": ["penipuan", "hoaks"]}
        assert last.changed_by == "analis" and "b.csv" in last.reason


def test_a_changed_claim_text_is_embedded_again(fc_engine, embedder, tmp_path):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    changed = GOOD.replace("Link BLT palsu", "Tautan BLT palsu Rp600 ribu")
    report = run(fc_engine, write(tmp_path, "b.csv", changed), embedder)
    assert report.updated == 1 and report.embedded == 1


def test_fields_missing_from_the_file_are_not_erased(fc_engine, embedder, tmp_path):
    with_expl = "id,claim,verdict,source_url,published_at,explanation\n" + (
        "a1,Vaksin mengandung chip,HOAX,https://cekfakta.com/1,2 Jan 2024,Penjelasan analis\n"
    )
    run(fc_engine, write(tmp_path, "a.csv", with_expl), embedder)
    run(fc_engine, write(tmp_path, "b.csv", GOOD), embedder)
    with session_scope(fc_engine) as s:
        assert ClaimStore(s).require("a1").explanation == "Penjelasan analis"


def test_bad_rows_are_rejected_with_reasons_and_the_rest_imported(fc_engine, embedder, tmp_path):
    text = HEADER + (
        "b1,Klaim yang baik,hoaks,https://cekfakta.com/1,2024-01-02\n"
        "b2,Verdict aneh,mungkin saja,https://cekfakta.com/2,2024-01-02\n"
        "b3,URL salah,hoaks,bukan-url,2024-01-02\n"
        "b4,Tanggal salah,hoaks,https://cekfakta.com/4,kemarin sore\n"
        "b5,,hoaks,https://cekfakta.com/5,2024-01-02\n"
        "b1,Id ganda,hoaks,https://cekfakta.com/6,2024-01-02\n"
        "b7,Kolom lebih,hoaks,https://cekfakta.com/7,2024-01-02,extra\n"
    )
    report = run(fc_engine, write(tmp_path, "c.csv", text), embedder)
    assert report.added == 1
    reasons = {r.row: r.reason for r in report.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7, 8}
    assert "verdict tidak dikenal" in reasons[3]
    assert "source_url" in reasons[4]
    assert "tanggal tidak dikenali" in reasons[5]
    assert "claim kosong" in reasons[6]
    assert "duplikat" in reasons[7] and "baris 2" in reasons[7]
    assert "jumlah kolom" in reasons[8]
    assert counts(fc_engine)[0] == 1


def test_a_failure_while_writing_leaves_nothing_half_imported(
    fc_engine, embedder, tmp_path, monkeypatch
):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    before = counts(fc_engine)
    calls = {"n": 0}
    original = ClaimStore.upsert

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OperationalError("INSERT", {}, Exception("disk penuh"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ClaimStore, "upsert", flaky)
    new = HEADER + "".join(
        f"n{i},Klaim baru {i},hoaks,https://cekfakta.com/n{i},2024-01-02\n" for i in range(5)
    )
    with pytest.raises(ImportFileError) as exc:
        run(fc_engine, write(tmp_path, "n.csv", new), embedder)
    assert "tidak ada yang diubah" in exc.value.message
    assert counts(fc_engine) == before


def test_windows_1252_is_refused_clearly_or_transcoded_on_request(fc_engine, embedder, tmp_path):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    before = counts(fc_engine)
    latin = HEADER + "w1,Klaim “kutip” café,hoaks,https://cekfakta.com/w,2024-01-02\n"
    path = write(tmp_path, "w.csv", latin, encoding="cp1252")
    with pytest.raises(ImportFileError) as exc:
        run(fc_engine, path, embedder)
    assert exc.value.code == "encoding" and "--encoding cp1252" in exc.value.message
    assert counts(fc_engine) == before
    report = run(fc_engine, path, embedder, encoding="cp1252")
    assert report.added == 1
    with session_scope(fc_engine) as s:
        assert ClaimStore(s).require("w1").claim == "Klaim “kutip” café"


def test_utf8_bom_and_semicolon_exports_are_read(fc_engine, embedder, tmp_path):
    text = "\ufeffid;claim;verdict;source_url;published_at\ns1;Klaim; satu;hoaks;https://x.id/1;2024-01-02\n"
    text = text.replace("Klaim; satu", '"Klaim; satu"')
    report = run(fc_engine, write(tmp_path, "s.csv", text), embedder)
    assert report.added == 1 and not report.rejected
    with session_scope(fc_engine) as s:
        assert ClaimStore(s).require("s1").claim == "Klaim; satu"


def test_missing_columns_are_named(fc_engine, embedder, tmp_path):
    path = write(tmp_path, "m.csv", "claim,label\nKlaim,hoaks\n")
    with pytest.raises(ImportFileError) as exc:
        run(fc_engine, path, embedder)
    assert exc.value.code == "missing_columns"
    assert "source_url" in exc.value.message and "published_at" in exc.value.message
    assert counts(fc_engine) == (0, 0, 0)


def test_a_10_mb_field_rejects_the_file_and_keeps_what_was_stored(fc_engine, embedder, tmp_path):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    before = counts(fc_engine)
    huge = HEADER + "h0,Klaim biasa,hoaks,https://x.id/0,2024-01-02\n"
    huge += "h1," + "A" * 10_000_000 + ",hoaks,https://x.id/1,2024-01-02\n"
    with pytest.raises(ImportFileError) as exc:
        run(fc_engine, write(tmp_path, "h.csv", huge), embedder)
    assert exc.value.code == "field_too_large" and "Baris 3" in exc.value.message
    assert counts(fc_engine) == before


def test_files_over_the_size_limit_are_refused_before_reading(fc_engine, embedder, tmp_path):
    path = write(tmp_path, "big.csv", GOOD)
    with pytest.raises(ImportFileError) as exc:
        run(fc_engine, path, embedder, max_bytes=100)
    assert exc.value.code == "too_large"


def test_csv_injection_is_stored_verbatim_and_neutralised_on_export(fc_engine, embedder, tmp_path):
    evil = "=cmd|' /C calc'!A0"
    text = HEADER + f'x1,"{evil}",hoaks,https://x.id/1,2024-01-02\n'
    text += 'x2,"+62 nomor penipu",hoaks,https://x.id/2,2024-01-02\n'
    run(fc_engine, write(tmp_path, "x.csv", text), embedder)
    with session_scope(fc_engine) as s:
        assert ClaimStore(s).require("x1").claim == evil
        out = io.StringIO()
        export_csv(s, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    claims = {r[0]: r[1] for r in rows[1:]}
    assert claims["x1"] == "'" + evil and claims["x2"] == "'+62 nomor penipu"
    # Netra's own export imports back unchanged (the apostrophe is removed again).
    back = write(tmp_path, "export.csv", out.getvalue())
    report = run(fc_engine, back, embedder)
    assert report.unchanged == 2 and report.updated == 0


def test_jsonl_bad_lines_are_rejected_and_good_lines_imported(fc_engine, embedder, tmp_path):
    lines = [
        json.dumps({"id": "j1", "claim": "Klaim satu", "verdict": "Hoaks",
                    "source_url": "https://x.id/1", "published_at": "2 Jan 2024"}),
        "{bukan json",
        json.dumps(["daftar", "bukan", "objek"]),
        json.dumps({"id": "j4", "claim": "Klaim empat", "verdict": "benar",
                    "source_url": "https://x.id/4", "published_at": None}),
        json.dumps({"id": "j5", "claim": "A" * 2_000_000, "verdict": "hoaks",
                    "source_url": "https://x.id/5"}),
    ]  # fmt: skip
    path = write(tmp_path, "j.jsonl", "\n".join(lines) + "\n")
    report = run(fc_engine, path, embedder)
    assert report.added == 2
    reasons = {r.row: r.reason for r in report.rejected}
    assert set(reasons) == {2, 3, 5}
    assert "JSON" in reasons[2] and "objek" in reasons[3] and "bita" in reasons[5]


def stored(engine):
    """Every stored claim's (id, text, verdict, status): what a refused import must not touch."""
    with engine.connect() as c:
        return c.execute(
            select(Claim.claim_id, Claim.claim, Claim.verdict, Claim.status).order_by(Claim.id)
        ).all()


HOSTILE = {
    "encoding": ("w.csv", (HEADER + "w1,Klaim café “kutip”,hoaks,https://x.id/w,2024-01-02\n")
                 .encode("cp1252")),
    "missing_columns": ("m.csv", b"id,claim,label\nm1,Klaim baru,hoaks\n"),
    "field_too_large": ("h.csv", (HEADER + "h1," + "B" * 10_000_000
                                  + ",hoaks,https://x.id/h,2024-01-02\n").encode()),
    "binary": ("arsip.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 40),
    "empty": ("kosong.csv", b""),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_refused_clearly_and_lose_nothing_stored(
    fc_engine, embedder, tmp_path, case
):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    before, claims = counts(fc_engine), stored(fc_engine)
    name, data = HOSTILE[case]
    with pytest.raises(ImportFileError) as exc:
        run(fc_engine, write(tmp_path, name, data), embedder)
    assert exc.value.message and len(exc.value.message) < 2000  # readable, no dump of the file
    if case != "binary":
        assert exc.value.code == case
    assert counts(fc_engine) == before and stored(fc_engine) == claims


def test_duplicate_ids_keep_the_first_row_and_touch_nothing_else(fc_engine, embedder, tmp_path):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    claims = {r.claim_id: r for r in stored(fc_engine)}
    text = HEADER + (
        'a1,"Vaksin mengandung chip",Disinformasi,https://cekfakta.com/1,2 Jan 2024\n'
        "a1,Teks lain yang menimpa,hoaks,https://cekfakta.com/1,2 Jan 2024\n"
        "d1,Klaim baru,hoaks,https://cekfakta.com/d1,2024-01-02\n"
        "d1,Klaim baru versi dua,hoaks,https://cekfakta.com/d1,2024-01-02\n"
    )
    report = run(fc_engine, write(tmp_path, "d.csv", text), embedder)
    assert report.updated == 1 and report.added == 1
    reasons = {r.row: r.reason for r in report.rejected}
    assert set(reasons) == {3, 5}
    assert "duplikat" in reasons[3] and "baris 2" in reasons[3] and "baris 4" in reasons[5]
    after = {r.claim_id: r for r in stored(fc_engine)}
    assert after["a1"].claim == "Vaksin mengandung chip" and after["a1"].verdict == "disinformasi"
    assert after["d1"].claim == "Klaim baru"
    assert all(after[k] == v for k, v in claims.items() if k != "a1")


def test_csv_injection_in_a_claim_is_data_not_a_formula(fc_engine, embedder, tmp_path):
    run(fc_engine, write(tmp_path, "a.csv", GOOD), embedder)
    claims = stored(fc_engine)
    evil = "=cmd|' /C calc'!A0 vaksin mengandung chip"
    text = HEADER + f'i1,"{evil}",hoaks,https://x.id/i1,2024-01-02\n'
    text += "i2,\"@SUM(1+1)*cmd|' /C calc'!A0\",hoaks,https://x.id/i2,2024-01-02\n"
    report = run(fc_engine, write(tmp_path, "i.csv", text), embedder)
    assert report.added == 2 and not report.rejected
    after = stored(fc_engine)
    assert after[: len(claims)] == claims
    with session_scope(fc_engine) as s:
        assert ClaimStore(s).require("i1").claim == evil
        out = io.StringIO()
        export_csv(s, out)
    cells = {r[0]: r[1] for r in csv.reader(io.StringIO(out.getvalue()))}
    assert cells["i1"].startswith("'=") and cells["i2"].startswith("'@")

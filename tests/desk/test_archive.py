"""The archive: what went out, searchable by text, channel and local date, exportable as CSV,
JSON and a printable PDF; the Atom feed built from it; calendar and dashboard data."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from netra.desk import archive, dashboard, drafts, scheduler, workflow
from netra.desk.errors import Forbidden, ValidationFailed
from netra.desk.feed import ATOM, atom_feed
from tests.desk.conftest import ADMIN, ASN, AUTHOR, OTHER_REVIEWER, REVIEWER, SAFE_TEXT

OVERSIGHT = type(AUTHOR)("Inspektur", frozenset({"oversight"}), user_id=11, unit_id=1)


def publish(ctx, clock, text, channels, when=None, title="Info"):
    d = drafts.create_draft(ctx, AUTHOR, title=title, text=text, channels=channels)
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    workflow.schedule(ctx, AUTHOR, d.id, at=when)
    if when is not None:
        clock.now = max(clock.now, when if isinstance(when, datetime) else clock.now)
    scheduler.run_due(ctx)
    return d.id


@pytest.fixture
def filled(ctx, clock):
    """Three posts: 12 May 08.00 WIB (x+website), 12 May 23.30 WIB, 13 May 00.30 WIB."""
    publish(ctx, clock, SAFE_TEXT, ["x", "website"], title="KTP-el")
    late = datetime(2025, 5, 12, 16, 30, tzinfo=UTC)  # 23.30 WIB on the 12th
    publish(
        ctx,
        clock,
        "Pemadaman listrik bergilir malam ini di Kelurahan Sukamaju.",
        ["website"],
        when=late,
        title="Listrik",
    )
    after_midnight = datetime(2025, 5, 12, 17, 30, tzinfo=UTC)  # 00.30 WIB on the 13th
    publish(
        ctx,
        clock,
        '=HYPERLINK("http://jahat") diskon 100% untuk_warga',
        ["facebook"],
        when=after_midnight,
        title="Formula",
    )
    return ctx


def test_search_by_text_channel_and_local_days(filled):
    ctx = filled
    assert {i.title for i in archive.search(ctx, REVIEWER, text="ktp-EL")} == {"KTP-el"}
    assert [i.channel for i in archive.search(ctx, REVIEWER, channel="x")] == ["x"]
    day12 = archive.search(ctx, REVIEWER, date_from="2025-05-12", date_to="2025-05-12")
    assert sorted(i.title for i in day12) == ["KTP-el", "KTP-el", "Listrik"]
    day13 = archive.search(ctx, REVIEWER, date_from="2025-05-13", date_to="2025-05-13")
    assert [i.title for i in day13] == ["Formula"]
    assert [i.title for i in archive.search(ctx, REVIEWER, text="100%")] == ["Formula"]
    assert archive.search(ctx, REVIEWER, text="%") and not archive.search(ctx, REVIEWER, text="_x_")
    newest_first = archive.search(ctx, REVIEWER)
    assert newest_first[0].title == "Formula"
    item = newest_first[-1]
    assert item.approver_name == REVIEWER.name and item.report["verdict"] == item.verdict
    with pytest.raises(ValidationFailed, match="Tanggal"):
        archive.search(ctx, REVIEWER, date_from="12/05/2025")


def test_the_archive_is_scoped_to_the_unit(filled):
    assert archive.search(filled, OTHER_REVIEWER) == []
    assert len(archive.search(filled, ADMIN)) == 4
    assert len(archive.search(filled, OVERSIGHT)) == 4
    with pytest.raises(Forbidden):
        archive.search(filled, ASN)


def test_exports_csv_safely_json_and_a_printable_pdf(filled):
    items = archive.search(filled, REVIEWER)
    rows = list(csv.reader(io.StringIO(archive.export_csv(items).lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "diterbitkan", "kanal"] and len(rows) == 5
    formula = next(r for r in rows if r[3] == "Formula")
    assert formula[4].startswith("'=HYPERLINK")  # neutralised for spreadsheets
    assert formula[1] == "13-05-2025 00.30 WIB"
    data = json.loads(archive.export_json(items))
    assert len(data) == 4 and data[0]["published_at"].endswith("+00:00")
    assert {"text", "report", "approver_name", "content_sha256"} <= set(data[0])
    pdf = archive.export_pdf(filled, items)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000


def test_atom_feed_is_valid_and_text_stays_text(ctx, clock):
    publish(
        ctx,
        clock,
        "Ada <script>alert(1)</script> & ]]> di sini",
        ["website"],
        title="Uji <b>XSS</b>",
    )
    publish(ctx, clock, SAFE_TEXT, ["website"], title="Kedua")
    root = ET.fromstring(atom_feed(ctx))
    ns = {"a": ATOM}
    assert root.tag == f"{{{ATOM}}}feed"
    for required in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert root.find(required, ns) is not None
    entries = root.findall("a:entry", ns)
    assert len(entries) == 2
    ids = [e.find("a:id", ns).text for e in entries]
    assert len(set(ids)) == 2 and all(
        i.startswith("tag:localhost,2025-05-12:desk/arsip/") for i in ids
    )
    for e in entries:
        for required in ("a:title", "a:updated", "a:published", "a:content"):
            assert e.find(required, ns) is not None
        datetime.strptime(e.find("a:updated", ns).text, "%Y-%m-%dT%H:%M:%SZ")
        assert e.find("a:content", ns).get("type") == "text"
    xss = next(e for e in entries if "XSS" in e.find("a:title", ns).text)
    assert xss.find("a:content", ns).text == "Ada <script>alert(1)</script> & ]]> di sini"
    assert atom_feed(ctx, channel="x").count(b"<entry>") == 0


def test_characters_xml_forbids_are_dropped():
    from netra.desk.feed import _clean

    assert _clean("a\x00b\x07c\ufffed😀") == "abcd😀"


def test_corrections_are_linked_in_the_feed(ctx, clock):
    original = publish(ctx, clock, SAFE_TEXT, ["website"], title="Jadwal")
    fix = workflow.correct(ctx, AUTHOR, original, text=SAFE_TEXT.replace("08.00", "09.00"))
    workflow.submit(ctx, AUTHOR, fix.id)
    workflow.approve(ctx, REVIEWER, fix.id)
    workflow.schedule(ctx, AUTHOR, fix.id)
    scheduler.run_due(ctx)
    root = ET.fromstring(atom_feed(ctx))
    ns = {"a": ATOM}
    first, second = root.findall("a:entry", ns)
    related = first.find("a:link[@rel='related']", ns)
    assert related is not None and related.get("href") == second.find("a:id", ns).text


def test_calendar_places_posts_on_local_days_per_channel(ctx, clock):
    for when, _channels in (
        (datetime(2025, 5, 31, 16, 30, tzinfo=UTC), ["x", "instagram"]),
        (datetime(2025, 5, 31, 17, 30, tzinfo=UTC), ["x"]),
    ):
        d = drafts.create_draft(ctx, AUTHOR, title="Jadwal", text=SAFE_TEXT, channels=["x"])
        workflow.submit(ctx, AUTHOR, d.id)
        workflow.approve(ctx, REVIEWER, d.id)
        workflow.schedule(ctx, AUTHOR, d.id, at=when)
    may = dashboard.month_calendar(ctx, REVIEWER, 2025, 5)
    assert len(may) == 31 and set(may["2025-05-31"]) >= {"x", "instagram", "website"}
    assert [i.time_local for i in may["2025-05-31"]["x"]] == ["23.30"]
    june = dashboard.month_calendar(ctx, REVIEWER, 2025, 6)
    assert [i.time_local for i in june["2025-06-01"]["x"]] == ["00.30"]
    assert dashboard.month_calendar(ctx, OTHER_REVIEWER, 2025, 5)["2025-05-31"]["x"] == []
    with pytest.raises(ValidationFailed):
        dashboard.month_calendar(ctx, REVIEWER, 2025, 13)


def test_status_counts_and_the_longest_waiting(ctx, clock):
    waiting = []
    for i in range(3):
        d = drafts.create_draft(ctx, AUTHOR, title=f"Antre {i}", text=SAFE_TEXT, channels=["x"])
        workflow.submit(ctx, AUTHOR, d.id)
        waiting.append(d.id)
        clock.advance(hours=2)
    drafts.create_draft(ctx, AUTHOR, title="Masih draf", text=SAFE_TEXT, channels=["x"])
    workflow.approve(ctx, REVIEWER, waiting[1])
    counts = dashboard.status_counts(ctx, REVIEWER)
    assert counts["submitted"] == 2 and counts["approved"] == 1 and counts["draft"] == 1
    assert counts["published"] == 0 and "deleted" not in counts
    queue = dashboard.longest_waiting(ctx, REVIEWER)
    assert [w.draft_id for w in queue] == [waiting[0], waiting[2]]
    assert queue[0].waited_hours == 6.0
    assert dashboard.status_counts(ctx, OTHER_REVIEWER)["submitted"] == 0
    clock.advance(minutes=1)
    workflow.grant_fast_track(ctx, ADMIN, user_id=AUTHOR.user_id, user_name=AUTHOR.name)
    urgent = drafts.create_draft(ctx, AUTHOR, title="Gempa", text=SAFE_TEXT, channels=["x"])
    workflow.fast_track(ctx, AUTHOR, urgent.id, category="bencana", reason="Gempa M5,6 terasa")
    assert dashboard.longest_waiting(ctx, REVIEWER)[0].draft_id == urgent.id  # unreviewed first
    assert timedelta(0) <= clock.now - queue[0].since

"""Dashboard data: backlog, response times against the standard, trends as SVG, CSV export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netra.inbox import dashboard, replies
from netra.inbox.records import IncomingMessage
from netra.inbox.store import accept
from netra.inbox.tables import Message
from netra.inbox.triage import triage_pending
from netra.storage.db import session_scope

MONDAY = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 09:00 WIB


class Sender:
    def send_reply(self, channel, thread, text):
        return "r"


def _setup(engine, settings):
    texts = [
        "Jalan rusak parah di depan SD, tolong diperbaiki",
        "Syarat bikin KTP apa saja?",
        "TOLONG kebakaran di pasar, api sudah besar!!",
        "=cmd|' /C calc'!A0 lampu mati",
        "Terima kasih pak, pelayanannya cepat 👍",
    ]
    with session_scope(engine) as session:
        ids = accept(
            session, [IncomingMessage("x", str(i), t) for i, t in enumerate(texts)], now=MONDAY
        ).ids
    triage_pending(engine, now=MONDAY, settings=settings)
    # answer the question after 2 hours (on time) and the complaint after 3 working days (late)
    for mid, after in ((ids[1], timedelta(hours=2)), (ids[0], timedelta(days=3))):
        with session_scope(engine) as session:
            reply = replies.draft_reply(
                session, mid, "Terima kasih, sudah kami tindak lanjuti.", author_id=1
            )
        replies.send_reply(
            engine, reply.id, actor_id=1, senders={"x": Sender()}, now=MONDAY + after
        )
    return ids


def test_backlog_response_times_trends_and_export(seeded, settings):
    ids = _setup(seeded, settings)
    now = MONDAY + timedelta(days=4)
    with session_scope(seeded) as session:
        backlog = dashboard.backlog(session, now)
        assert backlog["by_intent"].get("emergency") == 1 and backlog["by_unit"]["damkar"] == 1
        assert backlog["overdue_first_response"] >= 1  # the fire, never answered
        times = dashboard.response_times(session, MONDAY - timedelta(days=1), now, now)
        first = times["first_response"]
        assert first["on_time"] == 1 and first["late"] >= 2  # complaint answered late, fire never
        assert (
            first["median_minutes"] is not None and first["p90_minutes"] >= first["median_minutes"]
        )
        trends = dashboard.trends(session, MONDAY - timedelta(days=2), now, settings=settings)
        assert trends["labels"][0] == "2026-11-21" and sum(trends["intents"].values()) == 5
        for svg in trends["charts"].values():
            assert (
                svg.startswith("<svg")
                and "<title" in svg
                and "http" not in svg.split("xmlns")[1][40:]
            )
        assert dashboard.backlog_chart(backlog).startswith("<svg")
        csv_text = dashboard.export_csv(session, MONDAY - timedelta(days=1), now, settings=settings)
        lines = csv_text.lstrip("\ufeff").splitlines()
        assert lines[0].startswith("id,diterima,kanal,jenis") and len(lines) == 6
        assert "'=cmd" in csv_text  # formula neutralised
        assert "2026-11-23 09:00" in lines[1]  # local time (WIB)
        assert session.get(Message, ids[2]).urgency == "high"


def test_weekly_buckets(seeded, settings):
    _setup(seeded, settings)
    with session_scope(seeded) as session:
        weekly = dashboard.trends(
            session,
            MONDAY - timedelta(days=14),
            MONDAY + timedelta(days=7),
            bucket="week",
            settings=settings,
        )
        assert (
            weekly["labels"][-2] == "2026-11-23"
            and sum(sum(v) for v in weekly["topics"].values()) == 5
        )

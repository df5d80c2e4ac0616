"""Service levels with a controlled clock: working days, holidays, a long weekend with cuti
bersama, time zones, emergencies on the clock, and escalation."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from netra.inbox import sla, workflow
from netra.inbox.records import IncomingMessage
from netra.inbox.routing import save_unit
from netra.inbox.store import accept, history
from netra.inbox.tables import Message, Notification
from netra.inbox.triage import triage_pending
from netra.inbox.workdays import ZONES, WorkCalendar, calendar_from, load_holiday_file
from netra.storage.db import session_scope

WIB, WITA, WIT = ZONES["WIB"], ZONES["WITA"], ZONES["WIT"]


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return calendar_from([(d, n) for d, _k, n in load_holiday_file()], "WIB")


def at(text: str, zone=WIB) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


# -- the working calendar (pure) ----------------------------------------------------------------
def test_one_working_day_skips_the_weekend(cal):
    assert cal.add_working_days(at("2026-11-25T10:00"), 1) == at("2026-11-26T10:00")  # Wed -> Thu
    assert cal.add_working_days(at("2026-11-27T10:00"), 1) == at("2026-11-30T10:00")  # Fri -> Mon
    # received on Saturday: the clock starts Monday 00:00, so it is due at the end of Monday
    assert cal.add_working_days(at("2026-11-28T10:00"), 1) == at("2026-12-01T00:00")


def test_a_national_holiday_is_not_a_working_day(cal):
    # Thursday 14 May 2026 is Ascension Day and Friday 15 May cuti bersama
    assert cal.add_working_days(at("2026-05-13T09:00"), 1) == at("2026-05-18T09:00")
    assert not cal.is_working_day(date(2026, 8, 17)) and cal.is_working_day(date(2026, 8, 18))


def test_idul_fitri_long_weekend_with_cuti_bersama(cal):
    # 18 Mar (cuti bersama Nyepi), 19 (Nyepi), 20 (cuti bersama), 21-22 (Idul Fitri, weekend),
    # 23-24 (cuti bersama): a complaint sent on Tuesday 17 March at 15:00 …
    start = at("2026-03-17T15:00")
    assert cal.add_working_days(start, 1) == at("2026-03-25T15:00")  # first response
    assert cal.add_working_days(start, 5) == at("2026-03-31T15:00")  # resolution
    assert cal.working_time_between(start, at("2026-03-25T15:00")) == timedelta(days=1)


def test_cuti_bersama_2025_and_2024_are_included(cal):
    for day in (
        date(2025, 8, 18),
        date(2025, 4, 7),
        date(2024, 4, 15),
        date(2024, 2, 14),
        date(2024, 11, 27),
    ):
        assert not cal.is_working_day(day), day


def test_emergencies_run_on_the_clock_regardless_of_working_days(cal):
    saturday_night = at("2026-03-21T23:30")  # Idul Fitri
    assert cal.add(saturday_night, 1, "hours") == at("2026-03-22T00:30")


def test_time_zones_wita_and_wit(cal):
    wit = WorkCalendar(WIT, cal.holidays)
    # Friday 23:30 WIB is already Saturday 01:30 WIT: the clock starts on Monday in Jayapura
    start = at("2026-11-27T23:30")
    assert wit.add_working_days(start, 1) == at("2026-12-01T00:00", WIT)
    assert cal.add_working_days(start, 1) == at("2026-11-30T23:30")
    wita = calendar_from(list(cal.holidays.items()), "Asia/Makassar")
    assert wita.zone == WITA


# -- deadlines on messages and escalation (database, both backends) ------------------------------
def _message(engine, text: str, received: datetime, ident: str) -> int:
    with session_scope(engine) as session:
        [mid] = accept(session, [IncomingMessage("facebook", ident, text)], now=received).ids
    return mid


def test_standards_pick_the_most_specific_row(seeded):
    with session_scope(seeded) as session:
        assert sla.standard_for(session, "emergency", "high").first_response_unit == "hours"
        urgent_complaint = sla.standard_for(session, "complaint", "high")
        assert (urgent_complaint.first_response, urgent_complaint.first_response_unit) == (
            2,
            "hours",
        )
        assert sla.standard_for(session, "complaint", "normal").resolution == 5
        assert sla.standard_for(session, "spam", "low").first_response is None


def test_deadlines_follow_received_time_and_calendar(seeded, settings):
    friday = at("2026-11-27T10:00")
    complaint = _message(
        seeded, "Jalan rusak parah di depan pasar, tolong diperbaiki", friday, "d1"
    )
    fire = _message(seeded, "TOLONG kebakaran di gang mawar, api sudah besar!!", friday, "d2")
    triage_pending(seeded, now=friday + timedelta(minutes=5), settings=settings)
    with session_scope(seeded) as session:
        c, f = session.get(Message, complaint), session.get(Message, fire)
        assert c.first_response_due == at("2026-11-30T10:00")
        assert c.resolution_due == at("2026-12-04T10:00")
        assert f.first_response_due == friday + timedelta(hours=1)
        assert f.resolution_due == friday + timedelta(hours=24)


def test_escalation_reassigns_to_unit_head_notifies_and_is_idempotent(seeded, settings):
    with session_scope(seeded) as session:
        save_unit(session, "dpupr", "Dinas PUPR", head_user_id=900, actor_id=1)
    friday = at("2026-11-27T10:00")
    mid = _message(
        seeded, "Lampu jalan di gang mawar mati sebulan, tolong diperbaiki", friday, "e1"
    )
    triage_pending(seeded, now=friday, settings=settings)
    with session_scope(seeded) as session:
        workflow.take(session, mid, 41, now=friday + timedelta(hours=1))
    # Monday 09:00: not due yet (due Monday 10:00) — nothing happens
    assert sla.escalate_due(seeded, at("2026-11-30T09:00")) == []
    done = sla.escalate_due(seeded, at("2026-11-30T10:01"))
    assert [(e.message_id, e.timer, e.to_user_id, e.from_user_id) for e in done] == [
        (mid, "first_response", 900, 41)
    ]
    assert sla.escalate_due(seeded, at("2026-11-30T11:00")) == []  # once per timer
    with session_scope(seeded) as session:
        m = session.get(Message, mid)
        assert (m.assignee_id, m.escalation_level) == (900, 1)
        kinds = [e.kind for e in history(session, mid)]
        assert kinds[-2:] == ["escalated", "handover"]
        notified = {
            n.user_id
            for n in session.scalars(
                select(Notification).where(
                    Notification.message_id == mid, Notification.kind == "escalation"
                )
            )
        }
        assert notified == {900, 41}
    # the resolution timer runs out a week later: escalated again, level 2
    later = sla.escalate_due(seeded, at("2026-12-04T10:01"))
    assert [(e.timer, e.to_user_id) for e in later] == [("resolution", 900)]


def test_answered_or_closed_messages_are_not_escalated(seeded, settings):
    start = at("2026-11-23T08:00")
    answered = _message(seeded, "Syarat bikin KK apa saja min?", start, "a1")
    closed = _message(seeded, "Jalan berlubang di Jl. Kenanga", start, "a2")
    triage_pending(seeded, now=start, settings=settings)
    with session_scope(seeded) as session:
        m = session.get(Message, answered)
        m.first_response_at, m.status = start + timedelta(hours=2), "answered"
        workflow.close(
            session, closed, actor_id=5, note="Sudah diperbaiki", now=start + timedelta(hours=3)
        )
    done = sla.escalate_due(seeded, at("2026-11-25T09:00"))
    assert [(e.message_id, e.timer) for e in done] == []
    done = sla.escalate_due(seeded, at("2026-11-27T09:00"))  # question resolution (3 days) ran out
    assert [(e.message_id, e.timer) for e in done] == [(answered, "resolution")]


def test_emergency_escalates_within_hours_on_a_holiday(seeded, settings):
    idul_fitri = at("2026-03-21T07:00")
    mid = _message(
        seeded, "Tolong banjir sudah sepinggang, ada lansia belum dievakuasi!", idul_fitri, "h1"
    )
    triage_pending(seeded, now=idul_fitri, settings=settings)
    assert sla.escalate_due(seeded, idul_fitri + timedelta(minutes=59)) == []
    [e] = sla.escalate_due(seeded, idul_fitri + timedelta(minutes=61))
    assert (e.message_id, e.timer) == (mid, "first_response")


def test_admin_edits_holidays_and_standards(seeded, settings):
    with session_scope(seeded) as session:
        sla.add_holiday(session, date(2026, 12, 1), "Hari jadi kabupaten", "lokal", actor_id=1)
        sla.set_standard(
            session,
            intent="question",
            urgency=None,
            first_response=4,
            first_response_unit="hours",
            resolution=2,
            resolution_unit="working_days",
            actor_id=1,
        )
        cal = sla.calendar(session, settings)
        assert not cal.is_working_day(date(2026, 12, 1))
        assert sla.standard_for(session, "question", "normal").first_response == 4
        with pytest.raises(Exception, match="Satuan"):
            sla.set_standard(
                session,
                intent=None,
                urgency=None,
                first_response=1,
                first_response_unit="weeks",
                resolution=None,
                resolution_unit="hours",
            )
        assert sla.remove_holiday(session, date(2026, 12, 1), actor_id=1)
        assert len(sla.list_holidays(session, 2026)) == 25

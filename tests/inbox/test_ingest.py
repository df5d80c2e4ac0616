"""Deduplication, the 1,000-delivery burst, and triage as a separate, crash-safe step."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from netra.inbox.receive import receive_webhook
from netra.inbox.tables import Delivery, Event, Message
from netra.inbox.triage import LEASE, triage_pending
from netra.inbox.webhooks import sign_body
from netra.storage.db import session_scope
from tests.inbox.conftest import (
    META_SECRET,
    TELEGRAM_SECRET,
    body_of,
    meta_comment,
    telegram_update,
)

TEXTS = [
    "Min, syarat bikin KTP apa aja?",
    "Jalan di depan pasar rusak parah, kapan diperbaiki?",
    "Terima kasih pak, lampu jalan sudah nyala lagi 🙏",
    "Usul trans kota ditambah rutenya ke kawasan industri",
    "TOLONG ada kebakaran di gang mawar, api sudah besar!!",
    "slot gacor deposit 10rb wd jutaan, cek bio",
]


def signed(body: bytes) -> dict[str, str]:
    return {"X-Hub-Signature-256": sign_body(body, META_SECRET)}


def scalar(engine, query):
    with session_scope(engine) as session:
        return session.scalar(query)


def test_replayed_delivery_is_not_processed_twice(engine, settings):
    body = body_of(meta_comment("c-1", TEXTS[1]))
    first = receive_webhook(engine, "meta", body, signed(body), settings=settings)
    again = receive_webhook(engine, "meta", body, signed(body), settings=settings)
    assert first.accepted == 1 and again.accepted == 0
    # Meta retrying with a re-serialised body (other bytes, same comment id): a duplicate.
    other = body_of({**meta_comment("c-1", TEXTS[1]), "retry": 1})
    third = receive_webhook(engine, "meta", other, signed(other), settings=settings)
    assert third.accepted == 0 and third.duplicates == 1
    assert scalar(engine, select(func.count()).select_from(Message)) == 1
    run = triage_pending(engine, settings=settings)
    assert len(run.done) == 1 and triage_pending(engine, settings=settings).count == 0
    triaged = scalar(engine, select(func.count()).select_from(Event).where(Event.kind == "triaged"))
    assert triaged == 1


def test_same_message_twice_in_one_delivery(engine, settings):
    payload = meta_comment("c-2", "halo")
    payload["entry"].append(meta_comment("c-2", "halo")["entry"][0])
    body = body_of(payload)
    receipt = receive_webhook(engine, "meta", body, signed(body), settings=settings)
    assert (receipt.accepted, receipt.duplicates) == (1, 1)


def test_burst_of_1000_deliveries_is_accepted_without_loss_then_triaged(engine, settings):
    """1,000 deliveries from 8 concurrent senders (as a web server's workers would call the
    library), a tenth of them replays: every distinct message is stored exactly once, then the
    triage step processes every one of them."""
    bodies = []
    for i in range(1000):
        if i % 10 == 9:  # a replay of an earlier delivery
            bodies.append(("telegram" if (i - 5) % 2 else "meta", bodies[i - 5][1]))
            continue
        text = f"{TEXTS[i % len(TEXTS)]} #{i}"
        if i % 2:
            bodies.append(("telegram", body_of(telegram_update(i, text, chat=1000 + i))))
        else:
            bodies.append(("meta", body_of(meta_comment(f"burst-{i}", text))))

    def send(item):
        source, body = item
        headers = (
            signed(body)
            if source == "meta"
            else {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        )
        return receive_webhook(engine, source, body, headers, settings=settings)

    with ThreadPoolExecutor(max_workers=8) as pool:
        receipts = list(pool.map(send, bodies))
    assert all(r.status_code == 200 for r in receipts), [r.error for r in receipts if r.error][:3]
    distinct = {(s, b) for s, b in bodies}
    assert len(distinct) == 900
    stored = scalar(engine, select(func.count()).select_from(Message))
    assert stored == 900 == sum(r.accepted for r in receipts)
    assert (
        scalar(
            engine, select(func.count()).select_from(Delivery).where(Delivery.status != "parsed")
        )
        == 0
    )

    triaged = 0
    while (run := triage_pending(engine, limit=250, settings=settings)).count:
        assert not run.failed
        triaged += len(run.done)
    assert triaged == 900
    assert (
        scalar(
            engine,
            select(func.count())
            .select_from(Message)
            .where(Message.triage_status == "done", Message.intent.is_not(None)),
        )
        == 900
    )
    emergencies = scalar(
        engine, select(func.count()).select_from(Message).where(Message.urgency == "high")
    )
    assert emergencies == sum(1 for i in range(1000) if i % 10 != 9 and i % len(TEXTS) == 4)


def test_messages_accepted_before_a_crash_are_triaged_later(engine, settings):
    body = body_of(meta_comment("c-3", TEXTS[0]))
    receive_webhook(engine, "meta", body, signed(body), settings=settings)
    # A worker claimed it and died: its lease expires and another worker takes it over.
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        session.execute(
            update(Message).values(
                triage_status="running", triage_claimed_at=now, triage_attempts=1
            )
        )
    assert triage_pending(engine, now=now + timedelta(minutes=1), settings=settings).count == 0
    run = triage_pending(engine, now=now + LEASE + timedelta(seconds=1), settings=settings)
    assert len(run.done) == 1
    with session_scope(engine) as session:
        message = session.scalars(select(Message)).one()
        assert (message.triage_status, message.status, message.intent) == (
            "done",
            "open",
            "question",
        )


def test_a_failing_message_does_not_stop_the_others(engine, settings, monkeypatch):
    from netra.inbox import triage

    for i, text in enumerate(["pesan satu", "pesan dua yang merusak", "pesan tiga"]):
        body = body_of(meta_comment(f"f-{i}", text))
        receive_webhook(engine, "meta", body, signed(body), settings=settings)
    real = triage.assess

    def flaky(text, channel=None):
        if "merusak" in text:
            raise RuntimeError("model meledak")
        return real(text, channel)

    monkeypatch.setattr(triage, "assess", flaky)
    run = triage_pending(engine, settings=settings)
    assert len(run.done) == 2 and len(run.failed) == 1
    with session_scope(engine) as session:
        failed = session.get(Message, run.failed[0])
        assert failed.triage_status == "failed" and "meledak" in failed.triage_error
    monkeypatch.setattr(triage, "assess", real)
    assert triage_pending(engine, settings=settings).done == run.failed  # retried


def test_triage_fills_every_field_and_masks_personal_data(engine, settings):
    text = (
        "Pak, jalan di depan rumah saya Jl. Melati No. 5 rusak parah, hp saya 081234567890. "
        "Goblok semua!"
    )
    body = body_of(meta_comment("c-4", text))
    receive_webhook(engine, "meta", body, signed(body), settings=settings)
    triage_pending(engine, settings=settings)
    with session_scope(engine) as session:
        m = session.scalars(select(Message)).one()
        assert (m.intent, m.topic, m.urgency, m.status) == (
            "complaint",
            "infrastruktur",
            "normal",
            "open",
        )
        assert m.personal_data and m.abusive
        assert "081234567890" not in m.redacted_text and "Melati No. 5" not in m.redacted_text
        assert m.unit_code == "dpupr" and m.lapor_category == "Pengaduan: Infrastruktur"
        assert m.first_response_due is not None and m.resolution_due is not None
        assert m.sentiment and m.emotion  # a label, or "tidak tersedia" until the classifiers ship


def test_spam_is_dismissed_and_emergencies_notify_the_unit(engine, settings):
    from netra.inbox.tables import Notification

    for i, text in enumerate([TEXTS[5], TEXTS[4]]):
        body = body_of(meta_comment(f"s-{i}", text))
        receive_webhook(engine, "meta", body, signed(body), settings=settings)
    triage_pending(engine, settings=settings)
    with session_scope(engine) as session:
        spam, fire = session.scalars(select(Message).order_by(Message.id)).all()
        assert (spam.intent, spam.status) == ("spam", "dismissed")
        assert (fire.intent, fire.urgency, fire.unit_code) == ("emergency", "high", "damkar")
        assert any("kebakaran" in r for r in fire.urgency_reasons)
        note = session.scalars(
            select(Notification).where(Notification.message_id == fire.id)
        ).first()
        assert note is not None and note.kind == "urgent" and note.unit_code == "damkar"

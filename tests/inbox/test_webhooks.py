"""Webhook deliveries: signatures refused or accepted, payload shapes parsed, nothing lost."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from netra.inbox.errors import NotConfigured, SignatureError
from netra.inbox.receive import process_pending_deliveries, receive_webhook, store_delivery
from netra.inbox.tables import Delivery, Message
from netra.inbox.webhooks import meta_handshake, parse_meta, parse_telegram, sign_body
from netra.inbox.webhooks.x import parse_x
from netra.storage.db import session_scope
from tests.inbox.conftest import (
    META_SECRET,
    TELEGRAM_SECRET,
    WEBHOOK_SECRET,
    body_of,
    meta_comment,
    telegram_update,
)


def count(engine, model) -> int:
    with session_scope(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)))


# -- signatures (through the ingestion library, both databases) -----------------------------------
def test_meta_good_signature_is_accepted(engine, settings):
    body = body_of(meta_comment("c1", "Jalan rusak di depan SD"))
    receipt = receive_webhook(
        engine,
        "meta",
        body,
        {"X-Hub-Signature-256": sign_body(body, META_SECRET)},
        settings=settings,
    )
    assert receipt.status_code == 200 and receipt.accepted == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},  # missing header
        {"X-Hub-Signature-256": "sha256=" + "0" * 64},  # wrong digest
        {"X-Hub-Signature-256": "sha1=abcdef"},  # wrong scheme
        {"X-Hub-Signature-256": sign_body(b"another body", META_SECRET)},  # another body's
        {"X-Hub-Signature-256": sign_body(b"", "wrong-secret")},
    ],
)
def test_meta_bad_or_missing_signature_is_refused_and_nothing_stored(engine, settings, headers):
    body = body_of(meta_comment("c1", "halo"))
    receipt = receive_webhook(engine, "meta", body, headers, settings=settings)
    assert receipt.status_code == 401
    assert receipt.error["code"] in ("missing_signature", "bad_signature")
    assert count(engine, Delivery) == 0 and count(engine, Message) == 0


def test_signature_header_name_is_case_insensitive(engine, settings):
    body = body_of(meta_comment("c2", "halo"))
    receipt = receive_webhook(
        engine,
        "meta",
        body,
        {"x-hub-signature-256": sign_body(body, META_SECRET)},
        settings=settings,
    )
    assert receipt.status_code == 200


def test_telegram_secret_token(engine, settings):
    body = body_of(telegram_update(1, "Min, jadwal posyandu kapan?"))
    bad = receive_webhook(
        engine, "telegram", body, {"X-Telegram-Bot-Api-Secret-Token": "nope"}, settings=settings
    )
    missing = receive_webhook(engine, "telegram", body, {}, settings=settings)
    good = receive_webhook(
        engine,
        "telegram",
        body,
        {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
        settings=settings,
    )
    assert (bad.status_code, missing.status_code, good.status_code) == (401, 401, 200)
    assert good.accepted == 1 and count(engine, Message) == 1


def test_generic_webhook_signature(engine, settings):
    body = body_of({"messages": [{"id": "wa-1", "text": "Air PDAM mati", "channel": "whatsapp"}]})
    assert (
        receive_webhook(
            engine, "webhook", body, {"X-Netra-Signature": "sha256=00"}, settings=settings
        ).status_code
        == 401
    )
    receipt = receive_webhook(
        engine,
        "webhook",
        body,
        {"X-Netra-Signature": sign_body(body, WEBHOOK_SECRET)},
        settings=settings,
    )
    assert receipt.status_code == 200 and receipt.accepted == 1
    with session_scope(engine) as session:
        message = session.scalars(select(Message)).one()
        assert (message.platform, message.channel) == ("webhook", "whatsapp")


def test_unconfigured_secret_fails_closed(engine):
    from netra.config import Settings

    body = body_of(meta_comment("c3", "halo"))
    receipt = receive_webhook(
        engine,
        "meta",
        body,
        {"X-Hub-Signature-256": sign_body(body, "x")},
        settings=Settings(inbox_meta_app_secret=None),
    )
    assert receipt.status_code == 503 and count(engine, Delivery) == 0


def test_meta_subscription_handshake():
    params = {
        "hub.mode": "subscribe",
        "hub.verify_token": "verify-me",
        "hub.challenge": "1158201444",
    }
    assert meta_handshake(params, "verify-me") == "1158201444"
    with pytest.raises(SignatureError):
        meta_handshake({**params, "hub.verify_token": "wrong"}, "verify-me")
    with pytest.raises(SignatureError):
        meta_handshake({**params, "hub.mode": "unsubscribe"}, "verify-me")
    with pytest.raises(NotConfigured):
        meta_handshake(params, None)
    from netra.config import Settings
    from netra.inbox.receive import meta_subscription

    configured = Settings(inbox_meta_verify_token="verify-me")
    assert meta_subscription(params, settings=configured) == "1158201444"


def test_oversized_body_is_refused(engine, settings):
    settings.inbox_max_body_bytes = 1000
    body = body_of(meta_comment("c4", "x" * 2000))
    receipt = receive_webhook(
        engine,
        "meta",
        body,
        {"X-Hub-Signature-256": sign_body(body, META_SECRET)},
        settings=settings,
    )
    assert receipt.status_code == 413 and count(engine, Delivery) == 0


def test_long_text_is_cut_and_marked_but_the_delivery_keeps_it(engine, settings):
    settings.inbox_max_message_chars = 50
    body = body_of(meta_comment("c5", "panjang " * 40))
    receive_webhook(
        engine,
        "meta",
        body,
        {"X-Hub-Signature-256": sign_body(body, META_SECRET)},
        settings=settings,
    )
    with session_scope(engine) as session:
        message = session.scalars(select(Message)).one()
        delivery = session.scalars(select(Delivery)).one()
        assert len(message.text) == 50 and message.truncated
        assert (
            json.loads(delivery.body)["entry"][0]["changes"][0]["value"]["message"].count("panjang")
            == 40
        )


# -- nothing lost ------------------------------------------------------------------------------
def test_authentic_but_unparseable_delivery_is_kept_for_later(engine, settings):
    body = b'{"object": "page", "entry": [ this is not json'
    receipt = receive_webhook(
        engine,
        "meta",
        body,
        {"X-Hub-Signature-256": sign_body(body, META_SECRET)},
        settings=settings,
    )
    assert receipt.status_code == 400 and receipt.error["code"] == "bad_json"
    with session_scope(engine) as session:
        delivery = session.scalars(select(Delivery)).one()
        assert delivery.status == "failed" and delivery.body.startswith('{"object"')


def test_delivery_stored_before_a_crash_is_parsed_later(engine):
    body = body_of(telegram_update(9, "Lampu jalan mati"))
    store_delivery(engine, "telegram", body)  # the process dies here, before parsing
    assert count(engine, Message) == 0
    receipts = process_pending_deliveries(engine)
    assert [r.accepted for r in receipts] == [1]
    assert process_pending_deliveries(engine) == []  # done once


def test_nul_characters_do_not_break_storage(engine, settings):
    body = body_of(meta_comment("c6", "halo\x00 min"))
    receipt = receive_webhook(
        engine,
        "meta",
        body,
        {"X-Hub-Signature-256": sign_body(body, META_SECRET)},
        settings=settings,
    )
    assert receipt.status_code == 200
    with session_scope(engine) as session:
        assert session.scalars(select(Message.text)).one() == "halo min"


# -- payload shapes (pure parsers) --------------------------------------------------------------
def test_meta_feed_comment_thread_and_parent():
    parsed = parse_meta(meta_comment("PAGE1_9_55", "Kapan diperbaiki?", parent="PAGE1_9_44"))
    [m] = parsed.messages
    assert (m.platform, m.platform_message_id, m.thread_key, m.parent_platform_id) == (
        "facebook",
        "PAGE1_9_55",
        "fb:PAGE1_9",
        "PAGE1_9_44",
    )
    assert m.author_name == "Budi" and m.channel == "facebook"


def test_meta_skips_own_comments_edits_echoes_and_receipts():
    own = meta_comment("c", "Terima kasih laporannya", author="PAGE1")
    edit = meta_comment("c", "ubah")
    edit["entry"][0]["changes"][0]["value"]["verb"] = "edited"
    messenger = {
        "object": "page",
        "entry": [
            {
                "id": "PAGE1",
                "messaging": [
                    {
                        "sender": {"id": "PSID1"},
                        "recipient": {"id": "PAGE1"},
                        "timestamp": 1_700_000_000_000,
                        "message": {"mid": "m_1", "text": "Halo, mau tanya KTP"},
                    },
                    {
                        "sender": {"id": "PAGE1"},
                        "recipient": {"id": "PSID1"},
                        "timestamp": 1_700_000_000_500,
                        "message": {"mid": "m_2", "text": "Balasan kami", "is_echo": True},
                    },
                    {
                        "sender": {"id": "PSID1"},
                        "recipient": {"id": "PAGE1"},
                        "delivery": {"mids": ["m_2"]},
                    },
                ],
            }
        ],
    }
    assert parse_meta(own).messages == [] and parse_meta(edit).messages == []
    parsed = parse_meta(messenger)
    assert [m.platform_message_id for m in parsed.messages] == ["m_1"] and parsed.skipped == 2
    assert parsed.messages[0].thread_key == "messenger:PAGE1:PSID1"
    assert parsed.messages[0].posted_at.year == 2023


def test_instagram_comment_and_direct_message():
    payload = {
        "object": "instagram",
        "entry": [
            {
                "id": "IG1",
                "changes": [
                    {
                        "field": "comments",
                        "value": {
                            "id": "17865",
                            "text": "Info vaksin dong min",
                            "from": {"id": "u9", "username": "warga_9"},
                            "media": {"id": "M1"},
                        },
                    }
                ],
                "messaging": [
                    {
                        "sender": {"id": "igsid"},
                        "recipient": {"id": "IG1"},
                        "timestamp": 1,
                        "message": {"mid": "aWdf", "attachments": [{"type": "image"}]},
                    }
                ],
            }
        ],
    }
    parsed = parse_meta(payload)
    comment, dm = parsed.messages
    assert (comment.platform, comment.author_name, comment.thread_key) == (
        "instagram",
        "warga_9",
        "ig:M1",
    )
    assert (dm.platform, dm.text) == ("instagram_dm", "[lampiran: image]")


def test_telegram_message_reply_and_channel_post():
    reply = parse_telegram(
        telegram_update(10, "Masih mati lampunya", chat=-100, message_id=5, reply_to=3)
    )
    [m] = reply.messages
    assert (m.platform_message_id, m.parent_platform_id) == ("-100:5", "-100:3")
    channel_post = {
        "update_id": 11,
        "channel_post": {
            "message_id": 8,
            "date": 1_700_000_000,
            "chat": {"id": -200, "type": "channel", "title": "Info Warga"},
            "sender_chat": {"id": -200, "title": "Info Warga"},
            "text": "Banjir di RW 3",
        },
    }
    [post] = parse_telegram(channel_post).messages
    assert post.platform_message_id == "-200:8" and post.author_name == "Info Warga"
    bot = telegram_update(12, "iklan")
    bot["message"]["from"]["is_bot"] = True
    edited = {"update_id": 13, "edited_message": telegram_update(13, "x")["message"]}
    assert parse_telegram({"ok": True, "result": [bot, edited]}).messages == []


def test_x_mentions_page():
    page = {
        "data": [
            {
                "id": "1790",
                "text": "@pemkot jalan rusak",
                "author_id": "55",
                "conversation_id": "1780",
                "created_at": "2026-03-02T01:02:03.000Z",
                "referenced_tweets": [{"type": "replied_to", "id": "1785"}],
            }
        ],
        "includes": {"users": [{"id": "55", "username": "warga55", "name": "Warga"}]},
        "meta": {"newest_id": "1790", "result_count": 1},
    }
    [m] = parse_x(page).messages
    assert (m.thread_key, m.parent_platform_id, m.author_name) == ("x:1780", "1785", "@warga55")

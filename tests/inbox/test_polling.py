"""Polling adapters against a local server: Telegram getUpdates offsets, X mentions pages."""

from __future__ import annotations

import json

from pydantic import SecretStr
from sqlalchemy import func, select

from netra.config import Settings
from netra.inbox.polling import poll_telegram, poll_x_mentions
from netra.inbox.tables import Message
from netra.storage.db import session_scope
from tests.inbox.conftest import telegram_update


def count(engine) -> int:
    with session_scope(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Message)))


def test_telegram_get_updates_advances_the_offset(engine, local_server):
    pages = [
        {
            "ok": True,
            "result": [
                telegram_update(100, "Jadwal vaksin kapan?"),
                telegram_update(101, "Jalan rusak di RT 2"),
            ],
        },
        {"ok": True, "result": [telegram_update(102, "Terima kasih min")]},
        {"ok": True, "result": []},
    ]
    offsets = []

    def answer(req):
        offsets.append(req.query.get("offset", [None])[0])
        assert json.loads(req.query["allowed_updates"][0]) == ["message", "channel_post"]
        return 200, pages[len(offsets) - 1]

    local_server.route("GET", "/botBOT/getUpdates", answer)
    settings = Settings(
        inbox_telegram_base_url=local_server.url, inbox_telegram_bot_token=SecretStr("BOT")
    )
    first = poll_telegram(engine, settings=settings)
    second = poll_telegram(engine, settings=settings)
    third = poll_telegram(engine, settings=settings)
    assert offsets == [None, "102", "103"]
    assert (first.accepted, second.accepted, third.accepted) == (2, 1, 0)
    assert count(engine) == 3


def test_x_mentions_follow_pages_and_since_id(engine, local_server):
    page1 = {
        "data": [
            {"id": "20", "text": "@pemkot lampu mati", "author_id": "1", "conversation_id": "20"}
        ],
        "meta": {"newest_id": "20", "oldest_id": "20", "result_count": 1, "next_token": "NEXT"},
    }
    page2 = {
        "data": [
            {"id": "19", "text": "@pemkot sampah numpuk", "author_id": "2", "conversation_id": "19"}
        ],
        "meta": {"oldest_id": "19", "result_count": 1},
    }
    later = {"meta": {"result_count": 0}}
    seen = []

    def answer(req):
        assert req.headers["authorization"] == "Bearer XT"
        seen.append(
            (req.query.get("since_id", [None])[0], req.query.get("pagination_token", [None])[0])
        )
        if seen[-1] == (None, None):
            return 200, page1
        if seen[-1] == (None, "NEXT"):
            return 200, page2
        return 200, later

    local_server.route("GET", "/2/users/42/mentions", answer)
    settings = Settings(
        inbox_x_base_url=local_server.url, inbox_x_token=SecretStr("XT"), inbox_x_user_id="42"
    )
    first = poll_x_mentions(engine, settings=settings)
    again = poll_x_mentions(engine, settings=settings)
    assert seen == [(None, None), (None, "NEXT"), ("20", None)]
    assert (first.accepted, first.pages, first.cursor) == (2, 2, "20")
    assert again.accepted == 0 and count(engine) == 2

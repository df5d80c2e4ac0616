"""Each reply adapter against a local HTTP server on 127.0.0.1 that checks the requests."""

from __future__ import annotations

import pytest

from netra.inbox.errors import NotConfigured, SendError
from netra.inbox.senders import MetaSender, ReplyThread, TelegramSender, WebhookSender, XSender
from netra.inbox.webhooks import sign_body

TEXT = "Terima kasih, laporan sudah kami teruskan ke Dinas PU. 🙏"


def test_telegram_send_message_replies_to_the_citizens_message(local_server):
    def answer(req):
        body = req.json()
        assert body == {"chat_id": "777", "text": TEXT, "reply_to_message_id": 42}
        return 200, {"ok": True, "result": {"message_id": 43, "chat": {"id": 777}}}

    local_server.route("POST", "/botTOKEN123/sendMessage", answer)
    sender = TelegramSender(local_server.url, "TOKEN123")
    assert sender.send_reply("telegram", ReplyThread("telegram", "777:42"), TEXT) == "777:43"
    assert len(local_server.requests) == 1


def test_telegram_error_is_reported_without_the_token(local_server):
    local_server.route(
        "POST",
        "/botSECRET-TOKEN/sendMessage",
        (400, {"ok": False, "description": "Bad Request: message to reply not found"}),
    )
    with pytest.raises(SendError) as info:
        TelegramSender(local_server.url, "SECRET-TOKEN").send_reply(
            "telegram", ReplyThread("telegram", "1:2"), TEXT
        )
    assert "reply not found" in info.value.message and "SECRET-TOKEN" not in info.value.message


def test_facebook_comment_reply(local_server):
    def answer(req):
        assert req.query["access_token"] == ["PAGE-TOKEN"]
        assert req.form() == {"message": [TEXT]}
        return 200, {"id": "PAGE1_9_66"}

    local_server.route("POST", "/v21.0/PAGE1_9_55/comments", answer)
    sender = MetaSender(f"{local_server.url}/v21.0", "PAGE-TOKEN")
    assert (
        sender.send_reply("facebook", ReplyThread("facebook", "PAGE1_9_55"), TEXT) == "PAGE1_9_66"
    )


def test_instagram_comment_reply_uses_the_replies_edge(local_server):
    local_server.route("POST", "/v21.0/17865/replies", (200, {"id": "17999"}))
    sender = MetaSender(f"{local_server.url}/v21.0", "PAGE-TOKEN")
    assert sender.send_reply("instagram", ReplyThread("instagram", "17865"), TEXT) == "17999"
    assert local_server.requests[0].form() == {"message": [TEXT]}


def test_messenger_send_api(local_server):
    def answer(req):
        assert req.query["access_token"] == ["PAGE-TOKEN"]
        assert req.json() == {
            "recipient": {"id": "PSID1"},
            "messaging_type": "RESPONSE",
            "message": {"text": TEXT},
        }
        return 200, {"recipient_id": "PSID1", "message_id": "m_reply"}

    local_server.route("POST", "/v21.0/me/messages", answer)
    sender = MetaSender(f"{local_server.url}/v21.0", "PAGE-TOKEN")
    thread = ReplyThread("messenger", "m_1", "messenger:PAGE1:PSID1", "PAGE1", "PSID1")
    assert sender.send_reply("facebook", thread, TEXT) == "m_reply"


def test_x_reply_to_tweet(local_server):
    def answer(req):
        assert req.headers["authorization"] == "Bearer X-TOKEN"
        assert req.json() == {"text": TEXT, "reply": {"in_reply_to_tweet_id": "1790"}}
        return 201, {"data": {"id": "1791", "text": TEXT}}

    local_server.route("POST", "/2/tweets", answer)
    assert (
        XSender(local_server.url, "X-TOKEN").send_reply("x", ReplyThread("x", "1790"), TEXT)
        == "1791"
    )


def test_x_rate_limit_is_a_clear_error(local_server):
    local_server.route("POST", "/2/tweets", (429, {"title": "Too Many Requests"}))
    with pytest.raises(SendError, match="HTTP 429"):
        XSender(local_server.url, "X-TOKEN").send_reply("x", ReplyThread("x", "1"), TEXT)


def test_generic_webhook_reply_is_signed(local_server):
    def answer(req):
        assert req.headers["x-netra-signature"] == sign_body(req.body, "shared")
        assert req.json() == {
            "in_reply_to": "wa-1",
            "thread_id": "wh:t1",
            "channel": "whatsapp",
            "text": TEXT,
        }
        return 200, {"id": "out-1"}

    local_server.route("POST", "/hook", answer)
    sender = WebhookSender(f"{local_server.url}/hook", "shared")
    assert sender.send_reply("whatsapp", ReplyThread("webhook", "wa-1", "wh:t1"), TEXT) == "out-1"


def test_unreachable_platform_and_missing_configuration():
    with pytest.raises(SendError, match="tidak bisa dihubungi"):
        XSender("http://127.0.0.1:9", "T").send_reply("x", ReplyThread("x", "1"), TEXT)
    with pytest.raises(NotConfigured):
        TelegramSender("http://127.0.0.1:9", None).send_reply(
            "telegram", ReplyThread("telegram", "1:1"), TEXT
        )


def test_adapters_from_settings_use_configured_base_urls(local_server):
    from pydantic import SecretStr

    from netra.config import Settings
    from netra.inbox.senders import senders_from_settings

    local_server.route(
        "POST", "/botT/sendMessage", (200, {"ok": True, "result": {"message_id": 2}})
    )
    senders = senders_from_settings(
        Settings(inbox_telegram_base_url=local_server.url, inbox_telegram_bot_token=SecretStr("T"))
    )
    assert set(senders) >= {"telegram", "facebook", "messenger", "instagram", "x", "webhook"}
    assert senders["telegram"].send_reply("telegram", ReplyThread("telegram", "5:1"), TEXT) == "5:2"

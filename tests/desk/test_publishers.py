"""Each publisher against a local server implementing the platform's documented endpoints:
auth, payloads, signatures, and the error and rate-limit answers."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from netra.desk import drafts, scheduler, workflow
from netra.desk.attachments import add_attachment
from netra.desk.publishers import (
    FacebookPagePublisher,
    FeedPublisher,
    InstagramPublisher,
    MastodonPublisher,
    MediaFile,
    OutcomeUnknown,
    PermanentError,
    PublishRequest,
    TelegramPublisher,
    TransientError,
    WebhookPublisher,
    XPublisher,
    build_publishers,
)
from netra.desk.publishers.webhook import sign
from netra.desk.tables import Job
from netra.storage.db import session_scope
from tests.desk import platforms as p
from tests.desk.conftest import AUTHOR, REVIEWER, SAFE_TEXT
from tests.desk.images import jpeg, pdf, png
from tests.desk.servers import MockServer, Reply


@pytest.fixture
def photo(tmp_path) -> MediaFile:
    path = tmp_path / "foto.jpg"
    path.write_bytes(jpeg(1080, 1080))
    return MediaFile(
        path,
        "image/jpeg",
        "foto banjir.jpg",
        "ab" * 32,
        path.stat().st_size,
        alt_text="Genangan di Jalan Merdeka",
        public_url="https://humas.example.go.id/desk/media/ab.jpg",
    )


def request(text="Info resmi: layanan KTP buka 08.00 WIB.", attachments=(), checkpoint=None):
    saved = {}
    req = PublishRequest(
        job_id=7,
        draft_id=3,
        channel="x",
        title="Info",
        text=text,
        idempotency_key="netra-3-1-x-abc",
        attachments=list(attachments),
        checkpoint=dict(checkpoint or {}),
    )
    req.save_checkpoint = saved.update
    return req, saved


# -- webhook ---------------------------------------------------------------------------------


def test_webhook_signs_timestamp_and_body_and_sends_the_idempotency_key(photo):
    with MockServer(p.webhook) as server:
        hook = WebhookPublisher(
            f"{server.url}/hook", p.WEBHOOK_SECRET, trust_env=False, clock=lambda: 1_747_000_000
        )
        req, _ = request(attachments=[photo])
        result = hook.publish(req)
        assert (result.remote_id, result.url) == ("wh-1", "https://gateway.example/1")
        sent = server.requests[0]
        assert sent.headers["x-netra-timestamp"] == "1747000000"
        assert sent.headers["x-netra-signature"] == sign(p.WEBHOOK_SECRET, "1747000000", sent.body)
        assert sent.headers["idempotency-key"] == "netra-3-1-x-abc"
        body = sent.json()
        assert body["text"] == req.text and body["attachments"][0]["url"] == photo.public_url
        assert hook.publish(req).remote_id == "wh-1"  # the receiver de-duplicated the resend
        assert len(server.state["delivered"]) == 1


def test_webhook_with_a_wrong_secret_is_refused_permanently():
    with MockServer(p.webhook) as server:
        hook = WebhookPublisher(f"{server.url}/hook", "bukan-rahasia-yang-benar", trust_env=False)
        with pytest.raises(PermanentError, match="HTTP 401"):
            hook.publish(request()[0])


def test_webhook_inlines_files_without_a_public_url(tmp_path):
    path = tmp_path / "se.pdf"
    path.write_bytes(pdf())
    media = MediaFile(path, "application/pdf", "surat.pdf", "cd" * 32, path.stat().st_size)
    with MockServer(p.webhook) as server:
        WebhookPublisher(f"{server.url}/h", p.WEBHOOK_SECRET, trust_env=False).publish(
            request(attachments=[media])[0]
        )
        import base64

        sent = server.requests[0].json()["attachments"][0]
        assert base64.b64decode(sent["data_base64"]) == pdf()


def test_webhook_problem_reports_missing_configuration():
    assert "belum dikonfigurasi" in WebhookPublisher(None, None).problem()
    assert "terlalu pendek" in WebhookPublisher("https://x", "pendek").problem()


# -- Telegram --------------------------------------------------------------------------------


def test_telegram_send_message_with_the_token_in_the_path():
    with MockServer(p.telegram) as server:
        bot = TelegramPublisher(
            p.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, trust_env=False
        )
        result = bot.publish(request()[0])
        assert result.remote_id == "701" and result.url == "https://t.me/humas_kota/701"
        sent = server.requests[0]
        assert sent.path == f"/bot{p.TELEGRAM_TOKEN}/sendMessage"
        assert sent.json() == {"chat_id": "@humas_kota", "text": request()[0].text}


def test_telegram_photo_and_document_are_multipart_with_caption(photo, tmp_path):
    doc_path = tmp_path / "se.pdf"
    doc_path.write_bytes(pdf())
    doc = MediaFile(doc_path, "application/pdf", "surat edaran.pdf", "cd" * 32, 100)
    with MockServer(p.telegram) as server:
        bot = TelegramPublisher(
            p.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, trust_env=False
        )
        bot.publish(request("Foto genangan", [photo])[0])
        bot.publish(request("Surat edaran", [doc])[0])
        first, second = (r.multipart() for r in server.requests)
        assert server.requests[0].path.endswith("/sendPhoto")
        assert first["caption"] == "Foto genangan" and first["photo"][2] == jpeg(1080, 1080)
        assert server.requests[1].path.endswith("/sendDocument")
        assert second["document"][0] == "surat edaran.pdf"


def test_telegram_rate_limit_uses_retry_after_from_the_body_and_hides_the_token():
    with MockServer(p.telegram) as server:
        server.script.append(
            Reply(
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 17",
                    "parameters": {"retry_after": 17},
                },
            )
        )
        bot = TelegramPublisher(
            p.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, trust_env=False
        )
        with pytest.raises(TransientError) as err:
            bot.publish(request()[0])
        assert err.value.retry_after == 17
        wrong = TelegramPublisher("999:WRONG", "@humas_kota", base_url=server.url, trust_env=False)
        with pytest.raises(PermanentError, match="Unauthorized") as denied:
            wrong.publish(request()[0])
        assert "999:WRONG" not in denied.value.reason


def test_telegram_server_errors_are_transient_and_bad_requests_permanent():
    with MockServer(p.telegram) as server:
        server.script.append(Reply(502, "Bad Gateway"))
        bot = TelegramPublisher(
            p.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, trust_env=False
        )
        with pytest.raises(TransientError, match="HTTP 502"):
            bot.publish(request()[0])
        lost = TelegramPublisher(p.TELEGRAM_TOKEN, "@salah", base_url=server.url, trust_env=False)
        with pytest.raises(PermanentError, match="chat not found"):
            lost.publish(request()[0])


def test_a_lost_answer_is_unknown_for_telegram_and_retried_for_mastodon():
    with MockServer(p.telegram, delay=0.5) as server:
        bot = TelegramPublisher(
            p.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, timeout=0.1, trust_env=False
        )
        with pytest.raises(OutcomeUnknown):
            bot.publish(request()[0])
    with MockServer(p.mastodon, delay=0.5) as server:
        masto = MastodonPublisher(server.url, p.MASTODON_TOKEN, timeout=0.1, trust_env=False)
        with pytest.raises(TransientError, match="kunci idempotensi"):
            masto.publish(request()[0])


def test_a_closed_port_is_a_transient_connection_error():
    bot = TelegramPublisher(
        p.TELEGRAM_TOKEN, "@humas_kota", base_url="http://127.0.0.1:9", trust_env=False
    )
    with pytest.raises(TransientError, match="tidak dapat terhubung") as err:
        bot.publish(request()[0])
    assert p.TELEGRAM_TOKEN not in err.value.reason


# -- Mastodon --------------------------------------------------------------------------------


def test_mastodon_uploads_media_then_posts_with_bearer_and_idempotency_key(photo):
    with MockServer(p.mastodon) as server:
        masto = MastodonPublisher(server.url, p.MASTODON_TOKEN, trust_env=False)
        req, saved = request(attachments=[photo])
        result = masto.publish(req)
        assert result.remote_id == "9000" and result.url.endswith("/9000")
        upload, status = server.requests
        assert upload.path == "/api/v2/media" and upload.multipart()["description"] == (
            "Genangan di Jalan Merdeka"
        )
        assert status.headers["authorization"] == f"Bearer {p.MASTODON_TOKEN}"
        assert status.headers["idempotency-key"] == req.idempotency_key
        assert status.json() == {
            "status": req.text,
            "visibility": "public",
            "language": "id",
            "media_ids": ["m1"],
        }
        assert saved == {"media_ids": ["m1"]}
        again, _ = request(attachments=[photo], checkpoint=saved)
        assert masto.publish(again).remote_id == "9000"  # same key: the original status
        assert len(server.state["statuses"]) == 1 and server.state["media"] == 1


def test_mastodon_rate_limit_reset_header_and_validation_errors():
    with MockServer(p.mastodon) as server:
        server.script.append(
            Reply(
                429,
                {"error": "Too many requests"},
                {"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"},
            )
        )
        masto = MastodonPublisher(server.url, p.MASTODON_TOKEN, trust_env=False)
        with pytest.raises(TransientError) as err:
            masto.publish(request()[0])
        assert err.value.retry_after > 3600
        with pytest.raises(PermanentError, match="Text can't be blank"):
            masto.publish(request(text="")[0])
        bad = MastodonPublisher(server.url, "salah", trust_env=False)
        with pytest.raises(PermanentError, match="access token is invalid"):
            bad.publish(request()[0])


# -- X ---------------------------------------------------------------------------------------


def test_x_uploads_media_and_creates_the_post_with_a_user_token(photo):
    with MockServer(p.x_api) as server:
        x = XPublisher(p.X_TOKEN, base_url=server.url, trust_env=False)
        req, saved = request(attachments=[photo])
        result = x.publish(req)
        assert result.url == f"https://x.com/i/web/status/{result.remote_id}"
        upload, post = server.requests
        assert upload.path == "/2/media/upload" and upload.multipart()["media_category"] == (
            "tweet_image"
        )
        assert post.path == "/2/tweets" and post.headers["authorization"] == f"Bearer {p.X_TOKEN}"
        assert post.json() == {"text": req.text, "media": {"media_ids": ["1700001"]}}
        assert saved == {"media_ids": ["1700001"]}


def test_x_rate_limit_reset_and_duplicate_content():
    with MockServer(p.x_api) as server:
        server.script.append(
            Reply(
                429,
                {"title": "Too Many Requests", "status": 429},
                {"x-rate-limit-reset": "4102444800"},
            )
        )
        x = XPublisher(p.X_TOKEN, base_url=server.url, trust_env=False)
        with pytest.raises(TransientError) as err:
            x.publish(request()[0])
        assert err.value.retry_after > 0
        x.publish(request()[0])
        with pytest.raises(PermanentError, match="duplicate content"):
            x.publish(request()[0])
        with pytest.raises(PermanentError, match="HTTP 401"):
            XPublisher("salah", base_url=server.url, trust_env=False).publish(request()[0])


# -- Meta ------------------------------------------------------------------------------------


def test_facebook_page_feed_with_unpublished_photos_attached(photo):
    with MockServer(p.meta) as server:
        fb = FacebookPagePublisher(p.PAGE_ID, p.PAGE_TOKEN, base_url=server.url, trust_env=False)
        req, saved = request(attachments=[photo, photo])
        result = fb.publish(req)
        assert result.remote_id == f"{p.PAGE_ID}_1"
        first, _second, feed = server.requests
        assert first.path == f"/{p.PAGE_ID}/photos" and first.form()["published"] == "false"
        assert "access_token" not in first.query  # the token travels in the body
        form = feed.form()
        assert form["message"] == req.text and form["access_token"] == p.PAGE_TOKEN
        assert json.loads(form["attached_media[1]"]) == {"media_fbid": "55502"}
        assert saved == {"photo_ids": ["55501", "55502"]}


def test_facebook_text_only_and_graph_errors():
    with MockServer(p.meta) as server:
        fb = FacebookPagePublisher(p.PAGE_ID, p.PAGE_TOKEN, base_url=server.url, trust_env=False)
        assert fb.publish(request()[0]).remote_id == f"{p.PAGE_ID}_1"
        server.script.append(
            Reply(
                400,
                {
                    "error": {
                        "message": "(#4) Application request limit reached",
                        "type": "OAuthException",
                        "code": 4,
                        "is_transient": True,
                    }
                },
            )
        )
        with pytest.raises(TransientError, match="kode 4"):
            fb.publish(request()[0])
        server.script.append(Reply(500, {"error": {"message": "unknown", "code": 2}}))
        with pytest.raises(TransientError):
            fb.publish(request()[0])
        bad = FacebookPagePublisher(p.PAGE_ID, "kedaluwarsa", base_url=server.url, trust_env=False)
        with pytest.raises(PermanentError, match="kode 190"):
            bad.publish(request()[0])


def test_instagram_two_steps_and_a_retry_reuses_the_container(photo):
    with MockServer(p.meta) as server:
        ig = InstagramPublisher(p.IG_USER, p.IG_TOKEN, base_url=server.url, trust_env=False)
        req, saved = request(attachments=[photo])
        server.script.extend(
            [
                Reply(200, {"id": "c1"}),
                Reply(200, {"status_code": "FINISHED"}),
                Reply(503, {"error": {"message": "down", "code": 2}}),
            ]
        )
        with pytest.raises(TransientError):
            ig.publish(req)
        assert saved == {"container_id": "c1"}
        retry, _ = request(attachments=[photo], checkpoint=saved)
        assert ig.publish(retry).remote_id == "17901"
        create = server.requests[0].form()
        assert create["image_url"] == photo.public_url and create["caption"] == req.text
        publishes = [r for r in server.requests if r.path.endswith("/media_publish")]
        assert [r.form()["creation_id"] for r in publishes] == ["c1", "c1"]
        assert not [r for r in server.requests[3:] if r.path.endswith("/media")]


def test_instagram_needs_a_public_image_url(photo):
    ig = InstagramPublisher(p.IG_USER, p.IG_TOKEN, base_url="http://127.0.0.1:9")
    private = MediaFile(photo.path, photo.media_type, photo.name, photo.sha256, photo.size)
    with pytest.raises(PermanentError, match="PUBLIC_BASE_URL"):
        ig.publish(request(attachments=[private])[0])
    with pytest.raises(PermanentError, match="satu foto"):
        ig.publish(request()[0])


def test_feed_publisher_never_fails():
    result = FeedPublisher("https://humas.example.go.id/").publish(request()[0])
    assert result.url == "https://humas.example.go.id/desk/feed.atom"


def test_build_publishers_from_settings(tmp_path):
    from netra.config import Settings
    from netra.desk.context import DeskConfig

    settings = Settings(
        data_dir=tmp_path,
        desk_telegram_bot_token="1:x",
        desk_telegram_chat_id="@a",
        desk_channel_publishers={"website": "webhook"},
    )
    built = build_publishers(settings, DeskConfig(data_dir=tmp_path))
    assert built["telegram"].problem() is None and built["x"].problem() is not None
    assert built["website"].name == "webhook" and built["whatsapp_channel"].name == "webhook"
    with pytest.raises(ValueError, match="tidak dikenal"):
        build_publishers(
            Settings(data_dir=tmp_path, desk_channel_publishers={"x": "fax"}),
            DeskConfig(data_dir=tmp_path),
        )


# -- through the scheduler, on both databases --------------------------------------------------


def _scheduled(ctx, channels, attach: bytes | None = None):
    d = drafts.create_draft(ctx, AUTHOR, title="Info", text=SAFE_TEXT, channels=channels)
    if attach is not None:
        a = add_attachment(ctx, AUTHOR, d.id, "foto.jpg", attach, alt_text="Foto kegiatan")
        drafts.save_draft(
            ctx, AUTHOR, d.id, text=SAFE_TEXT, channels=channels, attachment_ids=[a.id]
        )
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    workflow.schedule(ctx, AUTHOR, d.id)
    return d.id


def _job(ctx, draft_id):
    with session_scope(ctx.db) as session:
        return session.scalars(select(Job).where(Job.draft_id == draft_id)).one()


def test_scheduler_honours_429_retries_5xx_and_fails_on_4xx(ctx, clock):
    with MockServer(p.telegram) as server:
        ctx.publishers = {
            "telegram": TelegramPublisher(
                p.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, trust_env=False
            )
        }
        draft_id = _scheduled(ctx, ["telegram"])
        server.script.append(
            Reply(
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 120",
                    "parameters": {"retry_after": 120},
                },
            )
        )
        start = clock.now
        assert scheduler.run_due(ctx).retried == 1
        assert _job(ctx, draft_id).next_attempt_at == start + timedelta(seconds=120)
        clock.now = start + timedelta(seconds=120)
        server.script.append(
            Reply(500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
        )
        assert scheduler.run_due(ctx).retried == 1
        job = _job(ctx, draft_id)
        assert job.next_attempt_at == clock.now + timedelta(seconds=60)  # 2nd back-off step
        clock.now = job.next_attempt_at
        assert scheduler.run_due(ctx).published == 1
        assert _job(ctx, draft_id).remote_url == "https://t.me/humas_kota/701"

        failing = _scheduled(ctx, ["telegram"])
        server.script.append(
            Reply(
                400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
            )
        )
        assert scheduler.run_due(ctx).failed == 1
        job = _job(ctx, failing)
        assert job.status == "failed" and "chat not found" in job.last_error


def test_attachments_reach_the_platform_through_the_scheduler(ctx):
    with MockServer(p.mastodon) as server:
        ctx.publishers = {
            "mastodon": MastodonPublisher(server.url, p.MASTODON_TOKEN, trust_env=False)
        }
        draft_id = _scheduled(ctx, ["mastodon"], attach=png(640, 480))
        assert scheduler.run_due(ctx).published == 1
        upload = server.requests[0].multipart()
        assert upload["file"][2] == png(640, 480) and upload["description"] == "Foto kegiatan"
        assert _job(ctx, draft_id).checkpoint == {"media_ids": ["m1"]}


def test_instagram_gets_a_public_url_built_from_the_configuration(url, tmp_path, clock, checker):
    from tests.desk.conftest import make_context

    ctx = make_context(url, tmp_path, clock, checker, public_base_url="https://humas.example.go.id")
    with MockServer(p.meta) as server:
        ctx.publishers = {
            "instagram": InstagramPublisher(
                p.IG_USER, p.IG_TOKEN, base_url=server.url, trust_env=False
            )
        }
        _scheduled(ctx, ["instagram"], attach=jpeg(1080, 1080))
        assert scheduler.run_due(ctx).published == 1
        url = server.requests[0].form()["image_url"]
        assert url.startswith("https://humas.example.go.id/desk/media/") and url.endswith(".jpg")
        assert Path(url).stem == __import__("hashlib").sha256(jpeg(1080, 1080)).hexdigest()
    ctx.db.dispose()

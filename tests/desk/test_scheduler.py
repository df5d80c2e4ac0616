"""The scheduler with a controlled clock: on time in the agency's zone, back-off, restarts,
two workers, and crashes between approval and publication — exactly once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from netra.audit import verify
from netra.desk import drafts, scheduler, workflow
from netra.desk.errors import ValidationFailed
from netra.desk.notifications import list_notifications
from netra.desk.publishers import MastodonPublisher, TelegramPublisher, WebhookPublisher
from netra.desk.publishers.base import PermanentError, PublishResult, TransientError
from netra.desk.tables import ArchiveEntry, Draft, Job
from netra.storage.db import session_scope
from tests.desk import platforms
from tests.desk.conftest import AUTHOR, REVIEWER, SAFE_TEXT, FakePublisher, make_context
from tests.desk.servers import MockServer


def approved(ctx, channels=("x",), title="Info layanan"):
    d = drafts.create_draft(ctx, AUTHOR, title=title, text=SAFE_TEXT, channels=list(channels))
    workflow.submit(ctx, AUTHOR, d.id)
    workflow.approve(ctx, REVIEWER, d.id)
    return d.id


def status(ctx, draft_id):
    with session_scope(ctx.db) as session:
        return session.get(Draft, draft_id).status


def jobs(ctx, draft_id):
    with session_scope(ctx.db) as session:
        return session.scalars(select(Job).where(Job.draft_id == draft_id).order_by(Job.id)).all()


def archive_count(ctx) -> int:
    with session_scope(ctx.db) as session:
        return session.scalar(select(func.count(ArchiveEntry.id)))


@pytest.mark.parametrize(
    "zone,label,utc_hour", [("Asia/Jakarta", "WIB", 3), ("WITA", "WITA", 2), ("WIT", "WIT", 1)]
)
def test_publishes_at_the_set_local_time_in_each_indonesian_zone(
    url, tmp_path, clock, checker, zone, label, utc_hour
):
    ctx = make_context(url, tmp_path, clock, checker, timezone=zone)
    fake = ctx.publishers["x"]
    draft_id = approved(ctx)
    view = workflow.schedule(ctx, AUTHOR, draft_id, at="2025-05-12T10:00")
    assert view.scheduled_local == f"12-05-2025 10.00 {label}"
    assert view.scheduled_at.hour == utc_hour and view.scheduled_at.minute == 0
    clock.now = view.scheduled_at - timedelta(seconds=1)
    assert scheduler.run_due(ctx).claimed == 0 and not fake.calls
    clock.now = view.scheduled_at
    assert scheduler.run_due(ctx).published == 1
    assert status(ctx, draft_id) == "published" and len(fake.calls) == 1
    ctx.db.dispose()


def test_jobs_survive_a_restart(url, tmp_path, clock, checker):
    first = make_context(url, tmp_path, clock, checker)
    draft_id = approved(first, channels=("x", "website"))
    workflow.schedule(first, AUTHOR, draft_id, at=clock.now + timedelta(hours=1))
    first.db.dispose()  # the process stops; nothing of the schedule is in memory
    second = make_context(url, tmp_path, clock, checker)
    clock.advance(hours=1)
    report = scheduler.run_due(second)
    assert report.published == 2 and status(second, draft_id) == "published"
    assert scheduler.run_due(second).claimed == 0  # and nothing twice
    assert len(second.publishers["x"].calls) == 2 and archive_count(second) == 2
    second.db.dispose()


def test_transient_failures_back_off_exponentially_then_fail_and_tell_the_author(
    url, tmp_path, clock, checker
):
    ctx = make_context(url, tmp_path, clock, checker, max_attempts=3, backoff_seconds=30)
    fake = ctx.publishers["x"]
    fake.fail = TransientError("X: galat server (HTTP 503).")
    draft_id = approved(ctx)
    workflow.schedule(ctx, AUTHOR, draft_id)
    start = clock.now
    assert scheduler.run_due(ctx).retried == 1
    (job,) = jobs(ctx, draft_id)
    assert job.next_attempt_at == start + timedelta(seconds=30) and job.attempts == 1
    clock.now = start + timedelta(seconds=29)
    assert scheduler.run_due(ctx).claimed == 0
    clock.now = start + timedelta(seconds=30)
    assert scheduler.run_due(ctx).retried == 1
    (job,) = jobs(ctx, draft_id)
    assert job.next_attempt_at == clock.now + timedelta(seconds=60)
    clock.advance(seconds=60)
    assert scheduler.run_due(ctx).failed == 1
    (job,) = jobs(ctx, draft_id)
    assert job.status == "failed" and job.last_error.startswith("Gagal setelah 3 percobaan")
    assert status(ctx, draft_id) == "failed"
    note = list_notifications(ctx, AUTHOR)[0]
    assert note.kind == "publish_failed" and "HTTP 503" in note.message
    assert len({c.idempotency_key for c in fake.calls}) == 1  # one key for every attempt
    fake.fail = None
    assert workflow.retry(ctx, REVIEWER, draft_id).status == "scheduled"
    assert scheduler.run_due(ctx).published == 1 and status(ctx, draft_id) == "published"
    assert verify(ctx.db).ok
    ctx.db.dispose()


def test_retry_after_is_honoured_when_longer_than_the_back_off(ctx, clock, fake):
    fake.fail = TransientError("X: batas laju (HTTP 429).", retry_after=900)
    draft_id = approved(ctx)
    workflow.schedule(ctx, AUTHOR, draft_id)
    now = clock.now
    scheduler.run_due(ctx)
    assert jobs(ctx, draft_id)[0].next_attempt_at == now + timedelta(seconds=900)


def test_permanent_refusal_fails_at_once_with_the_reason(ctx, fake):
    fake.fail = PermanentError("X menolak unggahan (HTTP 403): duplicate content")
    draft_id = approved(ctx)
    workflow.schedule(ctx, AUTHOR, draft_id)
    assert scheduler.run_due(ctx).failed == 1
    (job,) = jobs(ctx, draft_id)
    assert job.attempts == 1 and "duplicate content" in job.last_error
    assert workflow.retry(ctx, AUTHOR, draft_id).jobs[0].status == "scheduled"


def test_checkpoints_carry_progress_into_the_next_attempt(ctx, fake):
    seen = []

    class Stepwise(FakePublisher):
        def publish(self, request):
            seen.append(dict(request.checkpoint))
            if not request.checkpoint:
                request.save_checkpoint({"media_ids": ["m1"]})
                raise TransientError("media diproses")
            return PublishResult("ok")

    ctx.publishers = {**ctx.publishers, "x": Stepwise()}
    draft_id = approved(ctx)
    workflow.schedule(ctx, AUTHOR, draft_id)
    scheduler.run_due(ctx)
    scheduler.run_due(ctx, now=ctx.now() + timedelta(minutes=5))
    assert seen == [{}, {"media_ids": ["m1"]}]
    assert status(ctx, draft_id) == "published"


def test_two_workers_never_publish_the_same_job_twice(url, tmp_path, clock, checker):
    calls, lock = [], threading.Lock()

    class Slow(FakePublisher):
        def publish(self, request):
            with lock:
                calls.append(request.job_id)
            time.sleep(0.02)  # widen the window in which a second worker could interfere
            return PublishResult(f"r{request.job_id}")

    setup = make_context(url, tmp_path, clock, checker)
    drafts_ = [approved(setup, channels=("x", "facebook"), title=f"Info {i}") for i in range(6)]
    for draft_id in drafts_:
        workflow.schedule(setup, AUTHOR, draft_id)
    workers = [make_context(url, tmp_path, clock, checker) for _ in range(2)]
    for w in workers:
        w.publishers = {c: Slow() for c in w.publishers}
    barrier = threading.Barrier(2)
    reports, errors = [], []

    def work(ctx, name):
        try:
            barrier.wait()
            reports.append(scheduler.run_due(ctx, worker_id=name))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w, f"w{i}")) for i, w in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(calls) == sorted(set(calls)) and len(calls) == 12
    assert sum(r.published for r in reports) == 12 and archive_count(setup) == 12
    assert all(status(setup, d) == "published" for d in drafts_)
    assert verify(setup.db).ok
    for c in (setup, *workers):
        c.db.dispose()


class CrashAfterSend:
    """Sends for real, then the process dies before it can record the answer."""

    def __init__(self, inner):
        self.inner, self.crashed = inner, False
        self.name, self.idempotent = inner.name, inner.idempotent
        self.idempotency_window = inner.idempotency_window

    def problem(self):
        return self.inner.problem()

    def publish(self, request):
        result = self.inner.publish(request)
        if not self.crashed:
            self.crashed = True
            raise SystemExit("power cut")
        return result


def test_crash_between_approval_and_publication_publishes_exactly_once(
    url, tmp_path, clock, checker
):
    ctx = make_context(url, tmp_path, clock, checker)
    draft_id = approved(ctx, channels=("whatsapp_channel",))
    workflow.schedule(ctx, AUTHOR, draft_id)  # committed; the process dies before any send
    ctx.db.dispose()
    with MockServer(platforms.webhook) as server:
        after = make_context(url, tmp_path, clock, checker)
        after.publishers = {
            "whatsapp_channel": WebhookPublisher(
                f"{server.url}/hook", platforms.WEBHOOK_SECRET, trust_env=False
            )
        }
        assert scheduler.run_due(after).published == 1
        assert scheduler.run_due(after).claimed == 0
        assert len(server.state["delivered"]) == 1 and archive_count(after) == 1
        after.db.dispose()


def test_crash_during_the_send_resends_with_the_same_key_and_the_receiver_dedupes(
    url, tmp_path, clock, checker
):
    with MockServer(platforms.webhook) as server:
        ctx = make_context(url, tmp_path, clock, checker)
        hook = WebhookPublisher(f"{server.url}/hook", platforms.WEBHOOK_SECRET, trust_env=False)
        ctx.publishers = {"whatsapp_channel": CrashAfterSend(hook)}
        draft_id = approved(ctx, channels=("whatsapp_channel",))
        workflow.schedule(ctx, AUTHOR, draft_id)
        with pytest.raises(SystemExit):
            scheduler.run_due(ctx, worker_id="doomed")
        ctx.db.dispose()
        restarted = make_context(url, tmp_path, clock, checker)
        (job,) = jobs(restarted, draft_id)
        assert job.status == "sending" and job.lease_owner == "doomed"
        restarted.publishers = {"whatsapp_channel": hook}
        assert scheduler.run_due(restarted).claimed == 0  # the lease still holds
        clock.advance(seconds=restarted.config.lease_seconds + 1)
        assert scheduler.run_due(restarted).published == 1
        keys = [r.headers["idempotency-key"] for r in server.requests]
        assert len(keys) == 2 and keys[0] == keys[1] == job.idempotency_key
        assert len(server.state["delivered"]) == 1  # one post on the platform
        assert archive_count(restarted) == 1 and status(restarted, draft_id) == "published"
        restarted.db.dispose()


def test_crash_during_a_send_without_idempotency_asks_a_person(url, tmp_path, clock, checker):
    with MockServer(platforms.telegram) as server:
        ctx = make_context(url, tmp_path, clock, checker)
        bot = TelegramPublisher(
            platforms.TELEGRAM_TOKEN, "@humas_kota", base_url=server.url, trust_env=False
        )
        ctx.publishers = {"telegram": CrashAfterSend(bot)}
        draft_id = approved(ctx, channels=("telegram",))
        workflow.schedule(ctx, AUTHOR, draft_id)
        with pytest.raises(SystemExit):
            scheduler.run_due(ctx)
        ctx.db.dispose()
        restarted = make_context(url, tmp_path, clock, checker)
        restarted.publishers = {"telegram": bot}
        clock.advance(seconds=restarted.config.lease_seconds + 1)
        assert scheduler.run_due(restarted).unknown == 1
        assert len(server.requests) == 1  # not sent again on a guess
        (job,) = jobs(restarted, draft_id)
        assert job.status == "failed" and job.outcome_unknown and "tidak pasti" in job.last_error
        assert status(restarted, draft_id) == "failed"
        assert "tidak pasti" in list_notifications(restarted, AUTHOR)[0].message
        with pytest.raises(ValidationFailed, match="tidak pasti"):
            workflow.retry(restarted, AUTHOR, draft_id)
        done = workflow.confirm_published(
            restarted, AUTHOR, job.id, remote_url="https://t.me/humas_kota/701"
        )
        assert done.status == "published" and archive_count(restarted) == 1
        assert len(server.requests) == 1
        restarted.db.dispose()


def test_after_the_platform_forgets_the_key_a_resend_is_no_longer_safe(
    url, tmp_path, clock, checker
):
    with MockServer(platforms.mastodon) as server:
        ctx = make_context(url, tmp_path, clock, checker)
        masto = MastodonPublisher(server.url, platforms.MASTODON_TOKEN, trust_env=False)
        ctx.publishers = {"mastodon": CrashAfterSend(masto)}
        draft_id = approved(ctx, channels=("mastodon",))
        workflow.schedule(ctx, AUTHOR, draft_id)
        with pytest.raises(SystemExit):
            scheduler.run_due(ctx)
        ctx.publishers = {"mastodon": masto}
        clock.advance(hours=2)  # Mastodon keeps idempotency keys for one hour
        assert scheduler.run_due(ctx).unknown == 1
        assert len(server.state["statuses"]) == 1
        ctx.db.dispose()


def test_a_slow_worker_whose_lease_was_taken_over_records_nothing(ctx, clock, fake):
    draft_id = approved(ctx)
    workflow.schedule(ctx, AUTHOR, draft_id)
    claim = scheduler._claim(ctx, jobs(ctx, draft_id)[0].id, "slow", clock.now)
    later = clock.now + timedelta(seconds=ctx.config.lease_seconds + 1)
    assert scheduler.run_due(ctx, now=later, worker_id="fast").published == 1
    assert scheduler._finish(ctx, claim, "slow", PublishResult("late"), later) == "lost"
    assert archive_count(ctx) == 1


def test_worker_loop_runs_once(ctx, fake):
    draft_id = approved(ctx)
    workflow.schedule(ctx, AUTHOR, draft_id)
    passes = []
    scheduler.worker_loop(ctx, once=True, on_pass=passes.append)
    assert len(passes) == 1 and passes[0].published == 1

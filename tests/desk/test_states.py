"""Walk the whole state table: every (state, action, person) combination, generated from
desk.states.TRANSITIONS — a new transition is covered the moment it is added.

Allowed steps must move the draft exactly as the table says (checked in the audit event the step
writes); every other combination must be refused with an Indonesian error and change nothing.
Steps only the scheduler takes are walked through the scheduler itself (last test).

The database is shared by the module (one per backend) because the walk makes a few hundred
drafts; each case still uses a draft of its own when it changes anything.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select, text

from netra.audit.tables import AuditLogEvent
from netra.desk import DeskError, drafts, scheduler, states, workflow
from netra.desk.actors import SYSTEM
from netra.desk.publishers.base import PermanentError, PublishResult
from netra.desk.tables import Draft, Job
from netra.storage.db import session_scope
from tests.desk.conftest import (
    ADMIN,
    ASN,
    AUTHOR,
    AUTHOR2,
    OTHER_REVIEWER,
    REVIEWER,
    SAFE_TEXT,
    Clock,
    make_context,
)
from tests.storage_fixtures import PG_ADMIN_URL, PG_AVAILABLE

S = states.Status
PEOPLE = {
    "penulis-draf": AUTHOR,
    "penulis-lain": AUTHOR2,
    "peninjau": REVIEWER,
    "peninjau-unit-lain": OTHER_REVIEWER,
    "admin": ADMIN,
    "asn": ASN,
    "sistem": SYSTEM,
}
RELATIONS = {  # the author of every walked draft is AUTHOR, in unit 1
    "penulis-draf": {"author"},
    "penulis-lain": set(),
    "peninjau": {"reviewer"},
    "peninjau-unit-lain": set(),
    "admin": {"admin"},
    "asn": set(),
    "sistem": {"system"},
}
SYSTEM_ONLY = {t.action for t in states.TRANSITIONS if t.roles == {"system"}}


def safe_checker(text_, context):
    """The walk is about the table, not the engine: every text is safe here."""
    return {
        "id": None,
        "verdict": "safe",
        "risk_score": 0,
        "findings": [],
        "redacted_text": text_,
        "engine_version": "walk",
    }


class TitleFailingPublisher:
    """Publishes, except drafts titled "[gagal]" which the platform refuses."""

    name, idempotent, idempotency_window = "fake", True, None

    def problem(self):
        return None

    def publish(self, request):
        if request.title.startswith("[gagal]"):
            raise PermanentError("Platform menolak (uji).")
        return PublishResult(f"r{request.job_id}", None)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def walk(request, tmp_path_factory):
    base = tmp_path_factory.mktemp("walk")
    if request.param == "sqlite":
        url, cleanup = f"sqlite:///{base / 'walk.db'}", None
    else:
        if not PG_AVAILABLE:
            pytest.skip("PostgreSQL server not reachable at " + PG_ADMIN_URL)
        name = "netra_walk_" + uuid.uuid4().hex[:10]
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"

        def cleanup():
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    clock = Clock(datetime(2025, 5, 12, 1, 0, tzinfo=UTC))
    ctx = make_context(url, base / "data", clock, safe_checker)
    ctx.publishers = {c: TitleFailingPublisher() for c in ctx.publishers}
    workflow.grant_fast_track(ctx, ADMIN, user_id=AUTHOR.user_id, user_name=AUTHOR.name)
    yield ctx, clock, {}
    ctx.db.dispose()
    if cleanup:
        cleanup()


def drive(ctx, clock, target: str) -> int:
    """A fresh draft by AUTHOR, brought to `target` through the public API only."""
    title = "[gagal] Uji" if target == S.FAILED else "Uji jalur"
    d = drafts.create_draft(ctx, AUTHOR, title=title, text=SAFE_TEXT, channels=["x", "website"])
    later = clock.now + timedelta(days=1)
    steps = {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.RETURNED: ["submit", "return"],
        S.APPROVED: ["submit", "approve"],
        S.REJECTED: ["submit", "reject"],
        S.SCHEDULED: ["submit", "approve", "schedule_later"],
        S.PUBLISHED: ["submit", "approve", "schedule_now", "run"],
        S.FAILED: ["submit", "approve", "schedule_now", "run"],
        S.UNREVIEWED: ["fast_track_now"],
        S.WITHDRAWN: ["withdraw"],
        S.DELETED: ["delete"],
    }[S(target)]
    for step in steps:
        if step == "submit":
            workflow.submit(ctx, AUTHOR, d.id)
        elif step == "return":
            workflow.return_draft(ctx, REVIEWER, d.id, reason="Perbaiki jam layanan")
        elif step == "approve":
            workflow.approve(ctx, REVIEWER, d.id)
        elif step == "reject":
            workflow.reject(ctx, REVIEWER, d.id, reason="Tidak diperlukan lagi")
        elif step == "schedule_later":
            workflow.schedule(ctx, AUTHOR, d.id, at=later)
        elif step == "schedule_now":
            workflow.schedule(ctx, AUTHOR, d.id, at=None)
        elif step == "run":
            scheduler.run_due(ctx, draft_id=d.id)
        elif step == "fast_track_now":
            workflow.fast_track(
                ctx, AUTHOR, d.id, category="bencana", reason="Banjir bandang di hulu sungai"
            )
        elif step == "withdraw":
            workflow.withdraw(ctx, AUTHOR, d.id, reason="Acara dibatalkan")
        elif step == "delete":
            workflow.delete(ctx, AUTHOR, d.id)
    assert _status(ctx, d.id) == target
    return d.id


def _status(ctx, draft_id) -> str:
    with session_scope(ctx.db) as session:
        return session.get(Draft, draft_id).status


def _snapshot(ctx, draft_id):
    with session_scope(ctx.db) as session:
        d = session.get(Draft, draft_id)
        return d.status, d.row_version, d.current_version


def _params(action: str, clock) -> dict:
    return {
        "edit": {"text": SAFE_TEXT + " Diperbarui.", "channels": ["x", "website"]},
        "comment": {"text": "Mohon cek baris ini", "channel": "x", "line": 1},
        "return": {"reason": "Perbaiki jam layanan"},
        "reject": {"reason": "Tidak diperlukan lagi"},
        "schedule": {"at": clock.now + timedelta(days=1)},
        "reschedule": {"at": clock.now + timedelta(days=2)},
        "retry": {"confirm_not_published": True},
        "fast_track": {
            "category": "bencana",
            "reason": "Banjir bandang di hulu sungai",
            "publish_now": False,
        },
        "review_after": {"note": "Sudah sesuai"},
        "correct": {"text": "Koreksi: layanan buka pukul 09.00 WIB."},
        "withdraw": {"reason": "Acara dibatalkan"},
    }.get(action, {})


def _act(ctx, clock, actor, draft_id, action):
    if action == "confirm_published":
        with session_scope(ctx.db) as session:
            job = session.scalars(select(Job).where(Job.draft_id == draft_id)).first()
            job_id = job.id if job else -1
        if job_id == -1:  # a draft without jobs: the table is still asked, through apply()
            return workflow.apply(ctx, actor, draft_id, action)
        return workflow.confirm_published(ctx, actor, job_id, remote_url="https://x.com/i/1")
    return workflow.apply(ctx, actor, draft_id, action, **_params(action, clock))


def _events(ctx, draft_id, action):
    with session_scope(ctx.db) as session:
        rows = session.scalars(
            select(AuditLogEvent)
            .where(
                AuditLogEvent.object_type == "desk_draft",
                AuditLogEvent.object_id == str(draft_id),
                AuditLogEvent.action == f"desk.{action}",
            )
            .order_by(AuditLogEvent.seq)
        ).all()
        return [json.loads(r.payload) for r in rows]


@pytest.mark.parametrize("source", [s.value for s in S])
def test_every_action_by_every_person_from(walk, source):
    ctx, clock, shared = walk
    problems = []
    for action in states.ACTIONS:
        step = states.find(source, action)
        for who, actor in PEOPLE.items():
            allowed = (
                step is not None and action not in SYSTEM_ONLY and bool(step.roles & RELATIONS[who])
            )
            if not allowed:
                if source not in shared:
                    shared[source] = drive(ctx, clock, source)
                draft_id = shared[source]
                before = _snapshot(ctx, draft_id)
                try:
                    _act(ctx, clock, actor, draft_id, action)
                    problems.append(f"{source} --{action}--> by {who}: allowed but must not be")
                except DeskError as exc:
                    if not exc.message or not exc.message[0].isupper():
                        problems.append(f"{source}/{action}/{who}: unclear message {exc!r}")
                if _snapshot(ctx, draft_id) != before:
                    problems.append(f"{source}/{action}/{who}: refused but the draft changed")
                continue
            draft_id = drive(ctx, clock, source)
            try:
                _act(ctx, clock, actor, draft_id, action)
            except DeskError as exc:
                problems.append(f"{source} --{action}--> by {who}: refused: {exc.message}")
                continue
            if action == "edit":
                status, _, version = _snapshot(ctx, draft_id)
                if status != step.target or version != 2:
                    problems.append(f"{source}/edit/{who}: now {status}, version {version}")
                continue
            moved = _events(ctx, draft_id, action)
            if not moved or (moved[-1]["from"], moved[-1]["to"]) != (source, step.target):
                problems.append(f"{source}/{action}/{who}: audit shows {moved[-1:]}")
    assert not problems, "\n".join(problems)


def _scenario_publish_from_scheduled(ctx, clock):
    draft_id = drive(ctx, clock, S.PUBLISHED)
    return draft_id


def _scenario_fail_from_scheduled(ctx, clock):
    return drive(ctx, clock, S.FAILED)


def _scenario_publish_unreviewed_from_scheduled(ctx, clock):
    return drive(ctx, clock, S.UNREVIEWED)


def _scenario_publish_from_failed(ctx, clock):
    draft_id = drive(ctx, clock, S.FAILED)
    with session_scope(ctx.db) as session:
        job_ids = [
            j.id
            for j in session.scalars(
                select(Job).where(Job.draft_id == draft_id, Job.status == "failed")
            )
        ]
    for job_id in job_ids:
        workflow.confirm_published(ctx, REVIEWER, job_id)
    return draft_id


def _scenario_publish_unreviewed_from_failed(ctx, clock):
    d = drafts.create_draft(
        ctx, AUTHOR, title="[gagal] Darurat", text=SAFE_TEXT, channels=["website"]
    )
    workflow.fast_track(
        ctx, AUTHOR, d.id, category="keadaan_darurat", reason="Kebakaran di pasar induk"
    )
    assert _status(ctx, d.id) == S.FAILED
    with session_scope(ctx.db) as session:
        job_id = session.scalars(select(Job.id).where(Job.draft_id == d.id)).one()
    workflow.confirm_published(ctx, AUTHOR, job_id)
    return d.id


SYSTEM_SCENARIOS = {
    (S.SCHEDULED, "publish"): _scenario_publish_from_scheduled,
    (S.SCHEDULED, "fail"): _scenario_fail_from_scheduled,
    (S.SCHEDULED, "publish_unreviewed"): _scenario_publish_unreviewed_from_scheduled,
    (S.FAILED, "publish"): _scenario_publish_from_failed,
    (S.FAILED, "publish_unreviewed"): _scenario_publish_unreviewed_from_failed,
}


@pytest.mark.parametrize(
    "step",
    [t for t in states.TRANSITIONS if t.action in SYSTEM_ONLY],
    ids=lambda t: f"{t.source}-{t.action}",
)
def test_every_scheduler_step_happens_through_the_scheduler(walk, step):
    ctx, clock, _ = walk
    draft_id = SYSTEM_SCENARIOS[(step.source, step.action)](ctx, clock)
    events = _events(ctx, draft_id, step.action)
    assert events and (events[-1]["from"], events[-1]["to"]) == (step.source, step.target)


def test_the_table_is_well_formed():
    assert set(states.ACTION_LABELS) >= set(states.ACTIONS)
    assert set(states.STATUS_LABELS) == {s.value for s in S}
    reachable, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        current = frontier.pop()
        for t in states.TRANSITIONS:
            if t.source == current and t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    assert reachable == set(S), set(S) - reachable
    assert {S.REJECTED, S.WITHDRAWN, S.DELETED} == states.TERMINAL
    for t in states.TRANSITIONS:  # nobody decides on their own draft
        if t.action in ("approve", "return", "reject", "review_after"):
            assert t.guard == "not_own" and "author" not in t.roles


def test_the_documentation_shows_exactly_this_table():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "desk.md").read_text(encoding="utf-8")
    start = doc.index("<!-- state-table:start -->") + len("<!-- state-table:start -->")
    end = doc.index("<!-- state-table:end -->")
    assert doc[start:end].strip() == states.markdown_table()

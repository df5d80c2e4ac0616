"""The audit chain on both databases: intact chains verify; a modified, deleted, reordered or
replaced event is found and named; concurrent writers never fork the chain."""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import delete, select, text, update
from typer.testing import CliRunner

from netra.audit import GENESIS, events_for, head, record, verify
from netra.audit.chain import event_hash
from netra.audit.tables import AuditHead, AuditLogEvent
from netra.storage.db import make_engine, session_scope
from netra.storage.migrate import upgrade


@pytest.fixture
def db(url):
    engine = make_engine(url)
    yield engine
    engine.dispose()


def _fill(db, n: int = 6) -> None:
    for i in range(1, n + 1):
        with session_scope(db) as session:
            record(
                session,
                "test.event",
                actor=f"petugas {i}",
                actor_id=i,
                object_type="thing",
                object_id=i % 2,
                payload={"i": i, "teks": "Ujian ✓"},
            )


def test_an_untouched_chain_verifies_and_links_every_event(db):
    _fill(db)
    result = verify(db)
    assert result.ok and result.checked == 6 and result.head_seq == 6
    with session_scope(db) as session:
        rows = session.scalars(select(AuditLogEvent).order_by(AuditLogEvent.seq)).all()
        assert rows[0].prev_hash == GENESIS
        assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
        assert head(session) == (6, rows[-1].hash)
        assert [e.seq for e in events_for(session, "thing", 1)] == [1, 3, 5]


def test_empty_chain_verifies(db):
    assert verify(db).ok


def test_a_modified_payload_is_detected_and_named(db):
    _fill(db)
    with db.begin() as conn:
        conn.execute(
            update(AuditLogEvent)
            .where(AuditLogEvent.seq == 3)
            .values(payload='{"i":3,"teks":"diubah"}')
        )
    result = verify(db)
    assert not result.ok
    assert (result.problem.kind, result.problem.seq) == ("modified", 3)
    assert result.checked == 2
    assert "#3" in result.problem.message


def test_a_modified_actor_is_detected(db):
    _fill(db)
    with db.begin() as conn:
        conn.execute(update(AuditLogEvent).where(AuditLogEvent.seq == 5).values(actor="orang lain"))
    assert (verify(db).problem.kind, verify(db).problem.seq) == ("modified", 5)


def test_a_deleted_event_is_detected(db):
    _fill(db)
    with db.begin() as conn:
        conn.execute(delete(AuditLogEvent).where(AuditLogEvent.seq == 4))
    problem = verify(db).problem
    assert (problem.kind, problem.seq) == ("missing", 4)


def test_deleting_the_newest_events_is_detected_through_the_head(db):
    _fill(db)
    with db.begin() as conn:
        conn.execute(delete(AuditLogEvent).where(AuditLogEvent.seq >= 5))
    problem = verify(db).problem
    assert (problem.kind, problem.seq) == ("missing", 5)


def test_reordered_events_are_detected(db):
    _fill(db)
    with db.begin() as conn:  # swap positions 3 and 4
        conn.execute(update(AuditLogEvent).where(AuditLogEvent.seq == 3).values(seq=-3))
        conn.execute(update(AuditLogEvent).where(AuditLogEvent.seq == 4).values(seq=3))
        conn.execute(update(AuditLogEvent).where(AuditLogEvent.seq == -3).values(seq=4))
    problem = verify(db).problem
    assert (problem.kind, problem.seq) == ("reordered", 3)


def test_a_replaced_event_with_a_recomputed_hash_is_caught_by_the_next_link(db):
    _fill(db)
    with session_scope(db) as session:
        row = session.get(AuditLogEvent, 2)
        row.payload = '{"i":2,"teks":"dipalsukan"}'
        row.hash = event_hash(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            actor_id=row.actor_id,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            payload=row.payload,
            prev_hash=row.prev_hash,
        )
    problem = verify(db).problem
    assert (problem.kind, problem.seq) == ("modified", 2)


def test_an_anchor_detects_a_rewritten_chain(db):
    _fill(db, 3)
    anchor = verify(db).head_hash
    assert verify(db, expect_head=anchor).ok
    # Rewrite the whole chain consistently (what only an anchor can reveal).
    with db.begin() as conn:
        conn.execute(delete(AuditLogEvent))
        conn.execute(update(AuditHead).values(seq=0, hash=GENESIS))
    _fill(db, 3)
    assert verify(db).ok
    rewritten = verify(db, expect_head=anchor)
    assert not rewritten.ok and rewritten.problem.kind == "anchor"


def test_concurrent_writers_never_fork_the_chain(url):
    """Four threads, each with its own engine (own connections), append at once."""
    engines = [make_engine(url) for _ in range(4)]
    upgrade(engines[0])
    barrier = threading.Barrier(len(engines))
    errors = []

    def write(engine, who):
        try:
            barrier.wait()
            for i in range(10):
                with session_scope(engine) as session:
                    record(session, "test.concurrent", actor=who, payload={"i": i})
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(e, f"w{k}")) for k, e in enumerate(engines)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    result = verify(engines[0])
    assert result.ok and result.checked == 40
    with engines[0].connect() as conn:
        seqs = [r[0] for r in conn.execute(text("select seq from audit_log order by seq"))]
    assert seqs == list(range(1, 41))
    for e in engines:
        e.dispose()


def test_a_rolled_back_transaction_leaves_no_event(db):
    _fill(db, 2)
    with pytest.raises(RuntimeError), session_scope(db) as session:
        record(session, "test.rollback", payload={})
        raise RuntimeError("the change failed")
    result = verify(db)
    assert result.ok and result.checked == 2


def test_payload_must_be_json_and_small(db):
    with session_scope(db) as session, pytest.raises(TypeError):
        record(session, "test.bad", payload={"x": object()})
    with session_scope(db) as session, pytest.raises(ValueError):
        record(session, "test.big", payload={"x": "a" * 70_000})


def test_cli_verify_reports_ok_and_names_the_broken_event(url, db):
    from netra.cli import app

    _fill(db, 4)
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert ok.exit_code == 0, ok.output
    assert "Rantai audit utuh" in ok.output and "4 peristiwa" in ok.output
    shown = runner.invoke(app, ["audit", "head", "--database-url", url])
    assert shown.exit_code == 0 and shown.output.startswith("#4 ")
    with db.begin() as conn:
        conn.execute(update(AuditLogEvent).where(AuditLogEvent.seq == 2).values(action="x.y"))
    broken = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert broken.exit_code == 1
    assert "RUSAK pada peristiwa #2" in broken.output

"""Proving the chain: recompute every hash and every link, name the first broken event.

What is detected: an event whose content was changed (its hash no longer matches), deleted
(a gap in the positions, or the head ahead of the last event), or moved to another position (the
position is hashed, and its link then points at an event that is not its predecessor), and an
event replaced together with a recomputed hash (the next event's link breaks). What is not: a
rewrite of the whole chain from some point on, head included, by someone with write access to
the database. Against that, keep the head hash somewhere else (a printed report, an e-mail) and
pass it as `expect_head`: the chain must still contain it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from netra.audit.chain import GENESIS, event_hash
from netra.audit.tables import AuditHead, AuditLogEvent

BATCH = 2_000


@dataclass(frozen=True)
class Problem:
    kind: str  # modified | missing | reordered | head | anchor
    seq: int | None  # the first broken event (None: the chain as a whole)
    message: str  # Indonesian, for people


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    problem: Problem | None = None


def _seq_of(conn: Connection, digest: str) -> int | None:
    return conn.scalar(select(AuditLogEvent.seq).where(AuditLogEvent.hash == digest))


def _check_row(conn: Connection, row, expected: int, prev: str) -> Problem | None:
    if row.seq != expected:
        span = f"#{expected}" if row.seq == expected + 1 else f"#{expected}–#{row.seq - 1}"
        return Problem("missing", expected, f"Peristiwa {span} hilang (dihapus) dari rantai.")
    recomputed = event_hash(
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
    if recomputed != row.hash:
        before = _seq_of(conn, row.prev_hash) if row.prev_hash != GENESIS else 0
        if before is not None and before != row.seq - 1:
            return Problem(
                "reordered",
                row.seq,
                f"Urutan diubah: peristiwa di posisi #{row.seq} semestinya berada tepat "
                f"setelah peristiwa #{before}.",
            )
        return Problem(
            "modified", row.seq, f"Isi peristiwa #{row.seq} diubah: sidik jarinya tidak cocok."
        )
    if row.prev_hash != prev:
        culprit = row.seq - 1 if row.seq > 1 else row.seq
        return Problem(
            "modified",
            culprit,
            f"Peristiwa #{culprit} diganti (sidik jarinya dihitung ulang): tautan dari "
            f"peristiwa #{row.seq} tidak cocok.",
        )
    return None


def verify(db: Engine | Connection, *, expect_head: str | None = None) -> VerifyResult:
    """Walk the whole chain in order (streamed, constant memory)."""
    if isinstance(db, Engine):
        with db.connect() as conn:
            return verify(conn, expect_head=expect_head)
    conn = db
    head_row = conn.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    head_seq, head_hash = (0, GENESIS) if head_row is None else (int(head_row[0]), head_row[1])
    expected, prev, checked = 1, GENESIS, 0
    query = select(AuditLogEvent).order_by(AuditLogEvent.seq)
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for row in result:
        problem = _check_row(conn, row, expected, prev)
        if problem is not None:
            result.close()
            return VerifyResult(False, checked, head_seq, head_hash, problem)
        prev, expected, checked = row.hash, expected + 1, checked + 1
    last_seq = expected - 1
    if head_seq != last_seq or head_hash != prev:
        if head_seq > last_seq:
            span = (
                f"#{last_seq + 1}" if head_seq == last_seq + 1 else f"#{last_seq + 1}–#{head_seq}"
            )
            problem = Problem(
                "missing", last_seq + 1, f"Peristiwa {span} hilang (dihapus) dari ujung rantai."
            )
        else:
            problem = Problem("head", None, "Kepala rantai tidak cocok dengan peristiwa terakhir.")
        return VerifyResult(False, checked, head_seq, head_hash, problem)
    if expect_head and expect_head != prev and _seq_of(conn, expect_head) is None:
        return VerifyResult(
            False,
            checked,
            head_seq,
            head_hash,
            Problem("anchor", None, "Sidik jari acuan tidak ada di rantai: rantai ditulis ulang."),
        )
    return VerifyResult(True, checked, head_seq, head_hash)

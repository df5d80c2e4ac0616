"""The tamper-evident audit log every area writes to.

Each event carries the SHA-256 of the event before it, so changing, deleting or reordering a
stored event breaks the chain at that point; `verify` walks the chain and names the first broken
event. Appends are serialised through one head row, so the chain never forks (see `log.record`).
"""

from netra.audit.chain import GENESIS, canonical_json, event_hash
from netra.audit.log import AuditEntry, events_for, head, record
from netra.audit.verify import Problem, VerifyResult, verify

__all__ = [
    "GENESIS",
    "AuditEntry",
    "Problem",
    "VerifyResult",
    "canonical_json",
    "event_hash",
    "events_for",
    "head",
    "record",
    "verify",
]

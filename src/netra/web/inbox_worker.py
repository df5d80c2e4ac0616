"""The inbox's background work inside the web process: triage what arrived, escalate late timers.

A webhook answers the platform as soon as the delivery is stored (platforms retry slow
answers), and a message that arrived must still show up triaged moments later. So after an
accepted delivery (and when the inbox list is opened) the route schedules `InboxWorker.run`
as a background task. Runs never overlap inside one process: a request that arrives while a
run is going only raises a flag, and the running pass loops once more. Several processes are
safe too: `triage_pending` claims messages with a lease, so two workers never triage the same
message, and a crashed run's claim expires.

Escalation piggybacks on the same runs, at most every `ESCALATE_EVERY`; a quiet office should
still run `netra inbox escalate` from cron (docs/inbox.md).
"""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import Engine

from netra.config import Settings

log = logging.getLogger("netra.web.inbox")
ESCALATE_EVERY = 300.0  # seconds
MAX_PASSES = 50  # 50 × 200 messages per run at most; the next trigger continues


class InboxWorker:
    """Single-flight triage and escalation for one app (one per process)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._lock = threading.Lock()
        self._requested = False
        self._last_escalation = 0.0

    def run(self) -> None:
        """Triage everything pending (and escalate when due); never raises."""
        self._requested = True
        while self._requested and self._lock.acquire(blocking=False):
            try:
                while self._requested:
                    self._requested = False
                    self._pass()
            finally:
                self._lock.release()

    def _pass(self) -> None:
        from netra.inbox.sla import escalate_due
        from netra.inbox.triage import triage_pending

        try:
            for _ in range(MAX_PASSES):
                if not triage_pending(self.engine, settings=self.settings).count:
                    break
            if time.monotonic() - self._last_escalation >= ESCALATE_EVERY:
                self._last_escalation = time.monotonic()
                escalate_due(self.engine)
        except Exception:  # a background task must not take the process down; retried later
            log.exception("inbox background work failed")


def worker_of(app) -> InboxWorker:
    """The app's worker, created on first use (the app factory need not know the inbox)."""
    state = app.state
    worker = getattr(state, "inbox_worker", None)
    if worker is None:
        with _create_lock:
            worker = getattr(state, "inbox_worker", None)
            if worker is None:
                worker = InboxWorker(state.db_engine, state.settings)
                state.inbox_worker = worker
    return worker


_create_lock = threading.Lock()

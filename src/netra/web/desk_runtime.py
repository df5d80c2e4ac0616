"""The desk inside the web app: one `DeskContext` per app, and the scheduler as a thread.

Why a thread and not a separate process: an agency that runs `netra serve` expects an approved
post to go out at its time without running anything else. Publication jobs live in the
database and are claimed atomically (see netra.desk.scheduler), so the thread holds no state:
a restart loses nothing, and it may run next to `netra desk worker`, or in every uvicorn worker,
without publishing a job twice. It starts only when `NETRA_DESK_SCHEDULER=true` (`netra serve
--demo` sets it), through the desk router's lifespan, and stops cleanly with the app.

Requests never wait on platforms: an emergency post (or one scheduled for "now") is handed to a
one-off thread that runs a pass for that draft only (`kick`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from netra.desk.context import DeskConfig, DeskContext
from netra.desk.scheduler import default_worker_id, run_due

log = logging.getLogger("netra.web.desk")
_LOCK = threading.Lock()


def desk_context(app: Any) -> DeskContext:
    """The app's desk context, built on first use: the app's database, its analysis engine
    (so agency rules and test rules apply to drafts too) and the configured publishers."""
    ctx = getattr(app.state, "desk", None)
    if ctx is not None:
        return ctx
    with _LOCK:
        ctx = getattr(app.state, "desk", None)
        if ctx is None:
            from netra.desk.publishers import build_publishers

            settings = app.state.settings
            config = DeskConfig.from_settings(settings)
            analysis = app.state.analysis

            def checker(text: str, context: dict[str, Any]) -> dict[str, Any]:
                return analysis.get().analyze(text, context).to_dict()

            ctx = DeskContext(
                db=app.state.db_engine,
                config=config,
                publishers=build_publishers(settings, config),
                checker=checker,
            )
            app.state.desk = ctx
    return ctx


async def get_desk(request: Request) -> DeskContext:
    """Dependency: the desk context of this app."""
    return desk_context(request.app)


class SchedulerThread:
    """Runs `scheduler.run_due` every `NETRA_DESK_POLL_SECONDS` until stopped. A failing pass
    (database restarting, a bug) is logged and the loop goes on: the jobs wait in the table."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.stop_event = threading.Event()
        self.worker_id = default_worker_id()
        self.thread = threading.Thread(target=self._loop, name="netra-desk-scheduler", daemon=True)

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            try:
                run_due(self.ctx, worker_id=self.worker_id)
            except Exception:  # keep serving; the next pass retries
                log.exception("desk scheduler pass failed")
            self.stop_event.wait(self.ctx.config.poll_seconds)

    def start(self) -> SchedulerThread:
        self.thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        self.thread.join(timeout)


def kick(app: Any, draft_id: int) -> threading.Thread:
    """Publish a draft's due jobs now, off the request thread (emergency fast-track)."""

    def run() -> None:
        try:
            run_due(desk_context(app), draft_id=draft_id)
        except Exception:
            log.exception("desk publication of draft %s failed", draft_id)

    thread = threading.Thread(target=run, name=f"netra-desk-kick-{draft_id}", daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The desk router's lifespan (FastAPI merges it into the app's)."""
    scheduler = None
    if app.state.settings.desk_scheduler:
        scheduler = SchedulerThread(desk_context(app)).start()
        app.state.desk_scheduler = scheduler
    try:
        yield
    finally:
        if scheduler is not None:
            scheduler.stop()

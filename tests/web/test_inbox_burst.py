"""A burst of 1,000 signed webhook deliveries over real HTTP on 127.0.0.1: every distinct message
is stored exactly once (replays included in the burst), every delivery is answered, and the app
triages all of them by itself shortly after."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select

from netra.inbox.tables import Message
from netra.inbox.webhooks import sign_body
from netra.storage.db import session_scope
from tests.inbox.conftest import WEBHOOK_SECRET, body_of, local_server  # noqa: F401
from tests.web.support import serve
from tests.web.test_inbox_pages import env  # noqa: F401  (the app with webhook secrets)

DELIVERIES = 1_000
REPLAY_EVERY = 10  # every tenth delivery repeats an earlier one, as platforms retry
SENDERS = 16
TEXTS = (
    "Min, jam buka pelayanan KTP di kecamatan kapan ya?",
    "Jalan di depan SD rusak parah, tolong segera diperbaiki",
    "Terima kasih petugas puskesmas yang ramah sekali",
    "Usul: tambah jadwal bus sekolah di desa kami",
)


@pytest.fixture
def live_inbox(env):  # noqa: F811
    """The app served by uvicorn on a free local port (a real HTTP server)."""
    with serve(env.app) as base:
        yield env, base


def _counts(app_env) -> tuple[int, int]:
    with session_scope(app_env.db) as session:
        stored = session.scalar(select(func.count()).select_from(Message))
        done = session.scalar(
            select(func.count()).select_from(Message).where(Message.triage_status == "done")
        )
    return int(stored or 0), int(done or 0)


@pytest.mark.slow
def test_burst_of_1000_deliveries_over_http_is_accepted_without_loss_and_triaged(live_inbox):
    app_env, base = live_inbox
    bodies: list[bytes] = []
    for i in range(DELIVERIES):
        if i % REPLAY_EVERY == REPLAY_EVERY - 1:
            bodies.append(bodies[i - 5])  # a replay of an earlier delivery
            continue
        text = f"{TEXTS[i % len(TEXTS)]} (#{i})"
        bodies.append(body_of({"messages": [{"id": f"burst-{i}", "text": text}]}))
    distinct = len(set(bodies))

    def send(body: bytes) -> int | str:
        headers = {
            "Content-Type": "application/json",
            "X-Netra-Signature": sign_body(body, WEBHOOK_SECRET),
        }
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                response = client.post("/inbox/webhook/webhook", content=body, headers=headers)
        except httpx.HTTPError as exc:
            return type(exc).__name__  # counted below, so a failure says what went wrong
        return response.status_code

    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        statuses = list(pool.map(send, bodies))

    assert statuses.count(200) == DELIVERIES, {s: statuses.count(s) for s in set(statuses)}
    stored, _ = _counts(app_env)
    assert stored == distinct == 900

    deadline = time.monotonic() + 180
    while (done := _counts(app_env)[1]) < distinct and time.monotonic() < deadline:
        time.sleep(0.5)
    assert done == distinct, f"{done} of {distinct} messages triaged"

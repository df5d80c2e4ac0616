"""Desk fixtures: a context on each database (SQLite and the real PostgreSQL), a controlled
clock, people in every role, and an in-memory publisher standing in for platforms where the
platform is not what a test is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netra.desk import Actor, DeskConfig, DeskContext
from netra.desk.channels import CHANNEL_IDS
from netra.desk.publishers.base import PublishResult
from netra.storage.db import make_engine
from netra.storage.migrate import upgrade
from tests.desk.dbs import pg_template, url  # noqa: F401  (migrated databases, both backends)

SAFE_TEXT = "Layanan perekaman KTP-el buka Senin-Jumat pukul 08.00-15.00 WIB di kantor kecamatan."

AUTHOR = Actor("Ani (penulis)", frozenset({"author"}), user_id=1, unit_id=1)
AUTHOR2 = Actor("Dedi (penulis)", frozenset({"author"}), user_id=5, unit_id=1)
REVIEWER = Actor("Budi (peninjau)", frozenset({"reviewer"}), user_id=2, unit_id=1)
REVIEWER2 = Actor("Rina (peninjau)", frozenset({"reviewer"}), user_id=7, unit_id=1)
OTHER_REVIEWER = Actor("Sari (peninjau unit lain)", frozenset({"reviewer"}), user_id=3, unit_id=2)
ADMIN = Actor("Admin", frozenset({"admin"}), user_id=4, unit_id=1)
ASN = Actor("Joko (ASN)", frozenset({"asn"}), user_id=6, unit_id=1)


class Clock:
    """Time that moves only when a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class FakePublisher:
    """Records requests; can be told to fail. Stands in where the platform is not under test."""

    name = "fake"
    idempotent = True
    idempotency_window = None

    def __init__(self) -> None:
        self.calls = []
        self.fail: Exception | None = None

    def problem(self):
        return None

    def publish(self, request):
        self.calls.append(request)
        if self.fail is not None:
            raise self.fail
        return PublishResult(f"remote-{request.job_id}", f"https://example.test/{request.job_id}")


def make_context(db_url: str, data_dir: Path, clock: Clock, checker, **config) -> DeskContext:
    db = make_engine(db_url)
    upgrade(db)
    fake = FakePublisher()
    return DeskContext(
        db=db,
        config=DeskConfig(data_dir=data_dir, **config),
        publishers={c: fake for c in CHANNEL_IDS},
        checker=checker,
        clock=clock,
    )


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 5, 12, 1, 0, tzinfo=UTC))  # 08.00 WIB


@pytest.fixture
def checker(engine):
    """The real analysis engine (session-wide instance from tests/conftest.py)."""
    return lambda text, context: engine.analyze(text, context).to_dict()


@pytest.fixture
def ctx(url, tmp_path, clock, checker) -> DeskContext:  # noqa: F811
    context = make_context(url, tmp_path / "data", clock, checker)
    yield context
    context.db.dispose()


@pytest.fixture
def fake(ctx) -> FakePublisher:
    return ctx.publishers["x"]

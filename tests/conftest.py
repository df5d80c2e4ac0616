"""Shared fixtures. The engine is built once per test session (it is immutable)."""

from __future__ import annotations

import pytest

from netra.analysis import Engine
from tests.storage_fixtures import PG_AVAILABLE, db_url  # noqa: F401  (shared fixture)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()

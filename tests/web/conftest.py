"""Fixtures for the web tests: every test runs on SQLite and on PostgreSQL (`db_url`)."""

from __future__ import annotations

import pytest

from tests.web.support import WebEnv, build_env, make_analysis_engine, use_fast_hasher


@pytest.fixture(scope="session", autouse=True)
def _fast_hasher() -> None:
    use_fast_hasher()


@pytest.fixture(scope="session")
def analysis_engine():
    return make_analysis_engine()


@pytest.fixture
def env(db_url, tmp_path, analysis_engine) -> WebEnv:
    web_env = build_env(db_url, tmp_path, analysis_engine)
    yield web_env
    web_env.db.dispose()
    web_env.app.state.db_engine.dispose()

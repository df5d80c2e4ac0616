"""Shared fixtures come from the web tests."""

from tests.web.conftest import _fast_hasher, analysis_engine, env  # noqa: F401

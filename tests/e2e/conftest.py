"""Browser tests: the real app under uvicorn on 127.0.0.1 (a real port, in a thread), driven by
Debian's chromium through Playwright. Skipped, with the reason, only when chromium is absent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.support import build_env, make_analysis_engine, serve, use_fast_hasher

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """The app on SQLite, one user per role, served by uvicorn on a free local port."""

    use_fast_hasher()
    data_dir = tmp_path_factory.mktemp("e2e")
    # Every test logs in again from 127.0.0.1; the per-address limit (tested in tests/web) would
    # otherwise refuse the eleventh login of a fast run.
    env = build_env(
        f"sqlite:///{data_dir / 'netra.db'}",
        data_dir,
        make_analysis_engine(),
        login_attempts_per_minute=10_000,
    )
    with serve(env.app) as base:
        yield base
    env.db.dispose()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian chromium is not installed at /usr/bin/chromium "
            "(apt-get install -y chromium; scripts/services installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    errors: list[str] = []

    def on_console(message) -> None:
        # A refused login or page answers 401/403 on purpose; anything else is a real error.
        expected = "Failed to load resource" in message.text and re.search(
            r"\b40[13]\b", message.text
        )
        if message.type == "error" and not expected:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def shot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path

"""Headless Chromium (Debian's package) driven by Playwright against a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        reason = "Debian's chromium is not installed; `make chromium` installs it."
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def browser(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """One Chromium per test module.

    Playwright's sync API keeps an event loop running in this thread while the
    browser is open, and Django then refuses ORM calls from the thread (they
    would block the loop). Here the loop only serves Playwright, so the check
    is lifted for the browser's lifetime and restored afterwards.
    """
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def expected_console_errors() -> list[str]:
    """Console errors a test expects (a fetch answered 410 on purpose, say)."""
    return []


@pytest.fixture
def page(browser: Any, expected_console_errors: list[str]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    yield tab
    context.close()
    unexpected = [e for e in errors if not any(x in e for x in expected_console_errors)]
    assert unexpected == [], f"the page logged errors: {unexpected}"


@pytest.fixture
def wire_site(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """`newsdesk serve` allowed to fetch from this machine, as an admin would allow it."""
    from tests.live.support import Server, current_database_url, server_env

    env = server_env(current_database_url(), NEWSDESK_FETCH_ALLOW="127.0.0.1")
    server = Server(env, log_path=tmp_path / "serve.log").start()
    yield server
    server.stop()

"""Limits per content key, per admin token and per address: 429 with Retry-After."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsdesk.api import ratelimit

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db


def test_each_caller_has_its_own_budget(
    api: Api, settings: Any, make_token: Callable[[str], Credential]
) -> None:
    settings.NEWSDESK_API_RATE_ANONYMOUS = 2
    settings.NEWSDESK_API_RATE_CONTENT = 3
    settings.NEWSDESK_API_RATE_ADMIN = 1
    key, other_key, editor = make_token("content"), make_token("content"), make_token("editor")
    assert [api.get("/api/content/tags").status_code for _ in range(3)] == [200, 200, 429]
    assert [api.get("/api/content/tags", key).status_code for _ in range(4)] == [200] * 3 + [429]
    assert api.get("/api/content/tags", other_key).status_code == 200
    assert [api.get("/api/admin/me", editor).status_code for _ in range(2)] == [200, 429]
    refused = api.get("/api/content/tags", key)
    assert refused["Content-Type"] == "application/problem+json"
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 60
    assert refused.json()["type"] == "urn:newsdesk:problem:rate-limited"
    assert f"Try again in {wait} s." in refused.json()["detail"]


def test_the_window_moves_on() -> None:
    now = [1_000_000.0]
    clock = lambda: now[0]  # noqa: E731
    assert ratelimit.retry_after("t", 1, clock=clock) is None
    assert ratelimit.retry_after("t", 1, clock=clock) == 20  # 1_000_020 starts the next minute
    now[0] += 20
    assert ratelimit.retry_after("t", 1, clock=clock) is None


def test_guessing_tokens_spends_the_address_budget(api: Api, settings: Any) -> None:
    settings.NEWSDESK_API_RATE_ANONYMOUS = 2
    guess = Credential("guess", "nda_" + "x" * 43)
    assert [api.get("/api/admin/me", guess).status_code for _ in range(3)] == [401, 401, 429]
    assert api.get("/api/content/tags").status_code == 429  # the same address

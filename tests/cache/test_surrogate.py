"""Pages name their dependency keys for the caches in front, header-safe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.checks import run_checks
from django.test import Client

from newsdesk.cache import surrogate
from newsdesk.cache.http import request_key, response_headers
from newsdesk.cache.invalidation import deps_for_events
from newsdesk.cache.store import make_entry
from newsdesk.news.models import Article, Event

pytestmark = pytest.mark.django_db


def test_a_page_names_its_keys_in_all_three_headers(
    client: Client, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Київ"])
    response = client.get(f"/news/{story.slug}/")
    keys = response.headers["Surrogate-Key"].split(" ")
    assert f"article:{story.pk}" in keys and "site" in keys
    assert "tag:%D0%BA%D0%B8%D1%97%D0%B2" in keys
    assert response.headers["xkey"] == response.headers["Surrogate-Key"]
    assert response.headers["Cache-Tag"] == ",".join(keys)
    assert all(key.isascii() and key.isprintable() for key in keys)


def test_the_purge_names_the_keys_the_page_carries(
    client: Client, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Київ"])
    page = set(client.get("/tag/київ/").headers["xkey"].split(" "))
    event = Event.objects.filter(article=story).latest("id")
    moved = set(surrogate.keys(deps_for_events([event.id])))
    assert "tag:%D0%BA%D0%B8%D1%97%D0%B2" in page & moved


def test_the_headers_are_a_setting(
    client: Client, settings: Any, make_article: Callable[..., Article]
) -> None:
    make_article()
    settings.NEWSDESK_SURROGATE_HEADERS = ["xkey"]
    response = client.get("/")
    assert {"all", "site"} <= set(response.headers["xkey"].split(" "))
    assert "Surrogate-Key" not in response and "Cache-Tag" not in response
    settings.NEWSDESK_SURROGATE_HEADERS = []
    assert "xkey" not in client.get("/")


def test_pages_that_are_not_cached_name_no_keys(client: Client) -> None:
    response = client.get("/news/no-such-story/")
    assert response.status_code == 404
    assert "Surrogate-Key" not in response and "xkey" not in response


def test_a_shared_cache_fetch_skips_this_process_copy() -> None:
    assert request_key(b"GET", b"/", b"", [(b"host", b"x")]) == "/"
    assert request_key(b"GET", b"/", b"", [(b"x-newsdesk-front", b"varnish")]) is None


def ids(settings: Any, **values: Any) -> list[str]:
    for name, value in values.items():
        setattr(settings, name, value)
    return [m.id for m in run_checks() if m.id and m.id.startswith("newsdesk.E04")]


def test_checks_refuse_a_bad_front_cache_configuration(settings: Any) -> None:
    assert ids(settings) == []
    assert ids(settings, NEWSDESK_SURROGATE_HEADERS=["x-tags"]) == ["newsdesk.E040"]
    settings.NEWSDESK_SURROGATE_HEADERS = ["xkey", "cache-tag", "surrogate-key"]
    assert ids(settings, NEWSDESK_PURGE="akamai") == ["newsdesk.E041"]
    assert ids(settings, NEWSDESK_PURGE="varnish") == ["newsdesk.E041"]
    assert ids(settings, NEWSDESK_PURGE_VARNISH_URLS=["varnish:6081"]) == ["newsdesk.E042"]
    assert ids(settings, NEWSDESK_PURGE_VARNISH_URLS=["http://127.0.0.1:6081/"]) == []
    assert ids(settings, NEWSDESK_SURROGATE_HEADERS=["cache-tag"]) == ["newsdesk.E040"]
    settings.NEWSDESK_SURROGATE_HEADERS = ["cache-tag"]
    assert (
        ids(
            settings,
            NEWSDESK_PURGE="cloudflare",
            NEWSDESK_PURGE_CLOUDFLARE_ZONE="z",
            NEWSDESK_PURGE_CLOUDFLARE_TOKEN="t",
        )
        == []
    )


def test_a_page_cache_hit_keeps_the_keys_for_the_caches_in_front() -> None:
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"xkey", b"all site"),
        (b"cache-tag", b"all,site"),
    ]
    entry = make_entry(200, headers, b"<p>page</p>", frozenset({"all", "site"}))
    status, sent, _body = response_headers(entry, b"GET", [])
    assert status == 200
    assert (b"xkey", b"all site") in sent and (b"cache-tag", b"all,site") in sent

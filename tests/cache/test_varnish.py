"""deploy/varnish/newsdesk.vcl in a real varnishd in front of ``newsdesk serve``.

The server's worker thread purges Varnish (``NEWSDESK_PURGE=varnish``) as it
would in production: a publish, a correction and a tag rename are fresh on
the next request through Varnish once the purge is delivered, pages they did
not move stay hits, and ``/live`` streams through. Skipped with the reason
when varnishd or the xkey vmod is missing (``make varnish`` installs them);
under CI=true that is a failure instead.
"""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.news import actions
from newsdesk.news.models import Article, Tag
from tests.live.support import Server, SSEClient, current_database_url

from .varnish_support import Varnish, purged, running_front

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def front(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[tuple[Varnish, Server]]:
    with django_db_blocker.unblock():
        url = current_database_url()
    with running_front(Path(tmp_path_factory.mktemp("varnish")), url) as found:
        yield found


@pytest.fixture
def varnish(front: tuple[Varnish, Server]) -> Varnish:
    return front[0]


def warm(varnish: Varnish, *paths: str) -> None:
    for path in paths:
        varnish.get(path)
        assert varnish.cache(path) == "HIT", path


def test_a_publish_is_fresh_through_varnish_and_other_pages_stay_hits(
    varnish: Varnish, make_article: Callable[..., Article]
) -> None:
    make_article(tags=["Harbour"])
    make_article(tags=["Orchard"])
    purged()
    warm(varnish, "/", "/tag/harbour/", "/tag/orchard/")
    make_article(headline="Ferry service resumes at dawn", tags=["Harbour"])
    purged()
    status, headers, body = varnish.get("/")
    assert status == 200 and "Ferry service resumes at dawn" in body
    assert headers["x-varnish-cache"] == "MISS"
    assert "Ferry service resumes at dawn" in varnish.get("/tag/harbour/")[2]
    status, headers, body = varnish.get("/tag/orchard/")
    assert headers["x-varnish-cache"] == "HIT" and int(headers["age"]) >= 0
    assert len(headers["x-varnish"].split()) == 2  # this request's id and the cached one's
    assert "xkey" not in headers and "surrogate-key" not in headers and "cache-tag" not in headers


def test_a_correction_is_fresh_and_other_pages_stay_hits(
    varnish: Varnish, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Harbour"])
    make_article(tags=["Orchard"])
    purged()
    page = f"/news/{story.slug}/"
    warm(varnish, page, "/tag/orchard/")
    actions.correct(story, note="The ferry leaves at six, not seven.")
    purged()
    _status, headers, body = varnish.get(page)
    assert "The ferry leaves at six, not seven." in body
    assert headers["x-varnish-cache"] == "MISS"
    assert varnish.cache("/tag/orchard/") == "HIT"


def test_a_tag_rename_is_fresh_everywhere(
    varnish: Varnish, make_article: Callable[..., Article]
) -> None:
    story = make_article(tags=["Ferries"])
    purged()
    page = f"/news/{story.slug}/"
    warm(varnish, page, "/tag/ferries/")
    actions.update_tag(Tag.objects.get(slug="ferries"), name="Boats", slug="boats")
    purged()
    _status, headers, body = varnish.get(page)
    assert headers["x-varnish-cache"] == "MISS" and re.search(r">\s*Boats\s*<", body)
    status, headers, _ = varnish.get("/tag/ferries/")
    assert status == 301 and headers["location"].endswith("/tag/boats/")


def test_cookies_split_nothing_and_editors_pass(
    varnish: Varnish, make_article: Callable[..., Article]
) -> None:
    make_article()
    purged()
    warm(varnish, "/")
    assert varnish.get("/", Cookie="theme=dark; _ga=1")[1]["x-varnish-cache"] == "HIT"
    assert varnish.get("/", Cookie="sessionid=abc")[1]["x-varnish-cache"] == "PASS"
    assert varnish.get("/desk/login")[1]["x-varnish-cache"] == "PASS"


def test_only_the_allowlist_may_purge(varnish: Varnish) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=10)
    conn.request("PURGE", "/")
    assert conn.getresponse().status == 400  # from loopback, but without keys
    conn.close()


def test_live_streams_through_varnish(
    varnish: Varnish, make_article: Callable[..., Article]
) -> None:
    client = SSEClient(f"http://127.0.0.1:{varnish.port}")
    try:
        assert client.response.status == 200
        assert client.response.getheader("Content-Type", "").startswith("text/event-stream")
        deadline = time.monotonic() + 5
        while b"retry:" not in client.raw and time.monotonic() < deadline:
            time.sleep(0.01)
        story = make_article(headline="Live through the cache")
        frame = client.next_event(timeout=5)
        assert frame.json()["article"]["id"] == story.pk
    finally:
        client.close()

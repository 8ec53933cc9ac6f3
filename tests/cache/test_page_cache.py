"""The page cache against the real server: hits before Django, 304s, exact
invalidation by outbox events, and no cached page across the login line."""

from __future__ import annotations

import gzip
import http.client
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import brotli
import pytest
from django.utils.http import http_date

from newsdesk.news import actions
from newsdesk.news.models import Article, Author, Event, Tag
from newsdesk.site.actions import update_settings
from tests.live.support import Server, SSEClient, current_database_url, server_env

from .redis_support import drop_prefix, need_redis, new_prefix

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", params=["memory", "redis"])
def site(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    """``newsdesk serve`` on the test database, with pages kept in the
    process only, or in Redis as well (same tests, same expectations)."""
    overrides = {}
    if request.param == "redis":
        url, prefix = need_redis(), new_prefix()
        overrides = {"REDIS_URL": url, "NEWSDESK_PAGE_CACHE_REDIS_PREFIX": prefix,
                     "NEWSDESK_LIVE_BROKER": "memory"}  # fmt: skip
    with django_db_blocker.unblock():
        database = current_database_url()
    log_path = tmp_path_factory.mktemp("site") / "serve.log"
    server = Server(server_env(database, **overrides), log_path=log_path).start()
    yield server
    server.stop()
    if overrides:
        drop_prefix(overrides["REDIS_URL"], overrides["NEWSDESK_PAGE_CACHE_REDIS_PREFIX"])


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def get(site: Server, path: str, method: str = "GET", **headers: str) -> Reply:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    conn.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


def cached(site: Server, path: str) -> Reply:
    """Fetch until the page is served from the cache (the first fetch stores it)."""
    for _ in range(3):
        reply = get(site, path)
        if reply.headers.get("x-cache") == "hit":
            return reply
    raise AssertionError(f"{path} is not cached: {reply.headers}")


def wait_until_server_knows(site: Server) -> None:
    """Wait for the server's hub to read the newest event (it drops pages first)."""
    latest = Event.objects.filter(public=True).order_by("-id").first()
    assert latest is not None
    stream = SSEClient(site.url, "/live", {"Last-Event-ID": str(latest.id - 1)})
    try:
        stream.next_event(timeout=5)
    finally:
        stream.close()


@pytest.fixture
def world(site: Server, make_article: Callable[..., Article], author: Author) -> dict[str, Article]:
    other = Author.objects.create(name="Teo Varga", slug="teo-varga")
    made = {
        "energy": make_article(headline="Grid repaired", tags=["Energy"]),
        "sport": make_article(headline="Stadium reopens", tags=["Sport"], authors=[other]),
    }
    wait_until_server_knows(site)
    return made


def test_second_request_is_a_hit_with_etag_304_and_compression(
    site: Server, world: dict[str, Article]
) -> None:
    first = get(site, "/")
    assert first.status == 200 and first.headers["x-cache"] in {"hit", "miss"}
    assert b"Grid repaired" in first.body and b"Stadium reopens" in first.body
    hit = cached(site, "/")
    assert hit.body == first.body and hit.headers["etag"] == first.headers["etag"]
    assert hit.headers["etag"].startswith('W/"')
    for name in ("content-security-policy", "x-content-type-options", "cache-control"):
        assert hit.headers[name] == first.headers[name]
    assert "x-newsdesk-deps" not in hit.headers

    again = get(site, "/", If_None_Match=hit.headers["etag"])
    assert again.status == 304 and again.body == b""
    assert again.headers["etag"] == hit.headers["etag"]
    assert again.headers["cache-control"] == hit.headers["cache-control"]

    gz = get(site, "/", Accept_Encoding="gzip")
    assert gz.headers["content-encoding"] == "gzip"
    assert gzip.decompress(gz.body) == hit.body
    br = get(site, "/", Accept_Encoding="gzip, deflate, br")
    assert br.headers["content-encoding"] == "br"
    assert brotli.decompress(br.body) == hit.body
    assert "Accept-Encoding" in br.headers["vary"]

    head = get(site, "/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["content-length"] == str(len(hit.body))


def test_if_modified_since_gets_the_same_answer_before_and_after_the_page_is_cached(
    site: Server, world: dict[str, Article], make_article: Callable[..., Article]
) -> None:
    """The front decides like Django's ``get_conditional_response``: a valid
    If-None-Match decides alone, else If-Modified-Since against the page's
    Last-Modified."""
    path = make_article(headline=f"Ferry {uuid.uuid4().hex}").get_absolute_url()
    wait_until_server_knows(site)
    newest = Event.objects.filter(public=True).latest("id").created_at.timestamp()
    since, earlier = http_date(newest), http_date(newest - 60)

    rendered = get(site, path, If_Modified_Since=since)  # Django answers: not stored yet
    assert (rendered.status, rendered.body, rendered.headers.get("x-cache")) == (304, b"", None)
    hit = cached(site, path)
    assert hit.headers["last-modified"] == since

    def answer(method: str = "GET", **headers: str) -> tuple[int, str, bool]:
        reply = get(site, path, method, **headers)
        return reply.status, reply.headers["x-cache"], bool(reply.body)

    unchanged, whole = (304, "hit", False), (200, "hit", True)
    assert answer(If_Modified_Since=since) == unchanged
    assert answer("HEAD", If_Modified_Since=since) == unchanged
    assert answer(If_Modified_Since=http_date(newest + 3600)) == unchanged
    assert answer(If_Modified_Since=earlier) == whole
    assert answer(If_Modified_Since="not a date") == whole
    # If-None-Match takes precedence whenever it holds a valid entity tag.
    assert answer(If_None_Match='"other"', If_Modified_Since=since) == whole
    assert answer(If_None_Match=hit.headers["etag"], If_Modified_Since=earlier) == unchanged
    assert answer(If_None_Match="not-a-tag", If_Modified_Since=since) == unchanged
    not_modified = get(site, path, If_Modified_Since=since)
    for name in ("etag", "last-modified", "cache-control", "vary"):
        assert not_modified.headers[name] == hit.headers[name], name


def test_publish_correct_unpublish_pin_show_on_the_next_request(
    site: Server, world: dict[str, Article], make_article: Callable[..., Article]
) -> None:
    energy = world["energy"]
    pages = ["/", energy.get_absolute_url(), "/tag/energy/", "/author/mira-castell/",
             "/rss.xml", "/tag/energy/atom.xml", "/sitemap.xml"]  # fmt: skip
    before = {path: cached(site, path) for path in pages}

    fresh = make_article(headline="Ferry resumes", tags=["Energy"])
    wait_until_server_knows(site)
    for path in ("/", "/tag/energy/", "/author/mira-castell/", "/rss.xml", "/tag/energy/atom.xml"):
        reply = get(site, path)
        assert b"Ferry resumes" in reply.body, path
        assert reply.headers["etag"] != before[path].headers["etag"], path

    actions.correct(energy, note="We had the wrong substation.", headline="Grid repaired, again")
    wait_until_server_knows(site)
    page = get(site, energy.get_absolute_url())
    assert b"We had the wrong substation." in page.body
    assert b"Grid repaired, again" in get(site, "/").body

    actions.pin(fresh)
    wait_until_server_knows(site)
    assert b'class="pinned"' in get(site, "/").body

    actions.unpublish(energy)
    wait_until_server_knows(site)
    assert get(site, energy.get_absolute_url()).status == 410
    for path in ("/", "/tag/energy/", "/rss.xml"):
        reply = get(site, path)
        assert reply.status == 200 and b"Grid repaired, again" not in reply.body, path


def test_unaffected_pages_keep_their_etag(
    site: Server, world: dict[str, Article], make_article: Callable[..., Article]
) -> None:
    sport_page = cached(site, "/tag/sport/")
    sport_feed = cached(site, "/tag/sport/feed.json")
    author_page = cached(site, "/author/teo-varga/")
    make_article(headline="Only about energy", tags=["Energy"])
    wait_until_server_knows(site)
    for path, earlier in (
        ("/tag/sport/", sport_page),
        ("/tag/sport/feed.json", sport_feed),
        ("/author/teo-varga/", author_page),
    ):
        reply = get(site, path)
        assert reply.headers["x-cache"] == "hit", path  # never dropped
        assert reply.headers["etag"] == earlier.headers["etag"], path


def test_a_tag_removed_by_an_update_refreshes_that_tags_pages(
    site: Server, world: dict[str, Article]
) -> None:
    sport = world["sport"]
    assert b"Stadium reopens" in cached(site, "/tag/sport/").body
    actions.update(sport, tags=["Civilians"])
    wait_until_server_knows(site)
    reply = get(site, "/tag/sport/")
    assert reply.status == 200 and b"Stadium reopens" not in reply.body


def test_renaming_an_author_a_tag_or_the_site_shows_on_the_next_request(
    site: Server, world: dict[str, Article], author: Author
) -> None:
    """Each rename is an action with a public event; every cached page that
    shows the name is dropped before the server hands the event out."""
    energy = world["energy"].get_absolute_url()
    pages = ["/", energy, "/tag/energy/", "/author/mira-castell/", "/rss.xml", "/feed.json"]
    for path in pages:
        cached(site, path)

    actions.update_author(author, name="Mira Castell-Ortiz", bio="Mira now edits the morning desk.")
    wait_until_server_knows(site)
    assert Event.objects.filter(public=True).latest("id").type == "author.updated"
    for path in (energy, "/author/mira-castell/", "/rss.xml", "/feed.json"):
        assert b"Mira Castell-Ortiz" in get(site, path).body, path
    assert b"Mira now edits the morning desk." in get(site, energy).body
    for path in pages:
        cached(site, path)

    actions.update_tag(Tag.objects.get(slug="energy"), name="Power grid", slug="power-grid")
    wait_until_server_knows(site)
    for path in ("/", energy, "/rss.xml"):
        body = get(site, path).body
        assert b"Power grid" in body and b"/tag/power-grid/" in body, path
    moved = get(site, "/tag/energy/")
    assert (moved.status, moved.headers["location"]) == (301, "/tag/power-grid/")
    for path in pages[:2]:
        cached(site, path)

    update_settings(site_name="The Averre Desk")
    wait_until_server_knows(site)
    for path in ("/", energy, "/tag/power-grid/", "/rss.xml", "/feed.json"):
        assert b"The Averre Desk" in get(site, path).body, path


def test_signed_in_readers_never_get_cached_pages(site: Server, world: dict[str, Article]) -> None:
    cached(site, "/")
    signed_in = get(site, "/", Cookie="sessionid=abc123; theme=dark")
    assert signed_in.status == 200 and "x-cache" not in signed_in.headers
    # and what Django answered them was not stored for anonymous readers
    assert get(site, "/").headers["x-cache"] == "hit"


def test_queries_and_other_methods_bypass_the_cache(
    site: Server, world: dict[str, Article]
) -> None:
    cached(site, "/")
    assert "x-cache" not in get(site, "/?utm_source=x").headers
    assert "x-cache" not in get(site, "/", method="POST").headers
    assert get(site, "/news/no-such-update/").status == 404
    assert "x-cache" not in get(site, "/news/no-such-update/").headers


def test_answers_from_django_say_how_long_the_server_took(
    site: Server, world: dict[str, Article]
) -> None:
    """Server-Timing on what Django rendered, never stored with a cached page."""
    rendered = get(site, "/?utm_source=x")
    timing = rendered.headers["server-timing"]
    assert timing.startswith("app;dur=") and float(timing.removeprefix("app;dur=")) > 0
    assert "server-timing" not in cached(site, "/").headers


def test_a_non_latin_tag_page_refreshes_when_its_tag_gets_an_update(
    site: Server, world: dict[str, Article], make_article: Callable[..., Article]
) -> None:
    make_article(headline="Night shelling", tags=["Київ"])
    wait_until_server_knows(site)
    path = "/tag/%D0%BA%D0%B8%D1%97%D0%B2/"
    assert b"Night shelling" in cached(site, path).body
    make_article(headline="Metro reopens", tags=["Київ"])
    wait_until_server_knows(site)
    assert b"Metro reopens" in get(site, path).body


def test_a_page_readers_ask_for_is_fresh_and_already_stored_when_they_hear_of_a_publish(
    site: Server, world: dict[str, Article], make_article: Callable[..., Article]
) -> None:
    cached(site, "/")  # stored, then asked for: the hub renders it again
    make_article(headline="Ferry resumes", tags=["Energy"])
    wait_until_server_knows(site)  # what a live reader hears
    reply = get(site, "/")
    assert b"Ferry resumes" in reply.body
    assert reply.headers["x-cache"] == "hit"


def test_a_ukrainian_update_refreshes_uk_and_the_root_and_leaves_en_alone(
    site: Server, world: dict[str, Article], site_languages: Callable[[str], None]
) -> None:
    site_languages("en, uk")
    wait_until_server_knows(site)
    english = world["energy"]
    root, ukrainian_feed, english_feed = (
        cached(site, "/"),
        cached(site, "/uk/"),
        cached(site, "/en/"),
    )
    english_page = cached(site, english.get_absolute_url())
    assert b"hreflang" not in english_page.body

    draft = actions.translate(english, language="uk")
    draft = actions.update(draft, headline="Мережу відремонтовано")
    actions.publish(draft)
    wait_until_server_knows(site)

    reply = get(site, "/uk/")
    assert "Мережу відремонтовано".encode() in reply.body
    assert reply.headers["etag"] != ukrainian_feed.headers["etag"]
    assert get(site, "/uk/feed.json").body.count(b'"id"') >= 1
    # / lists the default language only, but every publication drops it
    # (the server renders it again at once: a new page, not the stored one).
    now = get(site, "/")
    assert now.headers["etag"] != root.headers["etag"]
    assert "Мережу відремонтовано".encode() not in now.body
    # English's own News Feed did not change: still the stored page.
    kept = get(site, "/en/")
    assert kept.headers["x-cache"] == "hit" and kept.headers["etag"] == english_feed.headers["etag"]
    # The English page now links its translation.
    assert b'hreflang="uk"' in get(site, english.get_absolute_url()).body

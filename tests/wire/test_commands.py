"""Discovery, the `newsdesk wire` command, and the worker's share of the wire."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from newsdesk.hooks.delivery import make_clients
from newsdesk.wire.discover import add_source
from newsdesk.wire.fetch import LEASE_SECONDS, claim_due
from newsdesk.wire.models import Source, WireItem
from newsdesk.worker.loop import run_once

from .conftest import Clock, FeedServer, Reply, sample

RSS = {"Content-Type": "application/rss+xml"}


def wire(*args: str) -> str:
    out = StringIO()
    call_command("wire", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_feed_url_is_added_as_it_is(server: FeedServer, wire_settings: Any) -> None:
    server.routes["/feed.json"] = Reply(200, sample("feed.json"))
    source, created = add_source(server.url("/feed.json"))
    assert created and source.kind == "jsonfeed"
    assert source.item_count == 2 and source.state == "ok"
    assert source.outlet == "Mountain Dispatch"
    assert add_source(server.url("/feed.json")) == (source, False)


@pytest.mark.django_db
def test_a_page_announcing_its_feed_is_added_as_that_feed(
    server: FeedServer, wire_settings: Any
) -> None:
    server.routes["/"] = Reply(200, sample("page_with_feed.html"), {"Content-Type": "text/html"})
    server.routes["/rss.xml"] = Reply(200, sample("rss20.xml"), RSS)
    source, _ = add_source(server.url("/"))
    assert (source.url, source.kind, source.item_count) == (server.url("/rss.xml"), "rss", 3)


@pytest.mark.django_db
def test_common_paths_are_tried_when_a_page_announces_nothing(
    server: FeedServer, wire_settings: Any
) -> None:
    server.routes["/"] = Reply(200, b"<html><body><p>Hello</p></body></html>")
    server.routes["/sitemap_news.xml"] = Reply(200, sample("sitemap_news.xml"))
    source, _ = add_source(server.url("/"))
    assert (source.url, source.kind) == (server.url("/sitemap_news.xml"), "sitemap")
    assert source.outlet == "Plains Record"
    tried = [s.path for s in server.seen]
    assert tried[:3] == ["/", "/feed", "/rss.xml"]


@pytest.mark.django_db
def test_a_page_without_feeds_becomes_an_html_source(
    server: FeedServer, wire_settings: Any
) -> None:
    server.routes["/news/"] = Reply(200, sample("section.html"), {"Content-Type": "text/html"})
    source, _ = add_source(server.url("/news/"))
    assert source.kind == "html"
    assert list(WireItem.objects.order_by("id").values_list("title", flat=True)) == [
        "Library to open on Sundays from January",
        "Tram line extension delayed until autumn",
        "New trees planted on the market square",
    ]


@pytest.mark.django_db
def test_a_section_pages_articles_are_read_and_a_gone_one_is_a_tombstone(
    server: FeedServer, wire_settings: Any, clock: Clock
) -> None:
    html = {"Content-Type": "text/html"}
    server.routes["/news/"] = Reply(200, sample("section.html"), html)
    server.routes["/news/2026/11/library-sunday-opening"] = Reply(200, sample("article.html"), html)
    server.routes["/news/2026/11/tram-line-delay"] = Reply(410, b"")
    server.routes["/news/2026/11/market-square-trees"] = Reply(500, b"")
    add_source(server.url("/news/"), clock=clock)
    library, tram, trees = WireItem.objects.order_by("id")
    assert "petition signed by more than four thousand residents" in library.text
    assert library.author == "Amara Okafor"
    assert tram.is_deleted and tram.title == "Tram line extension delayed until autumn"
    assert not trees.is_deleted and trees.text == ""
    assert trees.title == "New trees planted on the market square"


@pytest.mark.django_db
def test_a_section_pages_missing_articles_stay_tombstones(
    server: FeedServer, wire_settings: Any, clock: Clock
) -> None:
    from newsdesk.wire.fetch import refresh_source

    html = {"Content-Type": "text/html"}
    server.routes["/news/"] = Reply(200, sample("section.html"), html)
    server.routes["/news/2026/11/library-sunday-opening"] = Reply(200, sample("article.html"), html)
    server.routes["/news/2026/11/tram-line-delay"] = Reply(404, b"not here")
    server.routes["/news/2026/11/market-square-trees"] = Reply(200, sample("article.html"), html)
    source, _ = add_source(server.url("/news/"), clock=clock)
    tram = WireItem.objects.get(title="Tram line extension delayed until autumn")
    assert tram.is_deleted and tram.deleted_at == clock.now
    source.refresh_from_db()
    assert source.item_count == 2
    # The section page still links to it: the tombstone stays, and it is not fetched again.
    for _hour in range(2):
        clock.advance(hours=1)
        refresh_source(source, clock=clock)
    tram.refresh_from_db()
    assert tram.is_deleted
    assert len(server.hits("/news/2026/11/tram-line-delay")) == 1
    assert len(server.hits("/news/")) == 3
    source.refresh_from_db()
    assert source.item_count == 2


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/news/library", "/"])
def test_adding_a_page_fetches_it_once(
    path: str, server: FeedServer, wire_settings: Any, clock: Clock
) -> None:
    server.routes[path] = Reply(200, sample("article.html"), {"Content-Type": "text/html"})
    source, _ = add_source(server.url(path), clock=clock)
    assert source.kind == "html" and source.state == "ok"
    assert "petition" in WireItem.objects.get().text
    assert len(server.hits(path)) == 1  # discovery's answer is the first read
    assert source.next_check_at > clock.now
    assert claim_due(clock.now, 10) == []  # nor does the worker fetch it again now


@pytest.mark.django_db
def test_an_article_page_that_disappears_leaves_a_tombstone(
    server: FeedServer, wire_settings: Any, clock: Clock
) -> None:
    from newsdesk.wire.fetch import refresh_source

    server.routes["/news/library"] = [
        Reply(200, sample("article.html"), {"Content-Type": "text/html"}),
        Reply(410, b""),
    ]
    source, _ = add_source(server.url("/news/library"), clock=clock)
    item = WireItem.objects.get()
    assert "petition" in item.text
    refresh_source(source, clock=clock)
    item.refresh_from_db()
    assert item.is_deleted and "petition" in item.text
    source.refresh_from_db()
    assert source.state == "gone"


@pytest.mark.django_db
def test_wire_add_poll_and_status(server: FeedServer, wire_settings: Any) -> None:
    server.routes["/rss.xml"] = [
        Reply(200, sample("rss20.xml"), RSS),
        Reply(500, b"broken"),
    ]
    out = wire("add", server.url("/rss.xml"), "--outlet", "Northern Wire Agency")
    source = Source.objects.get()
    assert out.startswith(
        f"Added #{source.pk} {server.url('/rss.xml')} (RSS, Northern Wire Agency): 3 items"
    )
    assert "0 sources" in wire("poll")  # nothing due yet
    out = wire("poll", "--all")
    assert "failed: The source answered HTTP 500." in out
    assert "Polled 1 sources; 1 failed." in out
    status = wire("status")
    assert "state failing, 1 errors, 3 items" in status
    assert "last error" in status and "The source answered HTTP 500." in status
    assert "next check" in status


@pytest.mark.django_db
def test_wire_add_reports_a_refusal(wire_settings: Any) -> None:
    wire_settings.NEWSDESK_FETCH_ALLOW = []
    with pytest.raises(CommandError, match="Could not add http://10.0.0.1/feed: Refused"):
        wire("add", "http://10.0.0.1/feed")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://0177.0.0.1/", "Invalid IPv4 address: '0177.0.0.1'"),
        ("http://256.1.1.1/feed", "Invalid IPv4 address: '256.1.1.1'"),
        ("http://☃.example/", "Invalid IDNA hostname: '☃.example'"),
    ],
)
def test_wire_add_explains_a_url_that_cannot_be_fetched(
    url: str, why: str, wire_settings: Any
) -> None:
    with pytest.raises(CommandError) as refused:
        wire("add", url)
    assert str(refused.value) == (
        f"Could not add {url}: {url} is not a URL that can be fetched ({why})."
    )
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_a_missing_page_reader_is_a_clear_error(
    server: FeedServer, wire_settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """trafilatura not importable: the desk's sources say so, and nothing crashes."""
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura fails
    html = {"Content-Type": "text/html"}
    server.routes["/news/"] = Reply(200, sample("section.html"), html)
    server.routes["/news/2026/11/library-sunday-opening"] = Reply(200, sample("article.html"), html)
    server.routes["/a/library"] = Reply(200, sample("article.html"), html)
    section, _ = add_source(server.url("/news/"))
    assert section.state == "ok"
    library = WireItem.objects.get(source=section, title__startswith="Library")
    assert library.text == ""  # the link, without its page's text
    article, _ = add_source(server.url("/a/library"))
    assert article.state == "failing"
    assert article.last_error.startswith(
        "Reading HTML pages needs the trafilatura package, which could not be imported"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["rss-1.1", "cdf", "prefixed-atom", "prefixed-rss"])
def test_feeds_with_unusual_roots_are_added_as_feeds(
    name: str, server: FeedServer, wire_settings: Any
) -> None:
    from .test_parse import FEED_ROOTS

    body, kind = FEED_ROOTS[name]
    server.routes["/feed"] = Reply(200, body, {"Content-Type": "application/xml"})
    source, _ = add_source(server.url("/feed"))
    assert (source.url, source.kind, source.item_count) == (server.url("/feed"), kind, 1)
    assert source.outlet == "Lagoon Times"


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"", b"  \r\n", b"\xef\xbb\xbf\n"])
def test_an_empty_answer_says_it_is_empty(
    body: bytes, server: FeedServer, wire_settings: Any
) -> None:
    server.routes["/feed"] = Reply(200, body, RSS)
    with pytest.raises(CommandError) as refused:
        wire("add", server.url("/feed"))
    url = server.url("/feed")
    assert str(refused.value) == f"Could not add {url}: {url} answered with an empty body."


@pytest.mark.django_db
def test_left_out_entries_are_in_the_sources_status(server: FeedServer, wire_settings: Any) -> None:
    body = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><guid>kept</guid><title>Kept</title></item>"
        b"<item><title>No id, no link</title></item>"
        b"<item><title>Not http</title><link>ftp://files.example/x</link></item>"
        b"</channel></rss>"
    )
    server.routes["/feed"] = [Reply(200, body, RSS), Reply(200, sample("rss20.xml"), RSS)]
    added = wire("add", server.url("/feed"))
    source = Source.objects.get()
    notice = "2 entries were left out: it has neither an id nor an http(s) link."
    assert (source.item_count, source.notice) == (1, notice)
    assert added.endswith(f"1 items, state ok.\n  note: {notice}\n")
    assert f"  note: {notice}" in wire("status")
    wire("poll", "--all")
    source.refresh_from_db()
    assert source.notice == ""  # a read that left nothing out clears it
    assert "note:" not in wire("status")


@pytest.mark.django_db
def test_wire_add_as_someone_has_their_rights(server: FeedServer, wire_settings: Any) -> None:
    from django.contrib.auth.models import Group, User

    from newsdesk.news.roles import CONTRIBUTOR, ensure_roles

    ensure_roles()
    User.objects.create_user("pat")  # an account with no desk role
    casey = User.objects.create_user("casey")
    casey.groups.add(Group.objects.get(name=CONTRIBUTOR))
    server.routes["/rss.xml"] = Reply(200, sample("rss20.xml"), RSS)
    url = server.url("/rss.xml")
    with pytest.raises(CommandError, match="^You do not have permission to manage wire sources.$"):
        wire("add", url, "--as", "pat")
    with pytest.raises(CommandError, match='^No account "ghost"'):
        wire("add", url, "--as", "ghost")
    assert not Source.objects.exists() and server.seen == []  # refused before any fetch
    wire("add", url, "--as", "casey")
    assert Source.objects.get().created_by == casey


@pytest.mark.django_db
def test_status_with_no_sources() -> None:
    assert "No wire sources yet" in wire("status")


@pytest.mark.django_db
def test_a_claimed_source_is_not_claimed_again(
    make_source: Callable[..., Source], clock: Clock
) -> None:
    first = make_source("https://one.example/feed")
    make_source("https://two.example/feed", next_check_at=clock.now + timedelta(hours=1))
    assert claim_due(clock.now, 10) == [first]
    assert claim_due(clock.now, 10) == []  # another worker finds nothing to do
    first.refresh_from_db()
    assert first.next_check_at == clock.now + timedelta(seconds=LEASE_SECONDS)
    # A worker that died leaves the lease to run out.
    assert claim_due(clock.now + timedelta(seconds=LEASE_SECONDS), 10) == [first]


@pytest.mark.django_db(transaction=True)
def test_the_worker_refreshes_due_sources(
    server: FeedServer, wire_settings: Any, clock: Clock
) -> None:
    server.routes["/a"] = Reply(200, sample("rss20.xml"), RSS)
    server.routes["/b"] = Reply(200, sample("atom.xml"))
    server.routes["/c"] = Reply(500, b"")
    for path in ("/a", "/b", "/c"):
        Source.objects.create(url=server.url(path), next_check_at=clock.now)
    Source.objects.create(url=server.url("/later"), next_check_at=clock.now + timedelta(hours=1))
    clients = make_clients()
    try:
        run_once(clients, clock)
    finally:
        clients.close()
    states = dict(Source.objects.values_list("url", "state"))
    assert states == {
        server.url("/a"): "ok",
        server.url("/b"): "ok",
        server.url("/c"): "failing",
        server.url("/later"): "new",
    }
    assert WireItem.objects.count() == 5
    assert not server.hits("/later")

"""refresh_source against real HTTP servers on 127.0.0.1: politeness, failures, storage."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import pytest

from newsdesk.wire.fetch import MAX_INTERVAL, backoff, refresh_due, refresh_source
from newsdesk.wire.models import Source, WireItem, WireItemVersion

from .conftest import Clock, FeedServer, Reply, sample

pytestmark = pytest.mark.django_db

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


def rss(*items: tuple[str, str], ttl: int | None = None) -> bytes:
    """A small RSS 2.0 feed of (guid, title) items."""
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<link>https://wire.example/{guid}</link><description>About {title}.</description></item>"
        for guid, title in items
    )
    ttl_tag = f"<ttl>{ttl}</ttl>" if ttl else ""
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>https://wire.example/</link>{ttl_tag}{body}</channel></rss>"
    ).encode()


def test_new_items_are_stored_once_and_a_304_adds_nothing(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    server.routes["/rss.xml"] = [
        Reply(
            200,
            sample("rss20.xml"),
            {**RSS, "ETag": '"v1"', "Last-Modified": "Tue, 24 Nov 2026 06:20:00 GMT"},
        ),
        Reply(304, b"", {"ETag": '"v1"'}),
    ]
    source = make_source(server.url("/rss.xml"))
    first = refresh_source(source, client=client, clock=clock)
    assert (first.status, first.new) == ("ok", 3)
    source.refresh_from_db()
    assert (source.state, source.etag, source.item_count) == ("ok", '"v1"', 3)
    assert source.outlet == "Northern Wire"
    assert source.last_modified == "Tue, 24 Nov 2026 06:20:00 GMT"

    clock.advance(minutes=30)
    second = refresh_source(source, client=client, clock=clock)
    assert (second.status, second.new, second.changed) == ("not_modified", 0, 0)
    conditional = server.hits("/rss.xml")[1].headers
    assert conditional["If-None-Match"] == '"v1"'
    assert conditional["If-Modified-Since"] == "Tue, 24 Nov 2026 06:20:00 GMT"
    assert conditional["User-Agent"].startswith("newsdesk/0.1 (+http")
    assert WireItem.objects.count() == 3


def test_ingest_is_idempotent_and_changes_become_versions(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    source = make_source(server.url("/feed"))
    server.routes["/feed"] = Reply(200, rss(("a", "Alpha"), ("b", "Beta"), ("a", "Alpha")), RSS)
    assert refresh_source(source, client=client, clock=clock).new == 2
    # Reordered and repeated: nothing new, nothing written.
    server.routes["/feed"] = Reply(200, rss(("b", "Beta"), ("a", "Alpha")), RSS)
    again = refresh_source(source, client=client, clock=clock)
    assert (again.new, again.changed) == (0, 0)
    # A changed headline: the same item, version 2, the old text kept.
    server.routes["/feed"] = Reply(200, rss(("b", "Beta, corrected"), ("a", "Alpha")), RSS)
    changed = refresh_source(source, client=client, clock=clock)
    assert (changed.new, changed.changed) == (0, 1)
    beta = WireItem.objects.get(external_id="b")
    assert (beta.title, beta.version) == ("Beta, corrected", 2)
    assert list(WireItemVersion.objects.filter(item=beta).values_list("version", "title")) == [
        (1, "Beta")
    ]
    # Items missing from the latest fetch are not deleted.
    server.routes["/feed"] = Reply(200, rss(("c", "Gamma")), RSS)
    refresh_source(source, client=client, clock=clock)
    assert WireItem.objects.filter(is_deleted=False).count() == 3


def test_new_guid_same_link_is_the_same_item(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    source = make_source(server.url("/feed"))
    body = rss(("old-guid", "Alpha"))
    server.routes["/feed"] = Reply(200, body, RSS)
    refresh_source(source, client=client, clock=clock)
    moved = body.replace(b"<guid>old-guid</guid>", b"<guid>new-guid</guid>").replace(
        b"https://wire.example/old-guid", b"https://wire.example/old-guid?utm_source=feed"
    )
    server.routes["/feed"] = Reply(200, moved, RSS)
    result = refresh_source(source, client=client, clock=clock)
    assert result.new == 0
    assert WireItem.objects.count() == 1


def live_blog(*entries: tuple[str, str, str]) -> bytes:
    """An RSS feed of (guid, link, title) entries, as live blogs write them."""
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<description>{title}, in full.</description></item>"
        for guid, link, title in entries
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>'
        f"<link>https://wire.example/</link>{body}</channel></rss>"
    ).encode()


def test_entries_sharing_a_link_under_their_own_guids_are_separate_items(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    """A live blog: every update links to the same page, some with a #fragment."""
    page = "https://wire.example/live/gale"
    entries = [
        ("update-1", page, "10:02 The gale reaches the coast"),
        ("update-2", page, "10:15 Ferries stop running"),
        ("update-3", f"{page}#update-3", "10:31 Power lines down in the north"),
        ("update-4", f"{page}#update-4", "10:48 Schools close early"),
    ]
    source = make_source(server.url("/live"))
    server.routes["/live"] = Reply(200, live_blog(*entries), RSS)
    first = refresh_source(source, client=client, clock=clock)
    assert (first.status, first.new) == ("ok", 4)
    assert sorted(WireItem.objects.values_list("external_id", "title")) == [
        (guid, title) for guid, _, title in entries
    ]
    assert not WireItemVersion.objects.exists()

    clock.advance(minutes=10)
    again = refresh_source(source, client=client, clock=clock)
    assert (again.status, again.new, again.changed, again.error) == ("ok", 0, 0, "")
    assert WireItem.objects.count() == 4 and not WireItemVersion.objects.exists()

    # The next update arrives while the oldest scrolls off: still one item each.
    clock.advance(minutes=10)
    later = [*entries[1:], ("update-5", page, "11:05 Red warning lifted")]
    server.routes["/live"] = Reply(200, live_blog(*later), RSS)
    third = refresh_source(source, client=client, clock=clock)
    assert (third.status, third.new, third.changed) == ("ok", 1, 0)
    assert WireItem.objects.count() == 5 and not WireItemVersion.objects.exists()


def test_a_single_entry_live_feed_does_not_overwrite_the_previous_update(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    """A feed showing only its newest update, always with the same link."""
    page = "https://wire.example/live/gale"
    source = make_source(server.url("/live"))
    server.routes["/live"] = Reply(200, live_blog(("u1", page, "10:02 The gale arrives")), RSS)
    refresh_source(source, client=client, clock=clock)
    server.routes["/live"] = Reply(200, live_blog(("u2", page, "10:15 Ferries stop")), RSS)
    assert refresh_source(source, client=client, clock=clock).new == 1
    assert sorted(WireItem.objects.values_list("title", "version")) == [
        ("10:02 The gale arrives", 1),
        ("10:15 Ferries stop", 1),
    ]


def test_atom_tombstones_mark_items_deleted_and_keep_them(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    source = make_source(server.url("/atom.xml"), kind="atom")
    server.routes["/atom.xml"] = Reply(200, sample("atom.xml"))
    refresh_source(source, client=client, clock=clock)
    deletion = sample("atom.xml").replace(
        b"</feed>", b'<at:deleted-entry ref="urn:uuid:coastal-entry-2"/></feed>'
    )
    server.routes["/atom.xml"] = Reply(200, deletion)
    assert refresh_source(source, client=client, clock=clock).deleted == 1
    gone = WireItem.objects.get(external_id="urn:uuid:coastal-entry-2")
    assert gone.is_deleted and gone.deleted_at == clock.now
    assert gone.title == "Fishing quota talks resume"
    source.refresh_from_db()
    assert source.item_count == 1


def test_a_source_failing_for_days_backs_off_honours_retry_after_and_recovers(
    server: FeedServer,
    client: httpx.Client,
    clock: Clock,
    make_source: Callable[..., Source],
    wire_settings: Any,
) -> None:
    """500, then timeouts, then 429 + Retry-After, then 410, then 200."""
    wire_settings.NEWSDESK_WIRE_DEADLINE = 0.5
    server.routes["/feed"] = [
        Reply(500, b"oops"),
        Reply(500, b"oops"),
        Reply(200, rss(("a", "Alpha")), RSS, delay=1.0),  # a timeout
        Reply(200, rss(("a", "Alpha")), RSS, delay=1.0),
        Reply(429, b"", {"Retry-After": "1800"}),
        Reply(410, b""),
        Reply(200, rss(("a", "Alpha"), ("b", "Beta")), RSS),
    ]
    source = make_source(server.url("/feed"))
    delays = []
    for expected_count in (1, 2, 3, 4):
        result = refresh_source(source, client=client, clock=clock)
        source.refresh_from_db()
        assert result.status == "failed"
        assert source.state == "failing"
        assert source.error_count == expected_count
        assert source.last_error_at == clock.now
        delays.append((source.next_check_at - clock.now).total_seconds())
        clock.now = source.next_check_at
    assert source.last_error == "The source took longer than 0.5 s to answer."
    # Exponential with jitter: each wait between 75% and 100% of 60 s x 2^(n-1).
    for n, delay in enumerate(delays, start=1):
        assert 0.75 * 60 * 2 ** (n - 1) <= delay <= 60 * 2 ** (n - 1)

    result = refresh_source(source, client=client, clock=clock)
    source.refresh_from_db()
    assert source.error_count == 5
    assert source.next_check_at == clock.now + timedelta(seconds=1800)  # Retry-After, exactly
    assert "429 Too Many Requests" in source.last_error and "1800 s" in source.last_error
    clock.now = source.next_check_at

    result = refresh_source(source, client=client, clock=clock)
    source.refresh_from_db()
    assert result.status == "gone"
    assert source.state == "gone" and source.error_count == 6
    assert "410 Gone" in source.last_error
    # Not disabled: still on the queue, once a day.
    assert source.next_check_at == clock.now + timedelta(seconds=MAX_INTERVAL)
    clock.now = source.next_check_at

    result = refresh_source(source, client=client, clock=clock)
    source.refresh_from_db()
    assert (result.status, result.new) == ("ok", 2)
    assert (source.state, source.error_count) == ("ok", 0)
    assert source.last_success_at == clock.now
    assert "410 Gone" in source.last_error  # the record of what happened stays visible
    assert len(server.hits("/feed")) == 7


def test_backoff_is_capped_at_a_day() -> None:
    assert all(45 <= backoff(1) <= 60 for _ in range(50))
    assert all(0.75 * 86_400 <= backoff(n) <= 86_400 for n in (12, 40, 10_000))


def test_interval_follows_the_publishing_rate_and_the_server_hints(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    def dated(count: int, every: timedelta) -> bytes:
        items = "".join(
            f"<item><guid>{n}</guid><title>Item {n}</title><pubDate>"
            f"{(clock.now - every * n).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
            for n in range(count)
        )
        return f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()

    busy = make_source(server.url("/busy"))
    server.routes["/busy"] = Reply(200, dated(20, timedelta(minutes=1)), RSS)
    refresh_source(busy, client=client, clock=clock)
    busy.refresh_from_db()
    assert busy.interval_seconds == 60  # the floor

    quiet = make_source(server.url("/quiet"))
    server.routes["/quiet"] = Reply(200, dated(5, timedelta(days=3)), RSS)
    refresh_source(quiet, client=client, clock=clock)
    quiet.refresh_from_db()
    assert quiet.interval_seconds == 86_400  # the ceiling

    hinted = make_source(server.url("/hinted"))
    server.routes["/hinted"] = Reply(
        200, dated(20, timedelta(minutes=1)), {**RSS, "Cache-Control": "public, max-age=600"}
    )
    refresh_source(hinted, client=client, clock=clock)
    hinted.refresh_from_db()
    assert hinted.interval_seconds == 600
    assert hinted.next_check_at == clock.now + timedelta(seconds=600)

    expires = make_source(server.url("/expires"))
    later = (clock.now + timedelta(hours=2)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    headers = {**RSS, "Expires": later}
    server.routes["/expires"] = Reply(200, dated(20, timedelta(minutes=1)), headers)
    refresh_source(expires, client=client, clock=clock)
    expires.refresh_from_db()
    assert expires.interval_seconds == 7200

    ttl = make_source(server.url("/ttl"))
    server.routes["/ttl"] = Reply(200, rss(("a", "A"), ttl=45), RSS)
    refresh_source(ttl, client=client, clock=clock)
    ttl.refresh_from_db()
    assert ttl.interval_seconds == 45 * 60


def test_a_permanent_redirect_is_followed_and_stored_once_the_target_works(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    old, new = server.url("/old.xml"), server.url("/new.xml")
    server.routes["/old.xml"] = Reply(301, b"", {"Location": "/new.xml"})
    server.routes["/new.xml"] = [Reply(500, b"down"), Reply(200, rss(("a", "Alpha")), RSS)]
    source = make_source(old)
    assert refresh_source(source, client=client, clock=clock).status == "failed"
    source.refresh_from_db()
    assert source.url == old  # the target did not work yet
    clock.now = source.next_check_at
    assert refresh_source(source, client=client, clock=clock).new == 1
    source.refresh_from_db()
    assert (source.url, source.redirected_from, source.pending_url) == (new, old, "")
    refresh_source(source, client=client, clock=clock)
    assert len(server.hits("/old.xml")) == 2  # the next poll goes straight to the new URL


def test_a_temporary_redirect_is_followed_but_not_stored(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    server.routes["/feed"] = Reply(302, b"", {"Location": "/today.xml"})
    server.routes["/today.xml"] = Reply(200, rss(("a", "Alpha")), RSS)
    source = make_source(server.url("/feed"))
    assert refresh_source(source, client=client, clock=clock).new == 1
    source.refresh_from_db()
    assert source.url == server.url("/feed")


def test_redirect_loops_stop(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    server.routes["/a"] = Reply(302, b"", {"Location": "/b"})
    server.routes["/b"] = Reply(302, b"", {"Location": "/a"})
    source = make_source(server.url("/a"))
    result = refresh_source(source, client=client, clock=clock)
    assert "More than 5 redirects" in result.error
    assert len(server.seen) == 6


# Hostile transport ---------------------------------------------------------


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    for byte in b"<rss version='2.0'><channel>" * 10:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(1.0)


def _trickled_headers(handler: BaseHTTPRequestHandler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Slow: " + b"x" * 200:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.2)


def _endless(handler: BaseHTTPRequestHandler) -> None:
    chunk = b"<item><title>" + b"x" * 65_000 + b"</title></item>"
    for _ in range(800):  # about 50 MB
        handler.wfile.write(chunk)


def _gzip_bomb() -> bytes:
    return gzip.compress(b"<rss>" + b"\0" * 50_000_000, compresslevel=9)


HOSTILE: dict[str, tuple[Reply, str]] = {
    "trickle": (Reply(200, _trickle, RSS), "took longer than 1.5 s to answer"),
    "trickled-headers": (Reply(0, _trickled_headers), "took longer than 1.5 s to answer"),
    "fifty-megabytes-declared": (
        Reply(200, lambda h: h.wfile.write(b"x" * 1000), {**RSS, "Content-Length": "50000000"}),
        "The body is 50,000,000 bytes; the limit is 1,000,000.",
    ),
    "fifty-megabytes-unannounced": (
        Reply(200, _endless, RSS),
        "larger than the limit of 1,000,000 bytes",
    ),
    "gzip-bomb": (
        Reply(200, _gzip_bomb(), {**RSS, "Content-Encoding": "gzip"}),
        "larger than the limit of 1,000,000 bytes (decompressed)",
    ),
    "corrupt-gzip": (
        Reply(200, b"\x1f\x8b\x08\x00garbage" * 10, {**RSS, "Content-Encoding": "gzip"}),
        "The compressed body is corrupt",
    ),
    "brotli-unasked": (
        Reply(200, b"xx", {**RSS, "Content-Encoding": "br"}),
        "Content-Encoding 'br', which was not asked for",
    ),
    "html-as-feed": (
        Reply(200, sample("article.html"), {"Content-Type": "text/html"}),
        "HTML page where a feed was expected",
    ),
    "empty": (Reply(200, b"", RSS), "empty body"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_answers_are_a_clear_error_and_others_keep_running(
    name: str,
    server: FeedServer,
    client: httpx.Client,
    clock: Clock,
    make_source: Callable[..., Source],
    wire_settings: Any,
) -> None:
    wire_settings.NEWSDESK_WIRE_DEADLINE = 1.5
    reply, message = HOSTILE[name]
    server.routes["/good"] = Reply(200, rss(("g", "Good news")), RSS)
    server.routes["/bad"] = [Reply(200, rss(("kept", "Stored before")), RSS), reply]
    bad = make_source(server.url("/bad"))
    refresh_source(bad, client=client, clock=clock)
    good = make_source(server.url("/good"))
    Source.objects.update(next_check_at=clock.now)

    started = time.monotonic()
    results = {r.source_id: r for r in refresh_due(client=client, clock=clock)}
    assert time.monotonic() - started < 5
    assert results[bad.pk].status == "failed"
    assert message in results[bad.pk].error
    assert results[good.pk].new == 1
    bad.refresh_from_db()
    assert bad.state == "failing" and message in bad.last_error
    assert WireItem.objects.filter(source=bad, external_id="kept").exists()  # nothing lost


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<rss><channel><title>&b;</title></channel></rss>",
        b'<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>',
    ],
)
def test_xml_bombs_over_http_are_refused_per_source(
    body: bytes,
    server: FeedServer,
    client: httpx.Client,
    clock: Clock,
    make_source: Callable[..., Source],
) -> None:
    server.routes["/bomb"] = Reply(200, body, RSS)
    source = make_source(server.url("/bomb"))
    result = refresh_source(source, client=client, clock=clock)
    assert result.status == "failed"
    assert result.error.startswith("Refused: the XML declares entities")


def test_one_host_gets_a_bounded_number_of_concurrent_requests(
    server: FeedServer, clock: Clock, make_source: Callable[..., Source], wire_settings: Any
) -> None:
    import threading

    from newsdesk.wire.fetch import make_client

    wire_settings.NEWSDESK_WIRE_PER_HOST = 1
    active = {"now": 0, "most": 0}
    lock = threading.Lock()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            active["now"] += 1
            active["most"] = max(active["most"], active["now"])
        time.sleep(0.3)
        handler.wfile.write(rss(("a", "A")))
        with lock:
            active["now"] -= 1

    server.routes["/slow"] = Reply(200, slow, RSS)
    threads = []
    for n in range(3):
        url = server.url(f"/slow?n={n}")
        threads.append(
            threading.Thread(
                target=lambda u=url: _fetch_once(u, make_client(), clock),
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(server.hits("/slow")) == 3
    assert active["most"] == 1


def _fetch_once(url: str, client: httpx.Client, clock: Clock) -> None:
    from newsdesk.wire.fetch import fetch

    with client:
        fetch(url, client=client, now=clock.now)


def test_stored_items_reach_the_similarity_engine(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    """The same story from two outlets: the later copy is marked a duplicate."""
    story = (
        "Crews restored power to most homes in the northern districts overnight after the gale "
        "brought down lines across the region, the utility said, adding that about three hundred "
        "households were still waiting and that repairs should be finished by Wednesday evening."
    )
    body = (
        '<rss version="2.0"><channel><title>T</title><item><guid>x</guid>'
        f"<title>Power restored after the gale</title><description>{story}</description>"
        "</item></channel></rss>"
    ).encode()
    server.routes["/one"] = Reply(200, body, RSS)
    server.routes["/two"] = Reply(200, body.replace(b"<guid>x", b"<guid>y"), RSS)
    refresh_source(make_source(server.url("/one")), client=client, clock=clock)
    clock.advance(minutes=5)
    refresh_source(make_source(server.url("/two")), client=client, clock=clock)
    first, second = WireItem.objects.order_by("id")
    assert first.minhash is not None
    assert second.duplicate_of_id == first.pk


def test_an_html_source_is_named_for_its_site_in_the_servers_charset(
    server: FeedServer, client: httpx.Client, clock: Clock, make_source: Callable[..., Source]
) -> None:
    headline = "Café on the quay reopens … at last"
    paragraph = "The harbour café reopened on Monday after repairs to the quay. " * 12
    body = (
        f"<html><head><title>{headline}</title>"
        '<meta property="og:site_name" content="Quay Courier – Hafen"></head>'
        f"<body><article><h1>{headline}</h1><p>{paragraph}</p></article></body></html>"
    )
    server.routes["/cafe"] = Reply(200, body.encode(), {"Content-Type": "text/html; charset=utf-8"})
    server.routes["/plain"] = Reply(
        200,
        body.replace("og:site_name", "og:locale").encode("cp1252"),
        {"Content-Type": "text/html; charset=windows-1252"},
    )
    named = make_source(server.url("/cafe"), kind="html")
    refresh_source(named, client=client, clock=clock)
    named.refresh_from_db()
    assert (named.title, named.outlet) == (headline, "Quay Courier – Hafen")
    assert WireItem.objects.get(source=named).title == headline

    unnamed = make_source(server.url("/plain"), kind="html")
    refresh_source(unnamed, client=client, clock=clock)
    unnamed.refresh_from_db()
    assert (unnamed.title, unnamed.outlet) == (headline, "127.0.0.1")  # the host name

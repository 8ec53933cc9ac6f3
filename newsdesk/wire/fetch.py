"""Fetch one source, politely and safely, and schedule its next check.

:func:`refresh_source` is the one way a source is read: the worker, the
desk's Refresh button and ``newsdesk wire poll`` all call it. It reads top to
bottom:

1. a conditional GET (``If-None-Match``, ``If-Modified-Since``) through the
   SSRF guard (``NEWSDESK_FETCH_ALLOW``), following redirects itself, one
   checked hop at a time, at most :data:`MAX_REDIRECTS`;
2. a streamed body under a total deadline (``NEWSDESK_WIRE_DEADLINE``) and a
   size cap on the *decompressed* bytes (``NEWSDESK_WIRE_MAX_BYTES``), with at
   most ``NEWSDESK_WIRE_PER_HOST`` requests to one host at a time;
3. the answer: 200 is parsed and stored, 304 changes nothing, 410 marks the
   source gone (still tried once a day), 429 and 503 honour ``Retry-After``,
   anything else (and timeouts, refusals, unreadable bodies) backs off;
4. the next check: on success an interval from the source's publishing rate,
   never sooner than ``Cache-Control: max-age``, ``Expires`` or RSS ``ttl``
   allow; on failure capped exponential backoff with jitter. Every interval
   lies between :data:`MIN_INTERVAL` and :data:`MAX_INTERVAL`.

A source is never disabled: its row always carries the state, the error
count, the last error and the time of the next try, and nothing stored is
removed by a failed fetch. See docs/wire.md for the state machine.
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from newsdesk.net.guard import FETCHES, GuardedTransport, Refused, Resolver, system_resolver

from . import push
from .ingest import (
    IngestResult,
    assign_story,
    content_hash,
    ingest,
    refresh_count,
    similarity_hook,
    tombstone,
)
from .models import ERROR_MAX, Source, WireItem
from .parse import (
    ParsedFeed,
    ParseError,
    canonical_url,
    clean_line,
    clean_url,
    parse,
    parse_article,
    skipped_notice,
    sniff,
)

log = logging.getLogger(__name__)

MIN_INTERVAL = 60
MAX_INTERVAL = 86_400
DEFAULT_INTERVAL = 900
GONE_INTERVAL = MAX_INTERVAL  # a 410 source is still tried, once a day
BACKOFF_BASE = 60
MAX_REDIRECTS = 5
LEASE_SECONDS = 600  # how long a claimed source stays off the queue
ARTICLES_PER_REFRESH = 5  # article pages read after a section page, per refresh
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, */*;q=0.5"
)

_jitter = random.Random()  # noqa: S311  (spreading retries, not a secret)
_host_slots: dict[str, threading.BoundedSemaphore] = {}
_host_slots_lock = threading.Lock()


def user_agent() -> str:
    return f"newsdesk/0.1 (+{settings.NEWSDESK_SITE_URL})"


# The total deadline, enforced on every socket read and write -------------

_deadline = threading.local()


def _time_left(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's fetch deadline."""
    until: float | None = getattr(_deadline, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read and write ends by the fetch's deadline, so a
    server trickling its status line or headers cannot hold a fetch open (the
    body is also checked between chunks in :func:`_read_body`)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self.inner.start_tls(ssl_context, server_hostname, _time_left(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(
            host, port, _time_left(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the wire does not use Unix sockets")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport on a network backend that honours the fetch deadline."""

    def __init__(self) -> None:
        super().__init__(retries=0)
        # httpx offers no public way to pass a network backend; the pool it
        # built is replaced by the same pool on ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=_DeadlineBackend(),
        )


def make_client(
    resolve: Resolver = system_resolver, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """An httpx client behind the SSRF guard with the wire's allowlist.

    ``resolve`` and ``transport`` replace DNS and the network in tests; the
    guard stays in front of both."""
    return httpx.Client(
        transport=GuardedTransport(transport or DeadlineTransport(), resolve, allow=FETCHES),
        follow_redirects=False,  # every hop is checked by the guard: see fetch()
        trust_env=False,  # a proxy from the environment would bypass the guard
        headers={
            "User-Agent": user_agent(),
            "Accept": ACCEPT,
            # Only encodings this module decompresses itself under the size cap.
            "Accept-Encoding": "gzip, deflate",
        },
    )


# Errors -------------------------------------------------------------------


class FetchProblem(Exception):
    """A fetch that did not produce a body to parse; the message is for the desk."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass
class Fetched:
    status: int
    url: str  # the URL that answered, after redirects
    headers: httpx.Headers
    body: bytes = b""
    permanent_target: str = ""  # set when every redirect on the way was permanent
    at: datetime | None = None


@dataclass
class RefreshResult:
    source_id: int
    status: str  # "ok", "not_modified", "failed", "gone"
    new: int = 0
    changed: int = 0
    deleted: int = 0
    error: str = ""
    next_check_at: datetime | None = None
    skipped: list[str] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    # New items of a section page, whose own pages are read next (fill_articles).
    unread_ids: list[int] = field(default_factory=list)


# The request --------------------------------------------------------------


@contextmanager
def host_slot(host: str, deadline: float) -> Iterator[None]:
    """At most ``NEWSDESK_WIRE_PER_HOST`` requests to one host at a time, in this process."""
    limit = settings.NEWSDESK_WIRE_PER_HOST
    with _host_slots_lock:
        slot = _host_slots.setdefault(f"{host} {limit}", threading.BoundedSemaphore(limit))
    if not slot.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise FetchProblem(f"{host} was busy with other fetches until the deadline.")
    try:
        yield
    finally:
        slot.release()


def _read_body(response: httpx.Response, deadline: float, limit: int) -> bytes:
    """The decompressed body, stopped at ``limit`` bytes or at the deadline."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        decoder: zlib._Decompress | None = zlib.decompressobj(zlib.MAX_WBITS | 32)
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FetchProblem(
            f"The body uses Content-Encoding {encoding[:40]!r}, which was not asked for."
        )
    declared = response.headers.get("content-length", "")
    if decoder is None and declared.isdigit() and int(declared) > limit:
        raise FetchProblem(f"The body is {int(declared):,} bytes; the limit is {limit:,}.")
    out = bytearray()
    received = 0
    too_big = FetchProblem(f"The body is larger than the limit of {limit:,} bytes (decompressed).")
    for chunk in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchProblem(
                f"The source took longer than {settings.NEWSDESK_WIRE_DEADLINE:g} s to answer."
            )
        received += len(chunk)
        if received > limit:
            raise too_big
        if decoder is None:
            out += chunk
        else:
            try:
                out += decoder.decompress(chunk, limit + 1 - len(out))
            except zlib.error as exc:
                raise FetchProblem(f"The compressed body is corrupt: {exc}.") from exc
            if decoder.unconsumed_tail:
                raise too_big
        if len(out) > limit:
            raise too_big
    if decoder is not None:
        try:
            out += decoder.flush()
        except zlib.error as exc:
            raise FetchProblem(f"The compressed body is corrupt: {exc}.") from exc
        if len(out) > limit:
            raise too_big
    return bytes(out)


def _retry_after(value: str, now: datetime) -> float | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(min(int(value[:9]), MAX_INTERVAL))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def fetch(
    url: str,
    *,
    client: httpx.Client,
    now: datetime,
    etag: str = "",
    last_modified: str = "",
) -> Fetched:
    """GET ``url`` through the guard, hop by hop, under the deadline and the size cap."""
    deadline = time.monotonic() + settings.NEWSDESK_WIRE_DEADLINE
    _deadline.until = deadline
    try:
        return _fetch(url, client, now, deadline, etag, last_modified)
    finally:
        _deadline.until = None


def _fetch(
    url: str, client: httpx.Client, now: datetime, deadline: float, etag: str, last_modified: str
) -> Fetched:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    permanent = True
    for _hop in range(MAX_REDIRECTS + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchProblem(
                f"The source took longer than {settings.NEWSDESK_WIRE_DEADLINE:g} s to answer."
            )
        host = current
        try:
            host = urlsplit(current).hostname or ""
            with (
                host_slot(host, deadline),
                client.stream(
                    "GET", current, headers=headers, timeout=httpx.Timeout(min(remaining, 30.0))
                ) as response,
            ):
                status = response.status_code
                if status in REDIRECTS:
                    target = clean_url(response.headers.get("location", ""), current)
                    if not target:
                        raise FetchProblem(
                            f"A {status} redirect from {current} has no usable http(s) Location.",
                            status=status,
                        )
                    permanent = permanent and status in PERMANENT
                    current = target
                    continue
                body = (
                    _read_body(response, deadline, settings.NEWSDESK_WIRE_MAX_BYTES)
                    if status == 200
                    else b""
                )
                return Fetched(
                    status=status,
                    url=current,
                    headers=response.headers,
                    body=body,
                    permanent_target=current if permanent and current != url else "",
                    at=now,
                )
        except Refused as exc:
            raise FetchProblem(f"{exc} (at {current})") from exc
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchProblem(
                    f"The source took longer than {settings.NEWSDESK_WIRE_DEADLINE:g} s to answer."
                ) from exc
            raise FetchProblem(f"Timed out talking to {host}: {type(exc).__name__}.") from exc
        except (httpx.HTTPError, httpx.InvalidURL, ValueError, UnicodeError) as exc:
            why = str(exc).rstrip(".") or type(exc).__name__
            raise FetchProblem(f"Could not fetch {current}: {why}.") from exc
    raise FetchProblem(f"More than {MAX_REDIRECTS} redirects, stopped at {current}.")


# Scheduling ---------------------------------------------------------------


def clamp(seconds: float) -> int:
    return int(min(MAX_INTERVAL, max(MIN_INTERVAL, seconds)))


def backoff(error_count: int) -> int:
    """Capped exponential backoff with jitter: about 1, 2, 4... minutes, at most a day."""
    exponent = min(max(error_count - 1, 0), 20)
    delay = min(MAX_INTERVAL, BACKOFF_BASE * 2**exponent)
    return clamp(delay * _jitter.uniform(0.75, 1.0))


def publishing_interval(source: Source, now: datetime) -> int:
    """Half the mean gap between the source's recent items, counted up to now,
    so a source that has gone quiet is polled less often."""
    dates = (
        WireItem.objects.filter(source=source, published_at__isnull=False, published_at__lte=now)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
    )
    recent = [at for at in dates[:20] if at is not None]
    if len(recent) < 2:
        return DEFAULT_INTERVAL
    span = (now - recent[-1]).total_seconds()
    return clamp(span / len(recent) / 2)


_MAX_AGE = re.compile(r"(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*\"?(\d{1,9})", re.IGNORECASE)


def server_hint(headers: httpx.Headers, feed: ParsedFeed | None, now: datetime) -> int:
    """The longest interval the server asked for: Cache-Control max-age,
    Expires, or the feed's ttl (0 when none)."""
    hints = [0]
    cache_control = headers.get("cache-control", "")
    match = _MAX_AGE.search(cache_control)
    if match:
        hints.append(int(match.group(1)))
    elif headers.get("expires"):
        try:
            expires = email.utils.parsedate_to_datetime(headers["expires"])
            if expires.tzinfo is None:
                expires = expires.replace(tzinfo=UTC)
            hints.append(int((expires - now).total_seconds()))
        except (TypeError, ValueError, IndexError):
            pass
    if feed is not None and feed.ttl_seconds:
        hints.append(feed.ttl_seconds)
    return max(hints)


# Recording the outcome -------------------------------------------------------

STATE_FIELDS = [
    "url",
    "kind",
    "title",
    "site_url",
    "outlet",
    "etag",
    "last_modified",
    "state",
    "error_count",
    "last_error",
    "last_error_at",
    "last_success_at",
    "last_checked_at",
    "notice",
    "next_check_at",
    "interval_seconds",
    "pending_url",
    "redirected_from",
]


def _save(source: Source) -> None:
    source.save(update_fields=STATE_FIELDS)


def _failed(source: Source, problem: FetchProblem, now: datetime) -> RefreshResult:
    source.error_count += 1
    source.last_error = problem.args[0][:ERROR_MAX]
    source.last_error_at = now
    source.last_checked_at = now
    if problem.status == 410:
        source.state = Source.State.GONE
        delay = GONE_INTERVAL
    else:
        source.state = Source.State.FAILING
        delay = backoff(source.error_count)
        if problem.status in (429, 503) and problem.retry_after is not None:
            delay = clamp(problem.retry_after)
    source.next_check_at = now + timedelta(seconds=delay)
    _save(source)
    log.info("wire source %s failed (%s): %s", source.pk, source.error_count, source.last_error)
    return RefreshResult(
        source_id=source.pk,
        status="gone" if source.state == Source.State.GONE else "failed",
        error=source.last_error,
        next_check_at=source.next_check_at,
    )


def _adopt_redirect(source: Source, fetched: Fetched) -> None:
    """A permanent redirect becomes the source's URL now that its target worked."""
    target = fetched.permanent_target
    if not target or target == source.url:
        return
    if Source.objects.filter(url=target).exclude(pk=source.pk).exists():
        source.pending_url = target  # another source already reads it; the desk decides
        return
    source.redirected_from = source.url
    source.url = target
    source.pending_url = ""


def _succeeded(
    source: Source, fetched: Fetched, feed: ParsedFeed | None, stored: IngestResult, now: datetime
) -> RefreshResult:
    _adopt_redirect(source, fetched)
    if fetched.status == 200:
        source.etag = clean_line(fetched.headers.get("etag", ""), 500)
        source.last_modified = clean_line(fetched.headers.get("last-modified", ""), 100)
    elif fetched.headers.get("etag"):
        source.etag = clean_line(fetched.headers["etag"], 500)
    if feed is not None:
        if feed.kind in (Source.Kind.RSS, Source.Kind.ATOM):
            source.kind = feed.kind
        source.title = source.title or feed.title
        source.site_url = source.site_url or feed.site_url
        source.outlet = source.outlet or feed.outlet or urlsplit(source.url).hostname or ""
        source.notice = skipped_notice(feed.skipped)
    source.state = Source.State.OK
    source.error_count = 0
    source.last_success_at = now
    source.last_checked_at = now
    if feed is not None:
        hub, topic = feed.hub_url, feed.self_url
        if not hub:
            hub, topic = push.link_header(fetched.headers.get("link", ""), fetched.url)
        push.note_hub(source, hub, topic, now)
    interval = max(publishing_interval(source, now), server_hint(fetched.headers, feed, now))
    source.interval_seconds = clamp(push.polling_interval(source, interval))
    source.next_check_at = now + timedelta(seconds=source.interval_seconds)
    try:
        with transaction.atomic():
            _save(source)
    except IntegrityError:  # the redirect target was added meanwhile
        source.url, source.pending_url = source.redirected_from, fetched.permanent_target
        _save(source)
    return RefreshResult(
        source_id=source.pk,
        status="ok" if fetched.status == 200 else "not_modified",
        new=stored.new,
        changed=stored.changed,
        deleted=stored.deleted,
        next_check_at=source.next_check_at,
        skipped=feed.skipped if feed else [],
        new_ids=stored.new_ids,
        unread_ids=stored.new_ids if feed is not None and feed.links_only else [],
    )


# The one entry point -------------------------------------------------------

_STORING = threading.Lock()


def refresh_source(
    source: Source,
    *,
    client: httpx.Client | None = None,
    clock: Callable[[], datetime] = timezone.now,
) -> RefreshResult:
    """Fetch ``source``, store what is new, record the outcome and the next check."""
    now = clock()
    own_client = client is None
    active = client or make_client()
    try:
        try:
            fetched = fetch(
                source.url,
                client=active,
                now=now,
                etag=source.etag,
                last_modified=source.last_modified,
            )
        except FetchProblem as problem:
            return _failed(source, problem, now)
        # Fetches run side by side; what they found is stored one at a time,
        # stamped when it is stored, so that an item's first_seen_at order is
        # the order items became visible to each other: copies and stories
        # are found among the items stored before (similarity.assign), and
        # two outlets fetched in one pass must not each miss the other.
        with _STORING:
            result = apply_fetched(source, fetched, clock())
        fill_articles(result.unread_ids[:ARTICLES_PER_REFRESH], active, now)
        return result
    finally:
        if own_client:
            active.close()


def apply_fetched(source: Source, fetched: Fetched, now: datetime) -> RefreshResult:
    """Parse and store a fetched answer, then record the outcome on the source.

    ``add_source`` calls it with the answer discovery already fetched."""
    if fetched.status == 304:
        return _succeeded(source, fetched, None, IngestResult(), now)
    if fetched.status != 200:
        return _failed(source, _status_problem(source, fetched, now), now)
    try:
        feed = parse(
            source.kind, fetched.body, fetched.url, fetched.headers.get("content-type", "")
        )
        stored = ingest(source, feed, now)
    except ParseError as exc:
        return _failed(source, FetchProblem(str(exc)), now)
    except (DatabaseError, RecursionError, MemoryError) as exc:
        log.exception("wire source %s: storing failed", source.pk)
        return _failed(source, FetchProblem(f"Storing the items failed: {exc}."), now)
    except Exception as exc:  # a parser library failing on hostile input
        log.exception("wire source %s: unexpected failure while reading", source.pk)
        return _failed(
            source,
            FetchProblem(f"The body could not be read ({type(exc).__name__}: {exc})."),
            now,
        )
    return _succeeded(source, fetched, feed, stored, now)


def apply_pushed(
    source: Source, body: bytes, base_url: str, content_type: str, now: datetime
) -> IngestResult:
    """Store what a WebSub hub pushed (push.py): the same parser, ingest,
    dedup and story steps as a fetch. Raises ``ParseError`` for a body that
    cannot be read; nothing is stored then."""
    if len(body) > settings.NEWSDESK_WIRE_MAX_BYTES:
        raise ParseError("The delivery is larger than NEWSDESK_WIRE_MAX_BYTES.")
    try:
        feed = parse(source.kind, body, base_url, content_type)
    except ParseError:
        raise
    except Exception as exc:  # a parser library failing on hostile input
        raise ParseError(f"The body could not be read ({type(exc).__name__}).") from exc
    stored = ingest(source, feed, now)
    Source.objects.filter(pk=source.pk).update(last_success_at=now)
    return stored


def fill_articles(item_ids: list[int], client: httpx.Client, now: datetime) -> None:
    """Read the article pages a section page links to (new items only, a few
    per refresh): text, author and date through trafilatura. A page that
    answers 404 or 410 leaves its item a tombstone, which the section page
    linking to it again does not undo, so it is not fetched again; any other
    failure leaves the item as the link and headline the section page gave."""
    if not item_ids:
        return
    hook = similarity_hook()
    unread = WireItem.objects.filter(pk__in=item_ids, is_deleted=False).select_related("source")
    for item in unread:
        source = item.source
        if source is None:  # its source was deleted meanwhile
            continue
        try:
            fetched = fetch(item.url, client=client, now=now)
        except FetchProblem:
            continue
        if fetched.status in (404, 410):
            tombstone(source, [item.external_id], now)
            refresh_count(source)
            continue
        if fetched.status != 200 or sniff(fetched.body) not in ("html", ""):
            continue
        try:
            article = parse_article(fetched.body, item.url, fetched.headers.get("content-type", ""))
        except ParseError:
            continue
        item.title = article.title or item.title
        item.summary = article.summary or item.summary
        item.text = article.text
        item.author = article.author or item.author
        item.published_at = article.published_at or item.published_at
        item.content_hash = content_hash(item.title, item.summary, item.text)
        item.save(
            update_fields=["title", "summary", "text", "author", "published_at", "content_hash"]
        )
        assign_story(hook, item)


def _status_problem(source: Source, fetched: Fetched, now: datetime) -> FetchProblem:
    status = fetched.status
    if source.kind == Source.Kind.HTML and status in (404, 410):
        # The article page itself is gone: its item becomes a tombstone.
        page = canonical_url(source.url)
        ids = list(
            WireItem.objects.filter(source=source, canonical_url=page).values_list(
                "external_id", flat=True
            )
        )
        tombstone(source, ids, now)
    retry_after = _retry_after(fetched.headers.get("retry-after", ""), now)
    messages = {
        204: "The source answered with an empty body (204 No Content).",
        404: "The source answered 404 Not Found.",
        410: "The source answered 410 Gone: it says it has been removed for good. "
        "It is still checked once a day; delete it if the outlet really closed it.",
        429: "The source answered 429 Too Many Requests.",
        503: "The source answered 503 Service Unavailable.",
    }
    message = messages.get(status) or f"The source answered HTTP {status}."
    if retry_after is not None and status in (429, 503):
        message += f" It asked to wait {int(retry_after)} s (Retry-After)."
    return FetchProblem(message, status=status, retry_after=retry_after)


# The queue ----------------------------------------------------------------


def claim_due(now: datetime, limit: int) -> list[Source]:
    """Take up to ``limit`` due sources off the queue.

    Each is claimed by moving its ``next_check_at`` forward by a lease in an
    UPDATE that only succeeds if nobody moved it first, so two workers never
    fetch the same source at once; a worker that dies leaves the lease to
    expire and the source comes due again."""
    due = list(
        Source.objects.filter(next_check_at__lte=now, paused=False)
        .order_by("next_check_at", "id")
        .values_list("id", "next_check_at")[:limit]
    )
    lease = now + timedelta(seconds=LEASE_SECONDS)
    claimed = [
        pk
        for pk, at in due
        if Source.objects.filter(pk=pk, next_check_at=at).update(next_check_at=lease)
    ]
    return list(Source.objects.filter(pk__in=claimed).order_by("id"))


def refresh_due(
    *,
    client: httpx.Client | None = None,
    clock: Callable[[], datetime] = timezone.now,
    limit: int | None = None,
    everything: bool = False,
    parallel: int = 1,
) -> list[RefreshResult]:
    """Refresh the due sources (or every source not paused): one failing source never
    stops the others. With ``parallel`` > 1 the batch is fetched by that many
    threads (each with its own database connection), so one slow source costs
    the pass at most one deadline."""
    now = clock()
    if everything:
        sources = list(Source.objects.filter(paused=False).order_by("id"))
    else:
        sources = claim_due(now, limit or settings.NEWSDESK_WIRE_BATCH)
    if not sources:
        return []
    own_client = client is None
    active = client or make_client()

    def one(source: Source) -> RefreshResult | None:
        try:
            return refresh_source(source, client=active, clock=clock)
        except Exception:  # one source's failure must not end the worker's pass
            log.exception("wire source %s could not be refreshed", source.pk)
            return None
        finally:
            if parallel > 1:
                connection.close()

    try:
        if parallel > 1 and len(sources) > 1:
            with ThreadPoolExecutor(max_workers=min(parallel, len(sources))) as pool:
                outcomes = list(pool.map(one, sources))
        else:
            outcomes = [one(source) for source in sources]
    finally:
        if own_client:
            active.close()
    return [outcome for outcome in outcomes if outcome is not None]

"""Answering from the page cache: which requests may, and the bytes to send."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.conf import settings
from django.utils.http import parse_etags, parse_http_date_safe

from .store import DEPS_HEADER, PAGES, Entry

STATUS_LINES = {200: b"HTTP/1.1 200 OK\r\n", 304: b"HTTP/1.1 304 Not Modified\r\n"}
# What a 304 repeats of the 200 (RFC 9110, 15.4.5).
NOT_MODIFIED_KEEP = {b"cache-control", b"content-location", b"date", b"expires", b"vary",
                     b"last-modified"}  # fmt: skip


def request_key(
    method: bytes, path: bytes, query: bytes, headers: Iterable[tuple[bytes, bytes]]
) -> str | None:
    """The cache key for an anonymous GET/HEAD of a known page, else ``None``.

    Requests with a query string (older pages, previews, filters), with a
    session cookie (a signed-in editor) or with credentials go to Django, and
    so do a shared cache's fetches (``X-Newsdesk-Front``, set by the Varnish
    VCL on a miss): it is the cache then, and a purge must never be refilled
    from this process's copy before this process has read the event.
    """
    if method not in (b"GET", b"HEAD") or query:
        return None
    session = _session_marker(settings.SESSION_COOKIE_NAME)
    for name, value in headers:
        if name == b"cookie" and session in value:
            return None
        if name in (b"authorization", b"x-newsdesk-front"):
            return None
    return path.decode("latin-1")


@functools.lru_cache(maxsize=4)
def _session_marker(name: str) -> bytes:
    return name.encode() + b"="


def header(headers: Iterable[tuple[bytes, bytes]], wanted: bytes) -> bytes:
    for name, value in headers:
        if name == wanted:
            return value
    return b""


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """Whether If-None-Match names this ETag (weak comparison), as Django reads it."""
    tags = parse_etags(if_none_match.decode("latin-1"))
    if tags == ["*"]:
        return True
    weak = etag.decode("latin-1").removeprefix("W/")
    return any(tag.removeprefix("W/") == weak for tag in tags)


def not_modified(entry: Entry, if_none_match: bytes, if_modified_since: bytes) -> bool:
    """Whether a GET or HEAD is answered 304, decided as Django's
    ``get_conditional_response`` decides it for the pages it renders (so a
    page answers alike before and after it is stored): a valid If-None-Match
    decides alone; otherwise If-Modified-Since is compared with the stored
    Last-Modified, and an unparsable date is ignored."""
    if if_none_match and parse_etags(if_none_match.decode("latin-1")):
        return etag_matches(if_none_match, entry.etag)
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since.decode("latin-1"))
    modified = parse_http_date_safe(header(entry.headers, b"last-modified").decode("latin-1"))
    return since is not None and modified is not None and modified <= since


def response_headers(
    entry: Entry,
    method: bytes,
    request_headers: Iterable[tuple[bytes, bytes]],
    source: bytes = b"hit",
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Status, headers and body to answer with this entry.

    ``X-Cache`` says whether the page came from the cache (``hit``) or was
    rendered for this request and stored (``miss``).
    """
    request_headers = list(request_headers)
    if not_modified(
        entry,
        header(request_headers, b"if-none-match"),
        header(request_headers, b"if-modified-since"),
    ):
        kept = [(n, v) for n, v in entry.headers if n.lower() in NOT_MODIFIED_KEEP]
        return 304, [*kept, (b"etag", entry.etag), (b"x-cache", source)], b""
    coding, body = entry.variant(header(request_headers, b"accept-encoding"))
    headers = [
        *entry.headers,
        (b"etag", entry.etag),
        (b"x-cache", source),
        (b"content-length", b"%d" % len(body)),
    ]
    if coding != "identity":
        headers.append((b"content-encoding", coding.encode()))
    return entry.status, headers, b"" if method == b"HEAD" else body


def raw_response(
    entry: Entry, method: bytes, request_headers: Iterable[tuple[bytes, bytes]], close: bool
) -> bytes:
    """The whole HTTP/1.1 response, for the connection-level fast path."""
    head, body = raw_parts(entry, method, request_headers, close)
    return head + body


def raw_parts(
    entry: Entry, method: bytes, request_headers: Iterable[tuple[bytes, bytes]], close: bool
) -> tuple[bytes, bytes]:
    """Status line and headers, and the body, to write as they are.

    The header block for each (answer, coding, connection) is built once per
    entry and reused; the body is the stored bytes, never copied. One pass
    over the request's headers.
    """
    if_none_match = if_modified_since = accept_encoding = b""
    for name, value in request_headers:
        if name == b"accept-encoding":
            accept_encoding = value
        elif name == b"if-none-match":
            if_none_match = value
        elif name == b"if-modified-since":
            if_modified_since = value
    if (if_none_match or if_modified_since) and not_modified(
        entry, if_none_match, if_modified_since
    ):
        key, body = "304", b""
        PAGES.not_modified += 1
    else:
        key, body = entry.variant(accept_encoding)
    if close:
        key += ":close"
    head = entry.heads.get(key)
    if head is None:
        head = entry.heads[key] = _head(entry, method, request_headers, close)
    if method == b"HEAD":
        return head, b""
    return head, body


def _head(
    entry: Entry, method: bytes, request_headers: Iterable[tuple[bytes, bytes]], close: bool
) -> bytes:
    status, headers, _ = response_headers(entry, method, request_headers)
    lines = [STATUS_LINES[status]]
    lines.extend(b"%s: %s\r\n" % (name, value) for name, value in headers)
    if status == 304:
        lines.append(b"content-length: 0\r\n")
    if close:
        lines.append(b"connection: close\r\n")
    lines.append(b"\r\n")
    return b"".join(lines)


def strip_deps(headers: list[tuple[bytes, bytes]]) -> tuple[list[tuple[bytes, bytes]], str | None]:
    deps = None
    kept = []
    for name, value in headers:
        if name.lower() == DEPS_HEADER:
            # The bytes are UTF-8 (``deps.depends_on``): slugs may be Київ's.
            deps = value.decode("utf-8", "replace")
        else:
            kept.append((name, value))
    return kept, deps


def cacheable(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    """Only a plain 200 that every anonymous reader gets alike may be stored."""
    if status != 200:
        return False
    for name, value in headers:
        lower = name.lower()
        if lower == b"set-cookie":
            return False
        if lower == b"cache-control" and (b"private" in value or b"no-store" in value):
            return False
        if lower == b"vary" and b"cookie" in value.lower():
            return False
    return True

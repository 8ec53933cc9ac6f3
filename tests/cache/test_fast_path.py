"""The connection-level fast path on a kept-alive connection: cached hits,
Django's answers and 304s interleave, and an idle connection is still
closed after uvicorn's keep-alive timeout."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from newsdesk.news.models import Article
from tests.live.support import Server

from .test_page_cache import cached, wait_until_server_knows

pytestmark = pytest.mark.django_db(transaction=True)


Response = tuple[bytes, dict[bytes, bytes], bytes]


def read_response(sock: socket.socket, buffer: bytearray) -> Response:
    """One response from a kept-alive connection (Content-Length framed)."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        buffer += chunk
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = dict(line.lower().split(b": ", 1) for line in lines)
    length = int(headers.get(b"content-length", b"0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        rest += chunk
    buffer[:] = rest[length:]
    return status, headers, rest[:length]


def test_hits_django_and_304s_share_a_kept_alive_connection(
    site: Server, make_article: Callable[..., Article]
) -> None:
    make_article(headline="Grid repaired", tags=["Energy"])
    wait_until_server_knows(site)
    etag = cached(site, "/").headers["etag"]
    sock = socket.create_connection(("127.0.0.1", site.port), timeout=10)
    buffer = bytearray()
    try:
        requests = [
            (b"/", b"", b"hit"),
            (b"/", b"", b"hit"),
            (b"/?utm_source=x", b"", None),  # Django answers this one
            (b"/", b"If-None-Match: " + etag.encode() + b"\r\n", b"hit"),
            (b"/", b"Accept-Encoding: br\r\n", b"hit"),
        ]
        for path, extra, source in requests:
            sock.sendall(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" % (path, extra))
            status, headers, body = read_response(sock, buffer)
            assert headers.get(b"x-cache") == source, path
            if extra.startswith(b"If-None-Match"):
                assert status.endswith(b"304 Not Modified") and body == b""
            else:
                assert status.endswith(b"200 OK") and body
        # Two requests in one write (pipelined): both answered, in order.
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /?page=x HTTP/1.1\r\nHost: x\r\n\r\n")
        first = read_response(sock, buffer)
        second = read_response(sock, buffer)
        assert first[1][b"x-cache"] == b"hit" and b"x-cache" not in second[1]
    finally:
        sock.close()


def test_an_idle_connection_after_a_hit_is_closed(
    site: Server, make_article: Callable[..., Article]
) -> None:
    make_article(headline="Grid repaired", tags=["Energy"])
    wait_until_server_knows(site)
    cached(site, "/")
    sock = socket.create_connection(("127.0.0.1", site.port), timeout=15)
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert read_response(sock, bytearray())[1][b"x-cache"] == b"hit"
        # Closed by the server after uvicorn's keep-alive timeout (5 s); a
        # connection left open would raise socket.timeout here instead.
        assert sock.recv(1) == b""
    finally:
        sock.close()

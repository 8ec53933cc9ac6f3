"""``newsdesk serve`` without NEWSDESK_SITE_URL names the address it serves
in every absolute link (in each web process), and a set NEWSDESK_SITE_URL
is kept as given."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from newsdesk.news.models import Article

from .support import Server, current_database_url, server_env

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(server: Server, path: str) -> bytes:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return bytes(response.read())


def absolute_links(server: Server, article: Article) -> tuple[str, str, str]:
    """The article page's canonical link, and the RSS channel's and item's links."""
    html = fetch(server, article.get_absolute_url()).decode()
    found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert found is not None
    channel = etree.fromstring(fetch(server, "/rss.xml")).find("channel")
    assert channel is not None
    return found.group(1), channel.findtext("link") or "", channel.findtext("item/link") or ""


def serve(tmp_path: Path, **overrides: str) -> Server:
    env = server_env(current_database_url(), **overrides)
    if "NEWSDESK_SITE_URL" not in overrides:
        env.pop("NEWSDESK_SITE_URL", None)
    return Server(env, log_path=tmp_path / "serve.log").start()


@pytest.mark.parametrize("processes", ["1", "2"])
def test_links_name_the_address_served_when_no_site_url_is_set(
    tmp_path: Path, make_article: Callable[..., Article], processes: str
) -> None:
    article = make_article(headline="Ferry service resumes")
    server = serve(tmp_path, NEWSDESK_WEB_PROCESSES=processes)
    try:
        canonical, home, item = absolute_links(server, article)
    finally:
        server.stop()
    assert server.port != 8000
    assert canonical == f"{server.url}{article.get_absolute_url()}"
    assert home == f"{server.url}/"
    assert item == f"{server.url}{article.get_absolute_url()}"


def test_a_site_url_that_is_set_is_kept(
    tmp_path: Path, make_article: Callable[..., Article]
) -> None:
    article = make_article(headline="Ferry service resumes")
    server = serve(tmp_path, NEWSDESK_SITE_URL="https://news.example.org")
    try:
        canonical, home, item = absolute_links(server, article)
    finally:
        server.stop()
    assert canonical == f"https://news.example.org{article.get_absolute_url()}"
    assert (home, item) == ("https://news.example.org/", canonical)

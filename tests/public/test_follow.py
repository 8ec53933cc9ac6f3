"""The Follow page: every feed as a link, the e-mail and push sections, cached
like the other reader pages; and the header, footer and author card lead to it
and to the tip line."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from newsdesk.push import keys
from tests.helpers import find_all, parse, text_of

pytestmark = pytest.mark.django_db


def hrefs(html: bytes) -> list[str]:
    return [unquote(a.attrs.get("href") or "") for a in find_all(parse(html), "a")]


def test_every_feed_is_a_visible_link(
    client: Client, make_article: Callable[..., Article], author: Author
) -> None:
    make_article(tags=["Energy", "Грід"])
    actions.create_draft(headline="Draft only", tags=["Secret plans"])  # not public: not listed
    answer = client.get("/follow/")
    assert answer.status_code == 200
    tree = parse(answer.content)
    assert text_of(find_all(tree, "h1")[0]) == "Follow Newsdesk"
    links = hrefs(answer.content)
    for path in ("/rss.xml", "/atom.xml", "/feed.json"):
        assert path in links
        assert client.get(path).status_code == 200
    for page in ("/tag/energy/", "/tag/грід/", "/author/mira-castell/"):
        for feed in ("rss.xml", "atom.xml", "feed.json"):
            assert page + feed in links
        assert page in links
    assert client.get("/tag/energy/feed.json").status_code == 200
    assert not any("secret" in href for href in links)
    groups = find_all(tree, "details", class_="follow-group")
    assert [text_of(find_all(g, "summary")[0]) for g in groups] == [
        "By topic (2)",
        "By author (1)",
    ]
    assert all("open" in g.attrs for g in groups)  # short lists start open
    # Each "RSS" link says which feed it is to a screen reader.
    (energy,) = [a for a in find_all(tree, "a") if a.attrs.get("href") == "/tag/energy/rss.xml"]
    assert text_of(energy) == "RSS · Energy"


def test_push_section_shows_no_button_without_javascript(client: Client, db: None) -> None:
    tree = parse(client.get("/follow/").content)
    (box,) = find_all(tree, "div", class_="push-controls")
    assert "hidden" in box.attrs  # push.js shows it where the Push API is
    assert box.attrs["data-key"] == keys.public_key()
    assert box.attrs["data-subscriptions"] == "/push/subscriptions"
    assert box.attrs["data-worker"] == "/sw.js"
    buttons = find_all(box, "button")
    assert [text_of(b) for b in buttons] == [
        "Turn on alerts in this browser",
        "Turn off alerts in this browser",
    ]
    assert all("hidden" in b.attrs for b in buttons)
    assert find_all(tree, "p", class_="push-nojs")
    scripts = [s.attrs.get("src") or "" for s in find_all(tree, "script")]
    assert any(src.startswith("/static/push/push") for src in scripts)


def test_cacheable_like_the_other_reader_pages_with_nothing_from_elsewhere(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article(tags=["Energy"])
    first = client.get("/follow/")
    assert "public" in first["Cache-Control"] and "max-age=30" in first["Cache-Control"]
    assert first["X-Newsdesk-Deps"] == "all site"
    assert client.get("/follow/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    tree = parse(first.content)
    external = [
        url
        for element in find_all(tree)
        for name in ("src", "href", "action")
        if (url := element.attrs.get(name) or "").startswith(("http:", "https:", "//"))
        and not url.startswith("http://127.0.0.1:8000/")
    ]
    assert external == []


def test_the_page_sets_no_cookie_so_shared_caches_keep_it(client: Client, db: None) -> None:
    """A cookie (or ``Vary: Cookie``) makes the page cache and every CDN pass the
    page by. The e-mail alerts form included here (alerts/_form.html) writes a
    CSRF token into the page, which sets the CSRF cookie on every reader."""
    answer = client.get("/follow/")
    assert "Set-Cookie" not in answer.headers, "a reader page must not set a cookie"
    assert "Cookie" not in answer.get("Vary", ""), "a reader page must not vary on cookies"


def test_many_tags_cost_no_more_queries_and_start_folded(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article(tags=["One"])
    with CaptureQueriesContext(connection) as few:
        client.get("/follow/")
    for first in (0, 10):
        make_article(tags=[f"Topic {n}" for n in range(first, first + 10)])
    with CaptureQueriesContext(connection) as many:
        answer = client.get("/follow/")
    assert len(many) == len(few)
    (tags, _authors) = find_all(parse(answer.content), "details", class_="follow-group")
    assert "open" not in tags.attrs


def test_header_footer_and_author_card_lead_to_follow_and_tips(
    client: Client, make_article: Callable[..., Article]
) -> None:
    story = make_article()
    tree = parse(client.get(story.get_absolute_url()).content)
    (header,) = find_all(tree, "header", class_="site-header")
    assert "/follow/" in [a.attrs.get("href") for a in find_all(header, "a")]
    (footer,) = find_all(tree, "footer", class_="site-footer")
    footer_links = {text_of(a): a.attrs.get("href") for a in find_all(footer, "a")}
    assert footer_links == {"Follow": "/follow/", "Send us a tip": "/tips/"}
    (card,) = find_all(tree, "div", class_="author-card")
    assert [
        (text_of(a), a.attrs.get("href"))
        for a in find_all(card, "p", class_="author-tip")[0].children
    ] == [("Contact us", "/tips/")]
    follow = parse(client.get("/follow/").content)
    current = [a for a in find_all(follow, "a") if a.attrs.get("aria-current") == "page"]
    assert [a.attrs.get("href") for a in current] == ["/follow/"]


def test_a_site_in_several_languages_lists_each_languages_feeds(
    client: Client, site_languages: Callable[[str], None]
) -> None:
    site_languages("en, uk")
    links = hrefs(client.get("/follow/").content)
    for code in ("en", "uk"):
        for feed in ("rss.xml", "atom.xml", "feed.json"):
            assert f"/{code}/{feed}" in links
    assert client.get("/uk/atom.xml").status_code == 200

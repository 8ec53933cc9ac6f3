"""An update's page, tag and author pages, 404 and 410."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from tests.helpers import find_all, parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article: Callable[..., Article], author: Author) -> Article:
    second = Author.objects.create(name="Teo Varga", slug="teo-varga", bio="Teo edits the desk.")
    article = make_article(
        headline="Grid operator restores power to the eastern districts",
        lede="Crews reconnected two substations overnight.",
        body="Power returned at **dawn**.\n\nMore [details](https://outlet.example/grid).",
        tags=["Energy", "Eastern districts"],
        authors=[author, second],
        sources=[
            actions.SourceInput("the Harbour Gazette", "https://harbour.example/a", "as quoted by"),
            actions.SourceInput("Riverside Radio", "", "according to"),
        ],
    )
    actions.correct(article, note="An earlier version named the wrong substation.")
    article.refresh_from_db()
    return article


def test_article_page_shows_everything_a_reader_needs(client: Client, story: Article) -> None:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    tree = parse(response.content)
    h1 = find_all(tree, "h1")
    assert len(h1) == 1 and text_of(h1[0]) == story.headline
    assert text_of(find_all(tree, "p", class_="byline")[0]) == "By Mira Castell and Teo Varga"
    assert text_of(find_all(tree, "span", class_="reading-time")[0]) == "1 min read"
    assert find_all(tree, "p", class_="updated")
    body = find_all(tree, "div", class_="story-body")[0]
    assert find_all(body, "strong")[0].text == "dawn"
    assert find_all(body, "a")[0].attrs["rel"] == "nofollow noopener"
    sources = [text_of(li) for li in find_all(find_all(tree, "section", class_="sources")[0], "li")]
    assert sources == [
        "As quoted by the Harbour Gazette",
        "According to Riverside Radio",
    ]
    corrections = find_all(tree, "section", class_="corrections")[0]
    assert "An earlier version named the wrong substation." in text_of(corrections)
    assert find_all(corrections, "time")
    cards = find_all(tree, "div", class_="author-card")
    assert len(cards) == 2
    assert "Signal +00 555 0100" in text_of(cards[0])
    assert "Mira covers the front line" in text_of(cards[0])
    assert [text_of(a) for a in find_all(find_all(tree, "ul", class_="tags")[0], "a")] == [
        "Eastern districts",
        "Energy",
    ]
    assert (
        find_all(tree, "link", rel="canonical")[0].attrs["href"].endswith(story.get_absolute_url())
    )


def test_read_more_prefers_shared_tags_then_recency(
    client: Client, story: Article, make_article: Callable[..., Article]
) -> None:
    both = make_article(tags=["Energy", "Eastern districts"])
    one = make_article(tags=["Energy"])
    unrelated = [make_article(tags=["Sport"]) for _ in range(3)]
    tree = parse(client.get(story.get_absolute_url()).content)
    related = find_all(find_all(tree, "section", class_="related")[0], "article")
    ids = [int(c.attrs["data-article-id"]) for c in related]
    assert ids == [both.pk, one.pk, unrelated[-1].pk, unrelated[-2].pk]
    assert story.pk not in ids


def test_read_more_without_tags_is_the_latest(
    client: Client, make_article: Callable[..., Article]
) -> None:
    # Nothing shares its tags or its words (the templated updates all share
    # theirs, and "Read more" would rank them by meaning first).
    earlier = [make_article() for _ in range(2)]
    lonely = make_article(
        headline="Zebra crossing painted on Quay Street",
        lede="Fresh paint dries overnight.",
        body="Nothing here is shared with them.",
    )
    later = [make_article() for _ in range(2)]
    tree = parse(client.get(lonely.get_absolute_url()).content)
    ids = [int(c.attrs["data-article-id"]) for c in find_all(tree, "article", class_="card")]
    assert ids == [later[1].pk, later[0].pk, earlier[1].pk, earlier[0].pk]


def test_article_page_queries_are_constant(
    client: Client, story: Article, make_article: Callable[..., Article]
) -> None:
    for _ in range(6):
        make_article(tags=["Energy"])
    client.get(story.get_absolute_url())  # the site settings are read once per edit generation
    with CaptureQueriesContext(connection) as few:
        client.get(story.get_absolute_url())
    for _ in range(6):
        actions.correct(story, note="Another correction.")
        make_article(tags=["Energy", "Eastern districts"])
    client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(story.get_absolute_url())
    assert len(few) == len(many)


def test_unpublished_article_is_gone(client: Client, story: Article) -> None:
    actions.unpublish(story)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    assert b"This update has been withdrawn" in response.content
    assert story.lede.encode() not in response.content


def test_drafts_and_unknown_slugs_are_404(
    client: Client, make_article: Callable[..., Article]
) -> None:
    draft = make_article(publish=False)
    for url in (draft.get_absolute_url(), "/news/no-such-update/", "/nowhere/"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Page not found" in response.content


def test_unicode_slug_pages_work(client: Client, make_article: Callable[..., Article]) -> None:
    article = make_article(headline="Київ: нічна атака")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert (
        client.get(
            "/news/%D0%BA%D0%B8%D1%97%D0%B2-%D0%BD%D1%96%D1%87%D0%BD%D0%B0-%D0%B0%D1%82%D0%B0%D0%BA%D0%B0/"
        ).status_code
        == 200
    )


def test_tag_page_paginates(client: Client, published: Callable[..., list[Article]]) -> None:
    tagged = published(25, tags=["Energy"])
    published(3, tags=["Sport"])
    response = client.get("/tag/energy/")
    tree = parse(response.content)
    assert text_of(find_all(tree, "h1")[0]) == "Tag Energy"
    ids = [int(c.attrs["data-article-id"]) for c in find_all(tree, "article", class_="card")]
    assert ids == [a.pk for a in tagged[::-1][:20]]
    link = find_all(tree, "a", data_show_more=True)[0].attrs["href"]
    more = parse(client.get("/tag/energy/" + link).content)
    ids2 = [int(c.attrs["data-article-id"]) for c in find_all(more, "article", class_="card")]
    assert ids2 == [a.pk for a in tagged[::-1][20:]]
    assert client.get("/tag/nope/").status_code == 404


def test_author_page(client: Client, story: Article, author: Author) -> None:
    tree = parse(client.get(author.get_absolute_url()).content)
    assert text_of(find_all(tree, "h1")[0]) == "Mira Castell"
    assert find_all(tree, "div", class_="author-card")
    ids = [int(c.attrs["data-article-id"]) for c in find_all(tree, "article", class_="card")]
    assert ids == [story.pk]


def test_hostile_fields_are_escaped_everywhere(client: Client, author: Author) -> None:
    article = actions.publish(
        actions.create_draft(
            headline='<script>alert("h")</script>',
            lede='<img src=x onerror=alert("l")>',
            body="<svg onload=alert(1)>",
            tags=["<i>tag</i>"],
            authors=[author],
            sources=[actions.SourceInput('<b onmouseover="x">Outlet</b>', "https://ok.example/")],
        )
    )
    for url in ("/", article.get_absolute_url(), "/tag/itagi/"):
        html = client.get(url).content.decode()
        tree = parse(html)
        data = find_all(tree, "script", type="application/ld+json")
        assert not [s for s in find_all(tree, "script") if not s.attrs.get("src") and s not in data]
        # JSON-LD blocks are data, and "<" never appears raw inside them.
        assert all("<" not in d.text and json.loads(d.text) for d in data)
        assert not find_all(tree, "img", onerror=True) and not find_all(tree, "svg")
        assert not find_all(tree, "b", onmouseover=True)


def test_public_urls_equal_what_reverse_builds(make_article: Callable[..., Article]) -> None:
    from django.urls import reverse

    article = make_article(headline="Київ: світло повертається", tags=["Енергетика"])
    tag = article.tags.get()
    author = Author.objects.get(slug="mira-castell")
    assert article.get_absolute_url() == reverse("public:article", kwargs={"slug": article.slug})
    assert tag.get_absolute_url() == reverse("public:tag", kwargs={"slug": tag.slug})
    assert author.get_absolute_url() == reverse("public:author", kwargs={"slug": author.slug})


def test_read_more_starts_from_the_window_not_the_tag(
    story: Article, make_article: Callable[..., Article]
) -> None:
    """SQLite's plan for counting shared tags probes the tag table by article
    (the window of neighbours), never walks every row of a popular tag, which
    at a million articles took 136 ms instead of 6."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan: the PostgreSQL half plans tiny tables differently")
    from newsdesk.public.views import related

    for _ in range(3):
        make_article(tags=["Energy"])
    with CaptureQueriesContext(connection) as queries:
        related(Article.objects.prefetch_related("tags").get(pk=story.pk))
    counting = [q["sql"] for q in queries.captured_queries if "news_article_tags" in q["sql"]]
    count_sql = next(sql for sql in counting if "COUNT(" in sql)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + count_sql)
        plan = " | ".join(str(row[3]) for row in cursor.fetchall())
    assert "news_article_tags" in plan and "(article_id=?)" in plan, plan
    assert "(tag_id=?)" not in plan, plan

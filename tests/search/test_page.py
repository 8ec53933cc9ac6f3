"""The reader's search page: cards, highlights, filters, Show More, errors."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from newsdesk.public.search import PAGE_SIZE
from tests.helpers import find_all, parse, text_of

pytestmark = pytest.mark.django_db


def card_ids(html: bytes) -> list[int]:
    return [
        int(c.attrs["data-article-id"]) for c in find_all(parse(html), "article", class_="card")
    ]


def test_results_are_cards_with_the_matches_marked(
    client: Client, make_article: Callable[..., Article]
) -> None:
    article = make_article(
        headline="Water station in Ostrél reopens",
        body="Crews in <b>Ostrel</b> worked through the night.",
    )
    make_article(headline="Something else entirely")
    response = client.get("/search", {"q": "ostrel"})
    assert response.status_code == 200
    assert card_ids(response.content) == [article.pk]
    tree = parse(response.content)
    marks = [text_of(m) for m in find_all(tree, "mark")]
    assert marks == ["Ostrél", "Ostrel"]
    # The body's own markup is text, never markup: only our <mark> is added.
    assert "<b>" not in response.content.decode().split('class="card-snippet"')[1].split("</p>")[0]
    assert find_all(tree, "meta", name="robots")[0].attrs["content"] == "noindex, follow"


def test_hostile_text_in_articles_stays_text(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article(headline="Alert <script>alert(1)</script> ostrel")
    body = client.get("/search", {"q": "alert"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in body


def test_filters_by_tag_author_and_date(
    client: Client, make_article: Callable[..., Article], author: Author
) -> None:
    energy = make_article(headline="Grid repairs", tags=["Energy"])
    make_article(headline="Grid repairs again", tags=["Transport"], authors=[])
    tag = energy.tags.get()
    assert card_ids(client.get("/search", {"q": "grid", "tag": tag.slug}).content) == [energy.pk]
    response = client.get("/search", {"q": "grid", "author": author.slug})
    assert card_ids(response.content) == [energy.pk]
    assert card_ids(client.get("/search", {"q": "grid", "from": "2999-01-01"}).content) == []
    assert len(card_ids(client.get("/search", {"q": "grid", "to": "2999-01-01"}).content)) == 2
    assert client.get("/search", {"q": "grid", "tag": "no-such-tag"}).status_code == 400
    response = client.get("/search", {"q": "grid", "from": "yesterday"})
    assert response.status_code == 400
    assert "From must be a date such as 2026-12-07." in text_of(parse(response.content))


def test_show_more_pages_without_javascript(
    client: Client, make_article: Callable[..., Article]
) -> None:
    made = [make_article(headline=f"Flood warning {n}").pk for n in range(PAGE_SIZE + 3)]
    first = client.get("/search", {"q": "flood"})
    links = find_all(parse(first.content), "a", data_show_more=True)
    assert len(links) == 1
    second = client.get("/search" + links[0].attrs["href"])
    assert second.status_code == 200
    seen = card_ids(first.content) + card_ids(second.content)
    assert sorted(seen) == sorted(made)
    assert not find_all(parse(second.content), "a", data_show_more=True)


def test_bad_links_and_long_queries_are_400s(client: Client) -> None:
    assert client.get("/search", {"q": "a", "after": "nonsense"}).status_code == 400
    assert client.get("/search", {"q": "a" * 1001}).status_code == 400
    assert client.get("/search", {"q": "a" * 1000}).status_code == 200
    # 100,000 characters without a space: refused before anything is parsed.
    started = time.perf_counter()
    assert client.get("/search", {"q": "x" * 100_000}).status_code == 400
    assert time.perf_counter() - started < 1


def test_an_empty_search_shows_the_form_only(client: Client) -> None:
    response = client.get("/search")
    assert response.status_code == 200
    tree = parse(response.content)
    assert find_all(tree, "input", name="q", id="search-q")
    assert not find_all(tree, "div", class_="feed")


def test_search_pages_stay_out_of_the_page_cache(
    client: Client, make_article: Callable[..., Article]
) -> None:
    make_article(headline="Ceasefire talks")
    response = client.get("/search", {"q": "ceasefire"})
    assert "X-Newsdesk-Deps" not in response


def test_every_page_has_the_header_box_and_opensearch(
    client: Client, make_article: Callable[..., Article]
) -> None:
    article = make_article()
    for url in ["/", article.get_absolute_url()]:
        tree = parse(client.get(url).content)
        form = find_all(tree, "form", class_="site-search")[0]
        assert form.attrs["action"] == "/search"
        assert find_all(form, "input", name="q")
        link = find_all(tree, "link", rel="search")[0]
        assert link.attrs["href"] == "/opensearch.xml"
    description = client.get("/opensearch.xml")
    assert description["Content-Type"].startswith("application/opensearchdescription+xml")
    assert b"/search?q={searchTerms}" in description.content


def test_withdrawn_updates_are_gone_on_the_next_search(
    client: Client, make_article: Callable[..., Article]
) -> None:
    article = make_article(headline="Bridge closed")
    assert card_ids(client.get("/search", {"q": "bridge"}).content) == [article.pk]
    actions.unpublish(article)
    assert card_ids(client.get("/search", {"q": "bridge"}).content) == []


SYNTAX = ['"', "'", "`", "*", "-", "^", ":", "(", ")", "{", "}", "+", "AND", "OR", "NOT"]
SYNTAX += ["NEAR", "NEAR(", "water", "ostrel", "é", "\\", "|", "&", "!", "<->", ":*", " "]
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(SYNTAX), max_size=12).map("".join),
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
def test_any_query_gets_a_sane_answer(
    client: Client, make_article: Callable[..., Article], text: str
) -> None:
    """On both databases: whatever is typed, a page, never a server error."""
    if not Article.objects.exists():
        make_article(headline="Water station in Ostrel")
    response = client.get("/search", {"q": text})
    assert response.status_code == 200, text


@pytest.mark.parametrize(
    "text", ["", "a", "a" * 1000, "x " * 500, '"unbalanced', "NEAR(a b, 2)", "* OR *", "-", "a:*"]
)
def test_edge_queries(client: Client, make_article: Callable[..., Article], text: str) -> None:
    make_article(headline="Water station in Ostrel")
    assert client.get("/search", {"q": text}).status_code == 200

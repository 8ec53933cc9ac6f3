""" "Read more" by meaning: earlier updates that share the article's words or
tags, after the ones that share the most tags; never the article itself."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.news.models import Article
from newsdesk.public.views import related
from tests.helpers import find_all, parse

pytestmark = pytest.mark.django_db


def read_more(client: Client, article: Article) -> list[int]:
    tree = parse(client.get(article.get_absolute_url()).content)
    section = find_all(tree, "section", class_="related")[0]
    return [int(c.attrs["data-article-id"]) for c in find_all(section, "article")]


def test_earlier_updates_with_the_same_words_come_before_the_newest(
    client: Client, make_article: Callable[..., Article]
) -> None:
    background = make_article(headline="Reservoir levels fall in Ostrel", lede="Dry summer.")
    for n in range(3):
        make_article(headline=f"Council meeting {n}", lede="Budget talks.")
    story = make_article(headline="Ostrel reservoir refilled after rain", lede="Levels rise.")
    newest = make_article(headline="Transport strike")
    shown = read_more(client, story)
    assert shown[0] == background.pk
    assert story.pk not in shown
    assert newest.pk in shown  # the rest is filled with the newest, as before


def test_shared_tags_still_come_first(client: Client, make_article: Callable[..., Article]) -> None:
    words = make_article(headline="Ostrel reservoir report")
    tagged = make_article(headline="Weather outlook", tags=["Water"])
    story = make_article(headline="Ostrel reservoir refilled", tags=["Water"])
    assert read_more(client, story)[:2] == [tagged.pk, words.pk]


def test_the_query_count_is_bounded(make_article: Callable[..., Article]) -> None:
    for n in range(6):
        make_article(headline=f"Ostrel reservoir report {n}", tags=["Water", f"Tag {n}"])
    story = make_article(headline="Ostrel reservoir refilled", tags=["Water"])
    item = Article.objects.prefetch_related("tags").get(pk=story.pk)
    with CaptureQueriesContext(connection) as queries:
        more, _filled = related(item)
    assert len(more) == 4
    assert len(queries.captured_queries) <= 6

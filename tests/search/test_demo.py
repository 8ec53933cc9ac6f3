"""The demo newsroom, searched as a reader would: words from a body, an
outlet's name and an author's name find those updates, newest relevant first."""

from __future__ import annotations

import pytest

from newsdesk.news import demo
from newsdesk.news.models import Article
from newsdesk.search import find
from newsdesk.search.query import parse

pytestmark = pytest.mark.django_db


def found(text: str) -> list[Article]:
    ids, _ = find.ranked(parse(text), find.Filters(), None, 500)
    by_id = Article.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids]


def test_the_demo_is_found_by_body_outlet_and_author() -> None:
    demo.load()
    saltyard = found("Saltyard")  # a word in a body only
    assert saltyard
    assert any(a.headline.startswith("Overnight shelling hits eastern districts") for a in saltyard)
    assert all("saltyard" in (a.body + a.headline + a.lede).lower() for a in saltyard)

    radio = found('"Radio Ostrel"')
    assert radio
    assert all(a.sources.filter(outlet__icontains="Radio Ostrel").exists() for a in radio[:5])

    maren = found("Achterberg")
    assert maren
    assert all(a.bylines.filter(author__name="Maren Achterberg").exists() for a in maren[:5])
    # Recency counts: among her updates, the first is from the last week of the archive.
    newest = max(a.published_at for a in maren if a.published_at)
    first = maren[0].published_at
    assert first is not None and newest is not None
    assert (newest - first).days <= 7

"""Ranking for news, pinned: relevance (BM25 / ts_rank_cd) x recency.

``score = relevance x (1 + H / (H + age))``, H = 3 days (docs/search.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.search import find
from newsdesk.search.query import parse

pytestmark = pytest.mark.django_db

FILLER = " ".join(
    f"Paragraph {n} on the budget, the harvest and the rail timetable." for n in range(12)
)


@pytest.fixture
def aged(make_article: Callable[..., Article]) -> Callable[..., Article]:
    # A background of updates without the words searched for: relevance
    # depends on how rare a word is, and in a tiny archive nothing is.
    for n in range(12):
        make_article(headline=f"Council meeting {n}", body=FILLER)

    def make(days: float, **fields: object) -> Article:
        draft = make_article(publish=False, **fields)
        return actions.publish(draft, at=timezone.now() - timedelta(days=days))

    return make


def order(text: str) -> list[int]:
    ids, _ = find.ranked(parse(text), find.Filters(), None, 20)
    return ids


def test_this_weeks_updates_come_before_older_ones_of_the_same_weight(
    aged: Callable[..., Article],
) -> None:
    last_year = aged(365, headline="Ceasefire holds in the south")
    last_month = aged(30, headline="Ceasefire holds in the east")
    today = aged(0.1, headline="Ceasefire holds in the north")
    assert order("ceasefire") == [today.pk, last_month.pk, last_year.pk]


def test_a_headline_match_beats_a_passing_mention(aged: Callable[..., Article]) -> None:
    mention = aged(0.1, headline="Morning briefing", body=FILLER + " A ceasefire was mentioned.")
    headline = aged(7, headline="Ceasefire talks resume in Geneva", body=FILLER)
    assert order("ceasefire talks") == [headline.pk]
    assert order("ceasefire") == [headline.pk, mention.pk]


def test_fields_weigh_in_their_order(aged: Callable[..., Article]) -> None:
    in_lede = aged(1, headline="Briefing one", lede="The harbour reopened.", body=FILLER)
    in_headline = aged(1, headline="Harbour reopened", lede="Briefing two.", body=FILLER)
    in_body = aged(1, headline="Briefing three", lede="Other news.", body=FILLER + " harbour")
    in_tag = aged(1, headline="Briefing four", lede="More news.", body=FILLER, tags=["Harbour"])
    assert order("harbour") == [in_headline.pk, in_lede.pk, in_body.pk, in_tag.pk]


def test_a_fresh_passing_mention_beats_a_year_old_one(aged: Callable[..., Article]) -> None:
    old = aged(365, headline="Briefing", body=FILLER + " flooding")
    new = aged(0.1, headline="Briefing", body=FILLER + " flooding")
    assert order("flooding") == [new.pk, old.pk]

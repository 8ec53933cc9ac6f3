"""The index moves with the articles, in the same transaction, on both databases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from newsdesk.search import find
from newsdesk.search.models import Document
from newsdesk.search.query import parse

pytestmark = pytest.mark.django_db


def found(text: str) -> list[int]:
    ids, _ = find.ranked(parse(text), find.Filters(), None, 50)
    return ids


def desk_found(text: str) -> list[int]:
    return list(
        Article.objects.filter(pk__in=find.matching(parse(text), public_only=False))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def test_published_corrected_and_withdrawn_on_the_next_search(
    make_article: Callable[..., Article],
) -> None:
    article = make_article(headline="Water station in Ostrel reopens", body="Crews **worked**.")
    assert found("ostrel") == [article.pk]
    assert found("worked") == [article.pk]  # body text, without its markup
    actions.correct(
        article, body="Crews repaired the pumps overnight.", note="The pumps were repaired."
    )
    article.refresh_from_db()
    assert found("pumps") == [article.pk]
    assert found("worked") == []
    actions.unpublish(article)
    assert found("ostrel") == []
    assert desk_found("ostrel") == [article.pk]  # the desk still finds its own archive


def test_drafts_are_for_the_desk_only(make_article: Callable[..., Article]) -> None:
    draft = make_article(publish=False, headline="Embargoed budget figures")
    assert found("embargoed") == []
    assert desk_found("embargoed") == [draft.pk]
    published = actions.publish(draft)
    assert found("embargoed") == [published.pk]


def test_a_failed_change_leaves_the_index_as_it_was(make_article: Callable[..., Article]) -> None:
    article = make_article(headline="Bridge closed for repairs")
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.unpublish(article)
        raise RuntimeError("the change is rolled back")
    assert found("bridge") == [article.pk]


def test_every_field_is_searched_without_diacritics(
    make_article: Callable[..., Article], author: Author
) -> None:
    article = make_article(
        headline="Night shift",
        lede="Quiet streets.",
        body="The mayor spoke at noon.",
        tags=["Kharkiv région"],
        sources=[actions.SourceInput(outlet="Ukrainska Pravda", url="https://example.com/a")],
    )
    for text in ["night", "quiet", "mayor", "REGION", "région", "pravda", author.name.split()[0]]:
        assert found(text) == [article.pk], text


def test_renaming_a_tag_or_author_moves_their_articles(
    make_article: Callable[..., Article], author: Author
) -> None:
    article = make_article(tags=["Energy"])
    tag = article.tags.get()
    actions.update_tag(tag, name="Power grid")
    assert found("grid") == [article.pk]
    assert found("energy") == []
    actions.update_author(author, name="Olena Kovalenko")
    assert found("kovalenko") == [article.pk]


def test_type_ahead_matches_the_start_of_a_word(make_article: Callable[..., Article]) -> None:
    article = make_article(headline="Ceasefire talks resume")
    assert found("ceasef") == [article.pk]
    assert found("ceasef ") == []  # a finished word is a word


def test_date_tag_and_author_filters(make_article: Callable[..., Article], author: Author) -> None:
    energy = make_article(headline="Grid repairs", tags=["Energy"])
    other = make_article(headline="Grid repairs again", tags=["Transport"], authors=[])
    tag_id = energy.tags.get().pk
    ids, _ = find.ranked(parse("grid"), find.Filters(tag_id=tag_id), None, 10)
    assert ids == [energy.pk]
    ids, _ = find.ranked(parse("grid"), find.Filters(author_id=author.pk), None, 10)
    assert ids == [energy.pk]
    now = timezone.now()
    ids, _ = find.ranked(parse("grid"), find.Filters(since=now + timedelta(days=1)), None, 10)
    assert ids == []
    ids, _ = find.ranked(parse("grid"), find.Filters(until=now + timedelta(days=1)), None, 10)
    assert set(ids) == {energy.pk, other.pk}


def test_pages_follow_on_without_repeats(make_article: Callable[..., Article]) -> None:
    made = {make_article(headline=f"Flood warning {n}").pk for n in range(7)}
    seen: list[int] = []
    cursor = None
    for _ in range(4):
        ids, cursor = find.ranked(parse("flood"), find.Filters(), cursor, 3)
        seen += ids
        if cursor is None:
            break
        assert find.Cursor.decode(cursor.encode()) == cursor
    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen))


def test_the_index_holds_one_document_per_article(make_article: Callable[..., Article]) -> None:
    article = make_article()
    actions.update(article, headline="A new headline")
    assert Document.objects.filter(article=article).count() == 1

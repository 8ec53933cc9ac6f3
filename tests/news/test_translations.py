"""Translations: a linked draft in another of the site's languages, one group."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError

from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Author, Event
from newsdesk.news.roles import CONTRIBUTOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(
    site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> Article:
    site_languages("en, uk, ar")
    return make_article(
        headline="Talks resume in Geneva",
        tags=["Diplomacy", "Geneva"],
        sources=[actions.SourceInput(outlet="Reuters", url="https://example.com/r")],
    )


def test_a_translation_is_a_linked_draft_with_sources_tags_and_authors(
    original: Article, author: Author
) -> None:
    draft = actions.translate(original, language="uk")
    assert draft.status == Article.Status.DRAFT
    assert draft.language == "uk"
    assert draft.translation_of_id == original.pk
    assert [t.name for t in draft.tags.order_by("name")] == ["Diplomacy", "Geneva"]
    assert [s.outlet for s in draft.sources.all()] == ["Reuters"]
    assert [b.author for b in draft.bylines.all()] == [author]
    assert (draft.headline, draft.lede, draft.body) == (
        original.headline,
        original.lede,
        original.body,
    )
    assert Event.objects.filter(article=draft, type="article.draft_created").exists()
    entry = AuditEntry.objects.get(action="translate")
    assert entry.detail == {
        "article": draft.pk,
        "translation_of": original.pk,
        "language": "uk",
        "by": "system",
    }


def test_the_group_links_every_update_to_all_the_others(original: Article) -> None:
    ukrainian = actions.translate(original, language="uk")
    arabic = actions.translate(ukrainian, language="ar")
    assert arabic.translation_of_id == original.pk  # the group's first, not a chain
    assert list(actions.translations(original)) == [arabic, ukrainian]
    assert list(actions.translations(arabic)) == [original, ukrainian]
    assert actions.missing_languages(original) == []


def test_one_translation_per_language_and_only_the_sites_languages(original: Article) -> None:
    actions.translate(original, language="uk")
    with pytest.raises(ValidationError) as caught:
        actions.translate(original, language="uk")
    assert caught.value.message_dict == {
        "language": [
            "This update already has a translation in that language: “Talks resume in Geneva”."
        ]
    }
    with pytest.raises(ValidationError) as caught:
        actions.translate(original, language="de")
    assert caught.value.message_dict == {
        "language": ["Choose one of the site's languages: en, uk, ar."]
    }
    with pytest.raises(ValidationError) as caught:
        actions.translate(original, language="en")
    assert caught.value.message_dict == {
        "language": ["This update is already in that language; choose another."]
    }


def test_the_slug_follows_the_translated_headline_until_published(original: Article) -> None:
    draft = actions.translate(original, language="uk")
    assert draft.slug == "talks-resume-in-geneva-2"
    draft = actions.update(draft, headline="Переговори у Женеві відновилися")
    assert draft.slug == "переговори-у-женеві-відновилися"
    draft = actions.publish(draft)
    draft = actions.update(draft, headline="Переговори у Женеві тривають")
    assert draft.slug == "переговори-у-женеві-відновилися"  # stable once published
    original.refresh_from_db()
    assert original.slug == "talks-resume-in-geneva"


def test_an_article_language_is_one_of_the_sites(original: Article) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(headline="Gespräche", language="de")
    assert caught.value.message_dict == {
        "language": ["Choose one of the site's languages: en, uk, ar."]
    }
    assert actions.create_draft(headline="Talks", language="uk").language == "uk"


def test_a_contributor_translates_only_what_they_may_see(original: Article) -> None:
    writer = User.objects.create_user("cora", password="a long enough password 123")
    writer.groups.add(Group.objects.get(name=CONTRIBUTOR))
    writer = User.objects.get(pk=writer.pk)
    with pytest.raises(PermissionDenied):
        actions.translate(original, language="uk", user=writer)
    assert not Article.objects.filter(language="uk").exists()


def test_an_update_keeps_a_language_the_site_has_dropped(
    site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> None:
    site_languages("en, uk")
    ukrainian = make_article(headline="Пороми ходять", language="uk")
    site_languages("en")
    ukrainian = actions.update(ukrainian, language="uk", lede="Знову за розкладом.")
    assert ukrainian.language == "uk"
    with pytest.raises(ValidationError):
        actions.update(ukrainian, language="ar")

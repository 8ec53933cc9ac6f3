"""Translations through the API: started by the Admin API, shown on both sides."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings

from newsdesk.news import actions
from newsdesk.news.models import Article

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(site_languages: Callable[[str], None], make_article: Callable[..., Article]) -> Article:
    site_languages("en, uk, ar")
    return make_article(headline="Ferry service resumes", tags=["Transport"])


def test_the_admin_api_starts_a_translation(api: Api, editor: Credential, english: Article) -> None:
    answer = api.send(
        "POST", f"/api/admin/articles/{english.pk}/translate", editor, {"language": "uk"}
    )
    assert answer.status_code == 201
    draft = answer.json()
    assert (draft["status"], draft["language"], draft["translation_of"]) == (
        "draft",
        "uk",
        english.pk,
    )
    assert [t["name"] for t in draft["tags"]] == ["Transport"]
    assert [t["id"] for t in draft["translations"]] == [english.pk]

    again = api.send(
        "POST", f"/api/admin/articles/{english.pk}/translate", editor, {"language": "uk"}
    )
    assert again.status_code == 400
    refused = api.send(
        "POST", f"/api/admin/articles/{english.pk}/translate", editor, {"language": "de"}
    )
    assert refused.status_code == 400
    assert "Choose one of the site's languages: en, uk, ar." in refused.content.decode()


def test_the_content_api_shows_published_translations_only(api: Api, english: Article) -> None:
    ukrainian = actions.publish(actions.translate(english, language="uk"))
    actions.translate(english, language="ar")  # a draft: not for readers
    shown = api.get(f"/api/content/articles/{english.pk}").json()
    assert shown["translation_of"] is None
    assert shown["translations"] == [
        {
            "id": ukrainian.pk,
            "language": "uk",
            "url": settings.NEWSDESK_SITE_URL + ukrainian.get_absolute_url(),
        }
    ]
    other = api.get(f"/api/content/articles/{ukrainian.pk}").json()
    assert other["translation_of"] == english.pk
    assert [t["id"] for t in other["translations"]] == [english.pk]


def test_a_contributor_sees_only_the_translations_they_may_see(
    api: Api, make_token: Callable[[str], Credential], editor: Credential, english: Article
) -> None:
    writer = make_token("contributor")
    own = actions.create_draft(headline="Ferries run again", user=writer.user)
    actions.translate(own, language="uk", user=editor.user)  # the desk's drafts, not the writer's
    actions.translate(own, language="ar", user=editor.user)
    assert api.get(f"/api/admin/articles/{own.pk}", writer).json()["translations"] == []
    seen = api.get(f"/api/admin/articles/{own.pk}", editor).json()["translations"]
    assert [t["language"] for t in seen] == ["ar", "uk"]

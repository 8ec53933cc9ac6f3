"""The composer's "Translate this update" and its language choice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from newsdesk.news import actions
from newsdesk.news.models import Article
from tests.helpers import find_all, parse, text_of

from .conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(site_languages: Callable[[str], None], make_article: Callable[..., Article]) -> Article:
    site_languages("en, uk")
    return make_article(
        headline="Ferry service resumes",
        tags=["Transport"],
        sources=[actions.SourceInput("Harbour Courier", "https://courier.example/f")],
    )


def test_translate_this_update_opens_a_linked_draft(english: Article, editor: User) -> None:
    client = signed_in(editor)
    page = parse(client.get(f"/desk/articles/{english.pk}/").content)
    form = find_all(page, "form", action=f"/desk/articles/{english.pk}/translate/")[0]
    assert text_of(find_all(form, "button")[0]) == "Translate this update"
    assert find_all(form, "input", name="language")[0].attrs["value"] == "uk"

    response = client.post(f"/desk/articles/{english.pk}/translate/", {"language": "uk"})
    draft = Article.objects.get(language="uk")
    assert response.status_code == 302
    assert response["Location"] == f"/desk/articles/{draft.pk}/"
    assert draft.translation_of_id == english.pk
    assert [s.outlet for s in draft.sources.all()] == ["Harbour Courier"]
    assert [t.name for t in draft.tags.all()] == ["Transport"]

    page = parse(client.get(f"/desk/articles/{draft.pk}/").content)
    listed = find_all(page, "section", class_="translations")[0]
    assert [a.attrs["href"] for a in find_all(listed, "a")] == [f"/desk/articles/{english.pk}/"]
    assert not find_all(listed, "form")  # every language has its update now
    options = find_all(page, "select", name="language")[0]
    assert [o.attrs["value"] for o in find_all(options, "option")] == ["en", "uk"]
    assert find_all(options, "option", selected=True)[0].attrs["value"] == "uk"


def test_a_second_translation_into_a_language_is_refused(english: Article, editor: User) -> None:
    actions.translate(english, language="uk")
    client = signed_in(editor)
    response = client.post(
        f"/desk/articles/{english.pk}/translate/", {"language": "uk"}, follow=True
    )
    assert Article.objects.filter(language="uk").count() == 1
    assert "already has a translation in that language" in response.content.decode()


def test_a_contributor_cannot_translate_someone_elses_update(
    english: Article, contributor: User
) -> None:
    client = signed_in(contributor)
    response = client.post(f"/desk/articles/{english.pk}/translate/", {"language": "uk"})
    assert response.status_code == 403
    assert not Article.objects.filter(language="uk").exists()


def test_an_admin_lists_the_sites_languages_in_the_settings(admin_user: User) -> None:
    from newsdesk.desk.actions import set_desk_language
    from newsdesk.site.models import SiteSettings

    # The site's language becomes Ukrainian; the admin's desk stays English.
    set_desk_language(admin_user, language="en", user=admin_user)
    client = signed_in(admin_user)
    form = {"site_name": "", "description": "", "contact_line": "", "time_zone": ""}
    response = client.post(
        "/desk/settings/",
        {**form, "language": "uk", "languages": "uk, EN, ar", "default_author": ""},
    )
    assert response.status_code == 302
    assert SiteSettings.objects.get().languages == "uk, en, ar"
    assert actions.create_draft(headline="News", language="ar").language == "ar"
    response = client.post(
        "/desk/settings/", {**form, "language": "uk", "languages": "uk, xx", "default_author": ""}
    )
    assert response.status_code == 400
    assert "xx: not a language code we know" in response.content.decode()
    field = find_all(parse(client.get("/desk/settings/").content), "input", name="languages")[0]
    assert field.attrs["value"] == "uk, en, ar"


def test_the_desk_home_marks_updates_in_another_language(english: Article, editor: User) -> None:
    draft = actions.update(actions.translate(english, language="uk"), headline="Пороми ходять")
    actions.create_draft(headline="Timetables change")  # the default language: unmarked
    page = parse(signed_in(editor).get("/desk/").content)
    rows = {text_of(find_all(r, "a")[0]): r for r in find_all(page, "tr") if find_all(r, "a")}
    assert [text_of(b) for b in find_all(rows[draft.headline], "span", class_="badge")] == ["uk"]
    assert not find_all(rows["Timetables change"], "span", class_="badge")

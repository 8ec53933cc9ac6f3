"""The desk's live coverage pages: list, open, edit with a preview, add and
remove updates, pin, end with a confirm step; the composer's choice of
coverages. Who may is the actions' rule, whatever the door."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from newsdesk.news import actions
from newsdesk.news.models import Article, Coverage
from tests.helpers import find_all, parse, text_of

from .conftest import signed_in
from .test_compose import form

pytestmark = pytest.mark.django_db


def open_form(**fields: Any) -> dict[str, Any]:
    data = {"title": "Ceasefire talks, day 3", "key_points": "- Delegations met", "language": "en"}
    data.update(fields)
    return data


def test_an_editor_opens_a_coverage_and_sees_it_listed_open_first(editor: User) -> None:
    client = signed_in(editor)
    ended = actions.open_coverage(title="Yesterday's floods")
    actions.end_coverage(ended)
    page = parse(client.get("/desk/coverages/new/").content)
    assert find_all(page, "textarea", name="key_points")
    preview = client.post("/desk/coverages/new/", {**open_form(), "do": "preview"})
    assert preview.status_code == 200
    assert "<li>Delegations met</li>" in preview.content.decode()
    assert Coverage.objects.count() == 1  # a preview saves nothing
    response = client.post("/desk/coverages/new/", open_form(started_at="2026-12-08T06:30"))
    assert response.status_code == 302
    talks = Coverage.objects.get(slug="ceasefire-talks-day-3")
    assert response["Location"] == f"/desk/coverages/{talks.pk}/"
    assert talks.key_points_html == "<ul>\n<li>Delegations met</li>\n</ul>"
    assert talks.started_at.isoformat() == "2026-12-08T06:30:00+00:00"
    listing = parse(client.get("/desk/coverages").content)
    rows = [text_of(r) for r in find_all(listing, "tr")][1:]
    assert rows[0].startswith("Ceasefire talks, day 3 Live 0")
    assert rows[1].startswith("Yesterday's floods Ended 0")
    nav = [a.attrs["href"] for a in find_all(parse(client.get("/desk/").content), "a")]
    assert "/desk/coverages/" in nav


def test_bad_input_is_a_form_error_and_opens_nothing(editor: User) -> None:
    client = signed_in(editor)
    response = client.post("/desk/coverages/new/", open_form(title="", language="xx"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Select a valid choice" in text
    response = client.post("/desk/coverages/new/", open_form(title="  "))
    assert response.status_code == 400
    assert "A live coverage needs a title." in response.content.decode()
    assert not Coverage.objects.exists()


def test_contributors_cannot_manage_coverages(contributor: User) -> None:
    client = signed_in(contributor)
    talks = actions.open_coverage(title="Ceasefire talks")
    assert client.get("/desk/coverages/").status_code == 200
    for path in ("/desk/coverages/new/", f"/desk/coverages/{talks.pk}/"):
        assert client.get(path).status_code == 403
        assert client.post(path, open_form()).status_code == 403
    assert client.post(f"/desk/coverages/{talks.pk}/end", {"confirm": "yes"}).status_code == 403
    talks.refresh_from_db()
    assert talks.is_open and talks.title == "Ceasefire talks"


def test_add_pin_remove_and_end_with_a_confirm_step(editor: User, make_article: Any) -> None:
    client = signed_in(editor)
    talks = actions.open_coverage(title="Ceasefire talks")
    story = make_article(headline="Delegations arrive")
    page = parse(client.get(f"/desk/coverages/{talks.pk}/").content)
    assert str(story.pk) in [o.attrs["value"] for o in find_all(page, "option")]
    updates = f"/desk/coverages/{talks.pk}/updates"
    assert client.post(updates, {"do": "add", "article": story.pk}).status_code == 302
    assert list(talks.articles.all()) == [story]
    client.post(updates, {"do": "pin", "article": story.pk})
    talks.refresh_from_db()
    assert talks.pinned == story
    assert client.post(updates, {"do": "add", "article": "1; drop"}).status_code == 302
    client.post(updates, {"do": "remove", "article": story.pk})
    talks.refresh_from_db()
    assert not talks.articles.exists() and talks.pinned is None
    confirm = client.get(f"/desk/coverages/{talks.pk}/end/")
    assert "Are you sure?" in confirm.content.decode()
    client.post(f"/desk/coverages/{talks.pk}/end/", {})  # no confirm: nothing happens
    talks.refresh_from_db()
    assert talks.is_open
    client.post(f"/desk/coverages/{talks.pk}/end/", {"confirm": "yes"})
    talks.refresh_from_db()
    assert not talks.is_open
    refused = client.post(updates, {"do": "add", "article": story.pk}, follow=True)
    assert "has ended: it takes no new updates" in refused.content.decode()
    assert not talks.articles.exists()


def test_the_composer_offers_open_coverages_and_joins_them(contributor: User) -> None:
    client = signed_in(contributor)
    talks = actions.open_coverage(title="Ceasefire talks")
    ended = actions.open_coverage(title="Yesterday's floods")
    actions.end_coverage(ended)
    page = parse(client.get("/desk/new/").content)
    offered = [i.attrs["value"] for i in find_all(page, "input", name="coverages")]
    assert offered == [str(talks.pk)]
    response = client.post("/desk/new/", {**form(), "coverages": [str(talks.pk)]})
    assert response.status_code == 302
    article = Article.objects.get()
    assert list(article.coverages.all()) == [talks]
    refused = client.post("/desk/new/", {**form(headline="Late"), "coverages": [str(ended.pk)]})
    assert refused.status_code == 400
    assert "has ended: it takes no new updates" in refused.content.decode()
    assert not Article.objects.filter(headline="Late").exists()
    edit = parse(client.get(f"/desk/articles/{article.pk}/").content)
    [box] = find_all(edit, "input", name="coverages")
    assert "checked" in box.attrs

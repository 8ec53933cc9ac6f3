"""Drafts from the wire: one draft per item or story, every outlet of a story attributed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from newsdesk.news.actions import MAX_SOURCES
from newsdesk.news.models import Article
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles
from newsdesk.wire.models import Source, Story, WireItem

pytestmark = pytest.mark.django_db


def person(name: str, role: str) -> User:
    ensure_roles()
    user = User.objects.create_user(name)
    user.groups.add(Group.objects.get(name=role))
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def outlet(n: int) -> Source:
    return Source.objects.create(url=f"https://outlet{n}.example/feed", outlet=f"Outlet {n}")


def item(source: Source, n: int, story: Story | None = None) -> WireItem:
    return WireItem.objects.create(
        source=source,
        external_id=f"id-{n}",
        url=f"{source.url.removesuffix('feed')}{n}",
        title=f"The gale closes the harbour, report {n}",
        summary=f"Report {n}: the harbour closed at noon. Ferries are cancelled.",
        story=story,
    )


def test_drafting_an_item_twice_opens_the_first_draft() -> None:
    casey = person("casey", CONTRIBUTOR)
    wire_item = item(outlet(1), 1)
    desk = signed_in(casey)
    first = desk.post(reverse("wire:draft", args=[wire_item.pk]))
    article = Article.objects.get()
    assert first["Location"] == reverse("desk:edit", args=[article.pk])
    again = desk.post(reverse("wire:draft", args=[wire_item.pk]))
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Article.objects.count() == 1
    wire_item.refresh_from_db()
    assert wire_item.used_article == article
    page = desk.get(reverse("wire:item", args=[wire_item.pk])).content.decode()
    assert "Open the draft" in page and "Draft update from this" not in page


def test_someone_who_cannot_see_the_first_draft_is_told_instead() -> None:
    wire_item = item(outlet(1), 1)
    signed_in(person("casey", CONTRIBUTOR)).post(reverse("wire:draft", args=[wire_item.pk]))
    article = Article.objects.get()
    other = signed_in(person("robin", CONTRIBUTOR))
    response = other.post(reverse("wire:draft", args=[wire_item.pk]), follow=True)
    assert response.redirect_chain == [(reverse("wire:item", args=[wire_item.pk]), 302)]
    assert (
        f"This item is already in a draft (#{article.pk}) that you cannot open; "
        "ask an editor." in response.content.decode()
    )
    assert Article.objects.count() == 1
    # An editor sees every draft: it opens.
    editor = signed_in(person("edie", EDITOR))
    opened = editor.post(reverse("wire:draft", args=[wire_item.pk]))
    assert opened["Location"] == reverse("desk:edit", args=[article.pk])


def test_a_draft_from_a_story_attributes_every_outlet_once() -> None:
    story = Story.objects.create(title="The gale closes the harbour")
    first, second, third = outlet(1), outlet(2), outlet(3)
    items = [item(second, 1, story), item(first, 2, story), item(second, 3, story)]
    items.append(item(third, 4, story))
    WireItem.objects.create(source=third, external_id="gone", story=story, is_deleted=True)
    desk = signed_in(person("casey", CONTRIBUTOR))
    response = desk.post(reverse("wire:story_draft", args=[story.pk]))
    article = Article.objects.get()
    assert response["Location"] == reverse("desk:edit", args=[article.pk])
    # The earliest report leads; each outlet once, in the order they reported.
    assert article.headline == "The gale closes the harbour, report 1"
    assert article.lede == "Report 1: the harbour closed at noon. Ferries are cancelled."
    assert [(s.outlet, s.url, s.quote_style) for s in article.sources.order_by("position")] == [
        ("Outlet 2", "https://outlet2.example/1", "according to"),
        ("Outlet 1", "https://outlet1.example/2", "according to"),
        ("Outlet 3", "https://outlet3.example/4", "according to"),
    ]
    assert set(WireItem.objects.filter(is_deleted=False).values_list("status", "used_article")) == {
        ("used", article.pk)
    }
    # Again, from the story or any of its items: the same draft.
    again = desk.post(reverse("wire:story_draft", args=[story.pk]))
    assert again["Location"] == response["Location"]
    assert desk.post(reverse("wire:draft", args=[items[3].pk]))["Location"] == again["Location"]
    assert Article.objects.count() == 1


def test_a_story_draft_names_at_most_the_actions_limit_of_outlets() -> None:
    story = Story.objects.create(title="Everyone reports the gale")
    for n in range(MAX_SOURCES + 3):
        item(outlet(n), n, story)
    signed_in(person("casey", CONTRIBUTOR)).post(reverse("wire:story_draft", args=[story.pk]))
    article = Article.objects.get()
    assert article.sources.count() == MAX_SOURCES
    assert WireItem.objects.filter(used_article=article).count() == MAX_SOURCES + 3


def test_a_story_draft_is_a_post() -> None:
    story = Story.objects.create(title="The gale")
    item(outlet(1), 1, story)
    desk = signed_in(person("casey", CONTRIBUTOR))
    assert desk.get(reverse("wire:story_draft", args=[story.pk])).status_code == 405
    assert not Article.objects.exists()

"""Managing wire sources: who may (the site can keep it to editors), and from every door."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsdesk.news.permissions import ActionDenied, can
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles
from newsdesk.site.actions import update_settings
from newsdesk.wire.discover import add_source
from newsdesk.wire.models import Source

from .conftest import FeedServer, Reply, sample

pytestmark = pytest.mark.django_db

RSS = {"Content-Type": "application/rss+xml"}


def person(name: str, role: str) -> User:
    ensure_roles()
    user = User.objects.create_user(name)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def contributor(db: None) -> User:
    return person("casey", CONTRIBUTOR)


@pytest.fixture
def editor(db: None) -> User:
    return person("edie", EDITOR)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_site_can_keep_wire_sources_to_editors(
    server: FeedServer, wire_settings: Any, contributor: User, editor: User
) -> None:
    server.routes["/rss.xml"] = Reply(200, sample("rss20.xml"), RSS)
    url = server.url("/rss.xml")
    assert can(contributor, "wire.manage") and can(editor, "wire.manage")
    update_settings(wire_sources_editors_only=True)
    assert not can(contributor, "wire.manage") and can(editor, "wire.manage")

    # The same answer from every door, before anything is fetched.
    with pytest.raises(ActionDenied, match="^You do not have permission to manage wire sources.$"):
        add_source(url, contributor)
    with pytest.raises(CommandError, match="^You do not have permission to manage wire sources.$"):
        call_command("wire", "add", url, "--as", "casey", stdout=StringIO())
    desk = signed_in(contributor)
    assert desk.post(reverse("wire:sources"), {"url": url}).status_code == 403
    assert server.seen == [] and not Source.objects.exists()

    # Contributors still read the wire and see its sources, without the controls.
    page = desk.get(reverse("wire:sources"))
    assert page.status_code == 200
    assert 'name="url"' not in page.content.decode()
    assert desk.get(reverse("wire:queue")).status_code == 200

    signed_in(editor).post(reverse("wire:sources"), {"url": url})
    source = Source.objects.get()
    assert source.created_by == editor
    assert desk.post(reverse("wire:refresh", args=[source.pk])).status_code == 403
    assert 'name="url"' in signed_in(editor).get(reverse("wire:sources")).content.decode()

    update_settings(wire_sources_editors_only=False)
    assert can(contributor, "wire.manage")
    assert desk.post(reverse("wire:refresh", args=[source.pk])).status_code == 302


def test_the_setting_is_private_to_the_desk(db: None) -> None:
    from newsdesk.news.models import Event

    update_settings(wire_sources_editors_only=True)
    event = Event.objects.filter(type="site.updated").latest("id")
    assert event.payload["changed"] == []


@pytest.fixture
def source(db: None) -> Source:
    return Source.objects.create(
        url="https://northern.example/rss.xml",
        outlet="Northern Wire",
        state="ok",
        etag='"v7"',
        last_modified="Tue, 24 Nov 2026 06:20:00 GMT",
    )


def test_a_source_is_edited_from_the_desk(source: Source, contributor: User) -> None:
    desk = signed_in(contributor)
    url = reverse("wire:edit_source", args=[source.pk])
    page = desk.get(url).content.decode()
    assert 'value="Northern Wire"' in page and 'value="https://northern.example/rss.xml"' in page
    response = desk.post(
        url, {"outlet": "  Northern Wire Agency ", "url": "https://nw.example/feed"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wire:sources")
    source.refresh_from_db()
    assert (source.outlet, source.url) == ("Northern Wire Agency", "https://nw.example/feed")
    assert (source.etag, source.last_modified) == ("", "")  # the new URL is read afresh

    Source.objects.create(url="https://other.example/feed")
    for bad, message in [
        ("ftp://nw.example/feed", "Enter an http(s) URL."),
        ("http://0177.0.0.1/", "is not a URL that can be fetched"),
        ("https://other.example/feed", "Another source already reads https://other.example/feed."),
    ]:
        refused = desk.post(url, {"outlet": "Changed", "url": bad})
        assert refused.status_code == 400
        assert message in refused.content.decode()
    source.refresh_from_db()
    assert (source.outlet, source.url) == ("Northern Wire Agency", "https://nw.example/feed")


def test_a_paused_source_is_not_polled_until_resumed(
    source: Source, contributor: User, clock: Any
) -> None:
    from newsdesk.wire.fetch import claim_due, refresh_due

    Source.objects.filter(pk=source.pk).update(next_check_at=clock.now)
    desk = signed_in(contributor)
    desk.post(reverse("wire:pause", args=[source.pk]), {"paused": "1"})
    source.refresh_from_db()
    assert source.paused
    assert "Paused" in desk.get(reverse("wire:sources")).content.decode()
    assert claim_due(clock.now, 10) == []
    assert refresh_due(everything=True, clock=clock) == []
    out = StringIO()
    call_command("wire", "status", stdout=out)
    assert "state ok, paused, 0 errors" in out.getvalue()

    desk.post(reverse("wire:pause", args=[source.pk]), {"paused": "0"})
    source.refresh_from_db()
    assert not source.paused
    assert claim_due(timezone.now(), 10) == [source]


def test_deleting_a_source_keeps_the_items_used_in_drafts(
    source: Source, contributor: User
) -> None:
    from newsdesk.news.models import Article
    from newsdesk.wire.models import Story, WireItem

    story = Story.objects.create(title="The gale", item_count=3)
    other = Source.objects.create(url="https://coastal.example/feed", outlet="Coastal Monitor")
    items = [
        WireItem.objects.create(
            source=source,
            external_id=f"id-{n}",
            url=f"https://northern.example/{n}",
            title=f"Item {n} about the gale",
            summary="Crews worked through the night.",
            story=story,
        )
        for n in range(3)
    ]
    WireItem.objects.create(source=other, external_id="c", title="Other outlet", story=story)
    desk = signed_in(contributor)
    desk.post(reverse("wire:draft", args=[items[0].pk]))
    article = Article.objects.get()

    confirm = desk.get(reverse("wire:delete", args=[source.pk]))
    assert confirm.status_code == 200
    assert "except 1 used in a draft, which is kept" in confirm.content.decode()
    assert Source.objects.filter(pk=source.pk).exists()  # a GET changes nothing

    response = desk.post(reverse("wire:delete", args=[source.pk]), follow=True)
    assert "Deleted Northern Wire and 2 items; 1 used in drafts are kept." in (
        response.content.decode()
    )
    assert not Source.objects.filter(pk=source.pk).exists()
    kept = WireItem.objects.get(pk=items[0].pk)
    assert (kept.source, kept.outlet, kept.used_article) == (None, "Northern Wire", article)
    assert not WireItem.objects.filter(pk__in=[items[1].pk, items[2].pk]).exists()
    story.refresh_from_db()
    assert story.item_count == 2
    assert [(s.outlet, s.url) for s in article.sources.all()] == [
        ("Northern Wire", "https://northern.example/0")
    ]
    page = desk.get(reverse("wire:item", args=[kept.pk])).content.decode()
    assert "Northern Wire" in page and "Used by the desk" in page
    assert desk.get(reverse("wire:queue")).status_code == 200
    polled = {i["id"]: i["source"] for i in desk.get(reverse("wire:poll")).json()["items"]}
    assert polled[kept.pk] == "Northern Wire"


@pytest.mark.parametrize("name", ["edit_source", "pause", "delete"])
def test_changing_a_source_needs_the_rule_and_a_csrf_token(
    name: str, source: Source, contributor: User
) -> None:
    url = reverse(f"wire:{name}", args=[source.pk])
    form = {"outlet": "X", "url": "https://x.example/", "paused": "1"}
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(contributor)
    assert forged.post(url, form).status_code == 403
    update_settings(wire_sources_editors_only=True)
    desk = signed_in(contributor)
    assert desk.get(url).status_code in (403, 405)
    assert desk.post(url, form).status_code == 403
    source.refresh_from_db()
    assert (source.outlet, source.paused) == ("Northern Wire", False)


def test_the_source_actions_check_the_rule_themselves(source: Source, contributor: User) -> None:
    from newsdesk.wire.actions import delete_source, pause_source, update_source

    update_settings(wire_sources_editors_only=True)
    for act in (
        lambda: update_source(source, contributor, outlet="X", url=source.url),
        lambda: pause_source(source, contributor),
        lambda: delete_source(source, contributor),
    ):
        with pytest.raises(ActionDenied):
            act()
    assert Source.objects.get(pk=source.pk).outlet == "Northern Wire"

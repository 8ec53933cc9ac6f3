"""Managing wire sources: who may (the site can keep it to editors), and from every door."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

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

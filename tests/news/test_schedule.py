"""Submitting for review, scheduling, and the worker publishing what is due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from newsdesk.hooks.delivery import make_clients
from newsdesk.news import actions
from newsdesk.news.models import Article, Event, Revision
from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles
from newsdesk.worker.loop import run_once

pytestmark = pytest.mark.django_db


def member(name: str, group: str) -> User:
    ensure_roles()
    user = User.objects.create_user(name, password="not-used-here-123")
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # a fresh permission cache


def test_submit_moves_a_draft_to_review(make_article: Callable[..., Article]) -> None:
    contributor = member("cora", CONTRIBUTOR)
    draft = make_article(publish=False, user=contributor)  # their own draft
    submitted = actions.submit(draft, user=contributor, expected_version=draft.version)
    assert submitted.status == Article.Status.REVIEW
    assert submitted.version == draft.version + 1
    revision = Revision.objects.filter(article=draft).order_by("-number").first()
    assert revision is not None
    assert (revision.action, revision.created_by) == ("submit", contributor)
    event = Event.objects.filter(article=draft).order_by("-id").first()
    assert event is not None
    assert (event.type, event.public) == ("article.draft_updated", False)
    assert event.payload["status"] == "review"
    with pytest.raises(ValidationError, match="This article is already in review."):
        actions.submit(submitted)
    with pytest.raises(ValidationError, match="Only a draft can be submitted for review."):
        actions.submit(make_article())


def test_submit_needs_change_permission(make_article: Callable[..., Article]) -> None:
    nobody = User.objects.create_user("nobody", password="not-used-here-123")
    with pytest.raises(PermissionDenied, match="submit this article for review"):
        actions.submit(make_article(publish=False), user=nobody)


def test_schedule_validates_and_needs_publish_permission(
    make_article: Callable[..., Article],
) -> None:
    draft = make_article(publish=False)
    soon = timezone.now() + timedelta(hours=1)
    with pytest.raises(PermissionDenied, match="You do not have permission to schedule articles."):
        actions.schedule(draft, publish_at=soon, user=member("cora", CONTRIBUTOR))
    empty = make_article(publish=False, lede="", body="")
    with pytest.raises(ValidationError) as caught:
        actions.schedule(empty, publish_at=timezone.now() - timedelta(minutes=1))
    assert caught.value.message_dict == {
        "publish_at": ["Choose a time in the future, or publish now instead."],
        "body": ["An update needs a lede or a body before it can be published."],
    }
    with pytest.raises(ValidationError, match="Only a draft or an article in review"):
        actions.schedule(make_article(), publish_at=soon)
    with pytest.raises(ValueError, match="timezone-aware"):
        actions.schedule(draft, publish_at=soon.replace(tzinfo=None))
    with pytest.raises(ValidationError, match="Someone else saved this article"):
        actions.schedule(draft, publish_at=soon, expected_version=draft.version - 1)


def test_a_scheduled_article_stays_private_until_due(
    make_article: Callable[..., Article],
) -> None:
    editor = member("edith", EDITOR)
    older = make_article()
    draft = make_article(publish=False, headline="Polls close at eight")
    due = timezone.now() + timedelta(hours=2)
    scheduled = actions.schedule(draft, publish_at=due, user=editor)
    assert (scheduled.status, scheduled.published_at) == (Article.Status.SCHEDULED, due)
    assert not Article.published.filter(pk=draft.pk).exists()
    event = Event.objects.filter(article=draft).order_by("-id").first()
    assert event is not None
    assert not event.public
    assert event.payload == {
        "id": draft.pk,
        "slug": draft.slug,
        "url": draft.get_absolute_url(),
        "status": "scheduled",
        "publish_at": due.isoformat(),
    }
    # Not yet due: nothing happens.
    assert actions.publish_due(due - timedelta(seconds=1)) == []
    # Due: published by the system, after everything already public.
    done = actions.publish_due(due)
    assert [a.pk for a in done] == [draft.pk]
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert older.published_at is not None and draft.published_at is not None
    assert draft.published_at >= older.published_at
    assert draft.published_at <= timezone.now()
    last = Event.objects.filter(article=draft).order_by("-id").first()
    assert last is not None and (last.type, last.public) == ("article.published", True)
    # A second pass finds nothing left to do.
    assert actions.publish_due(due + timedelta(hours=1)) == []


def test_publishing_a_scheduled_article_early_uses_now(
    make_article: Callable[..., Article],
) -> None:
    draft = make_article(publish=False)
    actions.schedule(draft, publish_at=timezone.now() + timedelta(days=1))
    published = actions.publish(draft)
    assert published.published_at is not None
    assert published.published_at <= timezone.now()
    assert actions.publish_due(timezone.now() + timedelta(days=2)) == []


def test_an_article_emptied_after_scheduling_goes_back_to_review(
    make_article: Callable[..., Article],
) -> None:
    draft = make_article(publish=False)
    due = timezone.now() + timedelta(minutes=5)
    actions.schedule(draft, publish_at=due)
    actions.update(draft, lede="", body="")
    assert actions.publish_due(due) == []
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (Article.Status.REVIEW, None)
    event = Event.objects.filter(article=draft).order_by("-id").first()
    assert event is not None
    assert event.payload["reason"] == (
        "An update needs a lede or a body before it can be published."
    )


def test_the_worker_publishes_due_articles_on_its_clock(
    make_article: Callable[..., Article],
) -> None:
    draft = make_article(publish=False)
    due = timezone.now() + timedelta(minutes=30)
    actions.schedule(draft, publish_at=due)
    clients = make_clients()
    try:
        run_once(clients, lambda: due - timedelta(seconds=1))
        draft.refresh_from_db()
        assert draft.status == Article.Status.SCHEDULED
        run_once(clients, lambda: due)
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED
    finally:
        clients.close()

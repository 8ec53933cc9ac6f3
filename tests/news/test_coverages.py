"""Live coverages through the actions: who may, what an ended one refuses,
the audit entries, revisions and the public events every reader follows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Coverage, Event, Revision
from newsdesk.news.roles import CONTRIBUTOR, EDITOR
from tests.news.test_records import member

pytestmark = pytest.mark.django_db


def events(after: int = 0) -> list[tuple[str, bool]]:
    return [(e.type, e.public) for e in Event.objects.filter(id__gt=after).order_by("id")]


def last_event_id() -> int:
    return Event.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_an_editor_opens_edits_and_ends_a_coverage() -> None:
    editor = member("eden", EDITOR)
    start = last_event_id()
    talks = actions.open_coverage(
        title="Ceasefire talks, day 3",
        key_points="- Delegations met at nine\n- <script>alert(1)</script>",
        user=editor,
    )
    assert talks.slug == "ceasefire-talks-day-3"
    assert talks.get_absolute_url() == "/live/ceasefire-talks-day-3/"
    assert talks.is_open and talks.language == "en"
    assert "<li>Delegations met at nine</li>" in talks.key_points_html
    assert "<script>" not in talks.key_points_html  # shown as text, never markup
    actions.update_coverage(
        talks, title="Ceasefire talks, day 4", key_points="- A draft text", user=editor
    )
    talks.refresh_from_db()
    assert (talks.title, talks.slug, talks.version) == (
        "Ceasefire talks, day 4",
        "ceasefire-talks-day-3",  # stable once opened
        2,
    )
    actions.end_coverage(talks, user=editor)
    talks.refresh_from_db()
    assert not talks.is_open and talks.ended_at is not None
    with pytest.raises(ValidationError) as caught:
        actions.end_coverage(talks, user=editor)
    assert caught.value.messages == ["This live coverage has already ended."]
    assert events(start) == [
        ("coverage.opened", True),
        ("coverage.updated", True),
        ("coverage.ended", True),
    ]
    ended = Event.objects.filter(type="coverage.ended").get()
    assert ended.payload["slug"] == "ceasefire-talks-day-3"
    assert ended.payload["is_open"] is False
    assert talks.ended_at is not None
    assert ended.payload["ended_at"] == talks.ended_at.isoformat()
    entries = AuditEntry.objects.filter(action="coverage").order_by("id")
    assert [(e.actor, e.target) for e in entries] == [
        (editor, "Ceasefire talks, day 3 (/live/ceasefire-talks-day-3/)"),
        (editor, "Ceasefire talks, day 4 (/live/ceasefire-talks-day-3/)"),
        (editor, "Ceasefire talks, day 4 (/live/ceasefire-talks-day-3/)"),
    ]
    actions.reopen_coverage(talks, user=editor)
    talks.refresh_from_db()
    assert talks.is_open


def test_slugs_are_unicode_unique_and_never_the_desk_stream() -> None:
    first = actions.open_coverage(title="Повітряна тривога по всій країні")
    second = actions.open_coverage(title="Повітряна тривога по всій країні")
    assert first.slug == "повітряна-тривога-по-всій-країні"
    assert second.slug == "повітряна-тривога-по-всій-країні-2"
    assert actions.open_coverage(title="Desk").slug == "desk-2"


def test_bad_input_is_refused_with_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.open_coverage(title=" ", key_points="k" * 10_001, language="fr")
    assert caught.value.message_dict == {
        "title": ["A live coverage needs a title."],
        "key_points": ["Keep the key points to 10000 characters."],
        "language": ["Choose one of the site's languages: en."],
    }
    assert not Coverage.objects.exists()


def test_contributors_cannot_manage_coverages_but_add_their_own_drafts() -> None:
    cora, other = member("cora", CONTRIBUTOR), member("otto", CONTRIBUTOR)
    editor = member("eden", EDITOR)
    talks = actions.open_coverage(title="Ceasefire talks", user=editor)
    with pytest.raises(PermissionDenied) as caught:
        actions.open_coverage(title="Mine", user=cora)
    assert str(caught.value) == "You do not have permission to manage live coverages."
    for attempt in (
        lambda: actions.update_coverage(talks, key_points="x", user=cora),
        lambda: actions.end_coverage(talks, user=cora),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    draft = actions.create_draft(headline="Delegations arrive", coverages=[talks], user=cora)
    assert list(draft.coverages.all()) == [talks]
    with pytest.raises(PermissionDenied):
        actions.remove_from_coverage(draft, talks, user=other)  # not theirs
    actions.remove_from_coverage(draft, talks, user=cora)
    assert not draft.coverages.exists()
    assert Coverage.objects.get().version == 1  # nothing changed on the coverage itself


def test_an_ended_coverage_refuses_new_updates_and_keeps_its_own(
    make_article: Callable[..., Article],
) -> None:
    talks = actions.open_coverage(title="Ceasefire talks")
    kept = make_article(coverages=[talks])
    actions.end_coverage(talks)
    late = make_article()
    with pytest.raises(ValidationError) as caught:
        actions.add_to_coverage(late, talks)
    assert caught.value.message_dict == {
        "coverages": ["The live coverage “Ceasefire talks” has ended: it takes no new updates."]
    }
    with pytest.raises(ValidationError):
        actions.create_draft(headline="Too late", coverages=[talks])
    assert list(talks.articles.all()) == [kept]
    assert not Article.objects.filter(headline="Too late").exists()
    actions.update(kept, lede="Still in it.")  # an edit keeps its coverage
    assert list(kept.coverages.all()) == [talks]


def test_membership_is_an_edit_with_a_revision_and_an_event(
    make_article: Callable[..., Article],
) -> None:
    talks = actions.open_coverage(title="Ceasefire talks")
    alerts = actions.open_coverage(title="Air raid alerts")
    story = make_article()
    start = last_event_id()
    actions.add_to_coverage(story, talks)
    actions.add_to_coverage(story, alerts)
    story.refresh_from_db()
    assert story.updated_at is None  # not an "Updated" for readers
    assert sorted(c.slug for c in story.coverages.all()) == ["air-raid-alerts", "ceasefire-talks"]
    latest = Revision.objects.filter(article=story).order_by("-number").first()
    assert latest is not None
    assert sorted(latest.snapshot["coverages"]) == ["air-raid-alerts", "ceasefire-talks"]
    changed = list(Event.objects.filter(id__gt=start))
    assert [e.type for e in changed] == ["article.updated", "article.updated"]
    assert sorted(c["slug"] for c in changed[-1].payload["coverages"]) == [
        "air-raid-alerts",
        "ceasefire-talks",
    ]
    published = make_article(coverages=[talks])
    event = Event.objects.filter(article=published, type="article.published").get()
    assert event.payload["coverages"] == [
        {"slug": "ceasefire-talks", "title": "Ceasefire talks", "url": "/live/ceasefire-talks/"}
    ]


def test_pin_within_a_coverage_takes_only_its_published_updates(
    make_article: Callable[..., Article],
) -> None:
    talks = actions.open_coverage(title="Ceasefire talks")
    inside = make_article(coverages=[talks])
    outside = make_article()
    draft = make_article(publish=False, coverages=[talks])
    for wrong in (outside, draft):
        with pytest.raises(ValidationError) as caught:
            actions.pin_in_coverage(talks, wrong)
        assert caught.value.messages == [
            "Only a published update of this coverage can be pinned on it."
        ]
    actions.pin_in_coverage(talks, inside)
    talks.refresh_from_db()
    assert talks.pinned == inside
    actions.remove_from_coverage(inside, talks)
    talks.refresh_from_db()
    assert talks.pinned is None


def test_a_stale_version_is_refused() -> None:
    talks = actions.open_coverage(title="Ceasefire talks")
    actions.update_coverage(talks, key_points="- one")
    with pytest.raises(ValidationError) as caught:
        actions.update_coverage(talks, key_points="- two", expected_version=1)
    assert caught.value.code == "conflict"
    talks.refresh_from_db()
    assert talks.key_points == "- one"


def test_the_same_rule_for_a_plain_account_without_a_role() -> None:
    nobody = User.objects.create_user("nobody", password="not-used-here-123")
    with pytest.raises(PermissionDenied):
        actions.open_coverage(title="Nope", user=nobody)

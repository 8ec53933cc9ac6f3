"""The one write path: validation, rendering, revisions and outbox events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.news import actions, outbox, slugs
from newsdesk.news.models import Article, Author, Correction, Event, Revision, Tag
from newsdesk.news.roles import CONTRIBUTOR, EDITOR

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


# Validation -----------------------------------------------------------------


def test_headline_is_required() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(headline="   ")
    assert messages(caught.value) == {"headline": ["A headline is required."]}
    assert not Article.objects.exists()


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(
            headline="x" * 201,
            lede="y" * 601,
            body="z" * 100_001,
            language="English",
            tags=["t" * 51],
            sources=[actions.SourceInput(outlet="Outlet", url="ftp://files.example/x")],
        )
    assert messages(caught.value) == {
        "headline": ["Keep the headline to 200 characters (it has 201)."],
        "lede": ["Keep the lede to 600 characters (it has 601)."],
        "body": ["The body is too long: 100,001 characters, the limit is 100,000."],
        "language": ["Use a language code such as en, uk or pt-BR."],
        "tags": ["Keep each tag to 50 characters: “tttttttttttttttttttt…”."],
        "sources": ["Source URLs must start with http:// or https://."],
    }


def test_source_needs_an_outlet_and_a_known_quote_style() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(
            headline="Talks resume",
            sources=[
                actions.SourceInput(outlet=" "),
                actions.SourceInput(outlet="the Ledger", quote_style="stolen from"),
            ],
        )
    assert messages(caught.value) == {
        "sources": [
            "Each source needs the outlet's name.",
            "How a source is quoted must be one of: according to, as quoted by, citing, "
            "reported by, via.",
        ]
    }


@pytest.mark.parametrize(
    "url",
    [
        'https://harbour.example/"onmouseover="alert(1)',
        "https://harbour.example/<script>",
        "https://harbour.example/a>b",
    ],
)
def test_source_addresses_with_quotes_or_angle_brackets_are_refused(url: str) -> None:
    refused = {"sources": ["Enter the source's address without quotes or angle brackets."]}
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(
            headline="Talks resume", sources=[actions.SourceInput("the Ledger", url)]
        )
    assert messages(caught.value) == refused
    assert not Article.objects.exists()

    draft = actions.create_draft(headline="Talks resume")
    with pytest.raises(ValidationError) as caught:
        actions.update(draft, sources=[actions.SourceInput("the Ledger", url)])
    assert messages(caught.value) == refused
    assert not draft.sources.exists()


def test_publish_needs_a_lede_or_body() -> None:
    draft = actions.create_draft(headline="Only a headline")
    with pytest.raises(ValidationError) as caught:
        actions.publish(draft)
    assert messages(caught.value) == {
        "body": ["An update needs a lede or a body before it can be published."]
    }
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_control_characters_and_whitespace_are_cleaned() -> None:
    draft = actions.create_draft(headline="  Grid\x00 repairs\n  resume ", lede="a\tb")
    assert draft.headline == "Grid repairs resume"
    assert draft.lede == "a b"


def test_state_errors_say_what_to_do(make_article: Callable[..., Article]) -> None:
    live = make_article()
    with pytest.raises(ValidationError, match="This article is already published."):
        actions.publish(live)
    draft = make_article(publish=False)
    with pytest.raises(ValidationError, match="Only a published article can be unpublished."):
        actions.unpublish(draft)
    with pytest.raises(ValidationError, match="edit the draft instead"):
        actions.correct(draft, note="Fixed a name.")
    with pytest.raises(ValidationError, match="Only a published article can be pinned."):
        actions.pin(draft)


def test_update_refuses_unknown_fields(make_article: Callable[..., Article]) -> None:
    article = make_article()
    with pytest.raises(TypeError, match="update\\(\\) cannot change status"):
        actions.update(article, status="published")


# Rendering and derived fields -----------------------------------------------


def test_create_draft_renders_and_counts(author: Author) -> None:
    body = "Word " * 500 + "\n\n![Map of the front](https://img.example/map.png)"
    draft = actions.create_draft(
        headline="Front line map", lede="Three words here", body=body, authors=[author]
    )
    assert draft.body_html.startswith("<p>Word Word")
    assert '<img src="https://img.example/map.png" alt="Map of the front">' in draft.body_html
    assert draft.word_count == 503
    assert draft.reading_time == 2  # 503 words = 109.7 s, + 12 s for the image = 2.03 min
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None


def test_script_in_every_field_is_inert(author: Author) -> None:
    draft = actions.create_draft(
        headline="<script>alert(1)</script>",
        lede='<img src=x onerror="alert(1)">',
        body="[x](javascript:alert(1)) <svg onload=alert(1)>",
        tags=["<b>bold</b>"],
        authors=[author],
    )
    assert "<script" not in draft.body_html and "<svg" not in draft.body_html
    assert "javascript:" not in draft.body_html.replace("[x](javascript:", "")
    assert draft.slug == "scriptalert1script"


# Slugs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Київ: нічна атака на енергосистему", "київ-нічна-атака-на-енергосистему"),
        ("停火协议在日内瓦签署", "停火协议在日内瓦签署"),
        ("Ελεύθερη διέλευση για τα σιτηρά", "ελεύθερη-διέλευση-για-τα-σιτηρά"),
        ("Café talks: what’s next?", "café-talks-whats-next"),
        ("!!! ??? …", "update"),
        # Vowel signs and points stay in the word they belong to.
        ("हिन्दी समाचार: बाढ़ से राहत", "हिन्दी-समाचार-बाढ़-से-राहत"),
        ("ข่าวด่วน ฝนตกหนักที่เชียงใหม่", "ข่าวด่วน-ฝนตกหนักที่เชียงใหม่"),
        ("خبر عاجل: وقف إطلاق النار", "خبر-عاجل-وقف-إطلاق-النار"),
        ("שָׁלוֹם לְכֻלָּם", "שָׁלוֹם-לְכֻלָּם"),
    ],
)
def test_slug_keeps_the_headline_script(headline: str, slug: str) -> None:
    assert actions.create_draft(headline=headline).slug == slug


@pytest.mark.parametrize(
    "headline",
    [
        "Київ: нічна атака на енергосистему",
        "Café talks: what’s next? 50% — ½ off_!",
        "Ελεύθερη διέλευση",
        "Łódź, İstanbul and Ærøskøbing",
        "停火协议在日内瓦签署",
    ],
)
def test_slugs_without_combining_marks_are_djangos(headline: str) -> None:
    """Latin, Cyrillic, Greek and CJK headlines keep the slugs they always had."""
    assert slugs.slugify(headline) == slugify(headline, allow_unicode=True)


def test_slug_clashes_get_numbers() -> None:
    slugs = [actions.create_draft(headline="Power restored in the north").slug for _ in range(3)]
    assert slugs == [
        "power-restored-in-the-north",
        "power-restored-in-the-north-2",
        "power-restored-in-the-north-3",
    ]


def test_long_headlines_cut_at_a_word() -> None:
    slug = actions.create_draft(headline="word " * 39).slug
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


def test_slug_is_stable_after_publication(make_article: Callable[..., Article]) -> None:
    article = make_article(headline="First headline")
    article = actions.update(article, headline="A better headline")
    assert article.slug == "first-headline"


# Revisions and the outbox ---------------------------------------------------------


def test_each_action_writes_one_revision_and_one_event(
    make_article: Callable[..., Article],
) -> None:
    article = make_article(publish=False)
    article = actions.publish(article)
    article = actions.update(article, lede="A sharper lede.")
    actions.correct(article, note="We misspelt the minister's name.")
    article = actions.pin(article)
    article = actions.unpin(article)
    article = actions.unpublish(article)

    assert list(Revision.objects.filter(article=article).values_list("number", "action")) == [
        (1, "create"),
        (2, "publish"),
        (3, "update"),
        (4, "correct"),
        (5, "pin"),
        (6, "unpin"),
        (7, "unpublish"),
    ]
    events = list(Event.objects.filter(article=article).order_by("id"))
    assert [e.type for e in events] == [
        "article.draft_created",
        "article.published",
        "article.updated",
        "article.corrected",
        "article.pinned",
        "article.unpinned",
        "article.unpublished",
    ]
    assert [e.public for e in events] == [False, True, True, True, True, True, True]
    ids = [e.id for e in events]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert events[3].payload["correction"]["text"] == "We misspelt the minister's name."
    # An unpublished article's event carries no content.
    assert events[-1].payload == {
        "id": article.pk,
        "slug": article.slug,
        "url": article.get_absolute_url(),
    }
    last = Revision.objects.filter(article=article).last()
    assert last is not None and last.snapshot["status"] == "unpublished"


def test_published_event_payload_is_what_readers_see(make_article: Callable[..., Article]) -> None:
    article = make_article(tags=["Energy", "Grid"], is_breaking=True)
    event = Event.objects.filter(article=article, type="article.published").get()
    assert event.payload == {
        "id": article.pk,
        "slug": article.slug,
        "url": f"/news/{article.slug}/",
        "headline": article.headline,
        "lede": article.lede,
        "published_at": article.published_at.isoformat(),  # type: ignore[union-attr]
        "updated_at": None,
        "reading_time": 1,
        "is_breaking": True,
        "is_pinned": False,
        "language": "en",
        "tags": [{"name": "Energy", "slug": "energy"}, {"name": "Grid", "slug": "grid"}],
        "image": None,
        "coverages": [],
        "version": 2,
    }


@pytest.mark.django_db(transaction=True)
def test_events_are_announced_only_after_commit(author: Author) -> None:
    seen: list[list[int]] = []

    def listener(sender: object, event_ids: list[int], **kwargs: object) -> None:
        seen.append(event_ids)

    outbox.events_committed.connect(listener)
    try:
        with transaction.atomic():
            draft = actions.create_draft(headline="Held until commit", lede="x", authors=[author])
            actions.publish(draft)
            assert seen == []
        assert len(seen) == 2
        assert Event.objects.filter(id__in=[i for ids in seen for i in ids]).count() == 2
    finally:
        outbox.events_committed.disconnect(listener)


@pytest.mark.django_db(transaction=True)
def test_a_failed_action_leaves_no_row_revision_or_event(author: Author) -> None:
    draft = actions.create_draft(headline="Rolled back", lede="x", authors=[author])
    before = (Event.objects.count(), Revision.objects.count())
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.publish(draft)
        raise RuntimeError("crash after publish, before commit")
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert (Event.objects.count(), Revision.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_emit_outside_a_transaction_is_refused() -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        outbox.emit("article.published", None, {})


# Publishing rules ---------------------------------------------------------------------


def test_published_at_never_goes_backwards(make_article: Callable[..., Article]) -> None:
    first = make_article()
    # An earlier import placed an article in the future of this clock.
    future = make_article(publish=False)
    future = actions.publish(future, at=timezone.now() + timedelta(minutes=5))
    latest = make_article()
    assert latest.published_at is not None and future.published_at is not None
    assert latest.published_at >= future.published_at > first.published_at  # type: ignore[operator]


def test_minor_update_marks_updated(make_article: Callable[..., Article]) -> None:
    article = make_article()
    assert article.updated_at is None
    article = actions.update(article, body="Fixed a typo.")
    assert article.updated_at is not None
    assert article.body_html == "<p>Fixed a typo.</p>"


def test_correction_is_public_and_can_fix_the_text(make_article: Callable[..., Article]) -> None:
    article = make_article(lede="The talks are on Tuesday.")
    correction = actions.correct(
        article, note="An earlier version gave the wrong day.", lede="The talks are on Thursday."
    )
    article.refresh_from_db()
    assert article.lede == "The talks are on Thursday."
    assert correction.text == "An earlier version gave the wrong day."
    assert article.updated_at == correction.created_at
    with pytest.raises(ValidationError) as caught:
        actions.correct(article, note="  ")
    assert messages(caught.value) == {
        "note": ["A correction needs a public note explaining what changed."]
    }
    assert Correction.objects.count() == 1


def test_only_one_article_is_pinned(make_article: Callable[..., Article]) -> None:
    first, second = make_article(), make_article()
    actions.pin(first)
    actions.pin(second)
    first.refresh_from_db()
    assert (first.is_pinned, Article.objects.get(pk=second.pk).is_pinned) == (False, True)
    assert Event.objects.filter(type="article.unpinned", article=first).count() == 1


def test_unpublish_unpins(make_article: Callable[..., Article]) -> None:
    article = actions.pin(make_article())
    article = actions.unpublish(article)
    assert (article.status, article.is_pinned) == ("unpublished", False)


def test_republishing_keeps_the_original_time(make_article: Callable[..., Article]) -> None:
    article = make_article()
    first_time = article.published_at
    article = actions.publish(actions.unpublish(article))
    assert article.published_at == first_time
    assert article.updated_at is not None


def test_stale_version_is_refused(make_article: Callable[..., Article]) -> None:
    article = make_article()
    opened = article.version
    actions.update(article, lede="Saved by someone else first.", expected_version=opened)
    with pytest.raises(ValidationError) as caught:
        actions.update(article, lede="My older edit.", expected_version=opened)
    assert caught.value.messages == [
        f"Someone else saved this article (version {opened + 1}) after you opened version "
        f"{opened}. Reload it to see their changes before saving yours."
    ]
    article.refresh_from_db()
    assert article.lede == "Saved by someone else first."


def test_tags_are_created_on_the_fly_and_deduplicated(author: Author) -> None:
    draft = actions.create_draft(headline="Tags", tags=["Energy", "energy ", "Grid", ""])
    assert sorted(t.name for t in draft.tags.all()) == ["Energy", "Grid"]
    again = actions.create_draft(headline="Tags again", tags=["ENERGY"])
    assert Tag.objects.count() == 2
    assert [t.slug for t in again.tags.all()] == ["energy"]


def test_authors_keep_their_order(author: Author) -> None:
    second = Author.objects.create(name="Teo Varga", slug="teo-varga")
    draft = actions.create_draft(headline="Two bylines", authors=[second, author, second])
    assert [b.author.slug for b in draft.bylines.all()] == ["teo-varga", "mira-castell"]


# Permissions ------------------------------------------------------------------------


def _user(name: str, group: str | None) -> User:
    user = User.objects.create_user(name, password="a long enough password 123")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_contributors_write_but_do_not_publish(author: Author) -> None:
    contributor = _user("cora", CONTRIBUTOR)
    draft = actions.create_draft(headline="From a contributor", lede="x", user=contributor)
    with pytest.raises(PermissionDenied, match="You do not have permission to publish articles."):
        actions.publish(draft, user=contributor)
    editor = _user("eddie", EDITOR)
    published = actions.publish(draft, user=editor)
    assert published.is_published
    revision = Revision.objects.filter(article=published).last()
    assert revision is not None and revision.created_by == editor


def test_users_without_a_role_cannot_write() -> None:
    nobody = _user("nobody", None)
    with pytest.raises(PermissionDenied, match="You do not have permission to write articles."):
        actions.create_draft(headline="Nope", user=nobody)


def test_people_cannot_backdate(make_article: Callable[..., Article]) -> None:
    editor = _user("eddie", EDITOR)
    draft = make_article(publish=False)
    with pytest.raises(PermissionDenied, match="Only imports may set the time"):
        actions.publish(draft, user=editor, at=timezone.now() - timedelta(days=1))

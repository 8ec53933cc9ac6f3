"""Review on the desk: notes, "Send back" with a note, and the waiting count."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry, Event, Note
from tests.helpers import find_all, parse, text_of

from .conftest import make_user, signed_in

pytestmark = pytest.mark.django_db


def in_review(writer: User) -> Article:
    draft = actions.create_draft(headline="Bridge closes", lede="For repairs.", user=writer)
    return actions.submit(draft, user=writer)


def test_an_editor_sends_an_update_back_with_a_note(contributor: User, editor: User) -> None:
    article = in_review(contributor)
    editor_page = signed_in(editor).get(f"/desk/articles/{article.pk}/").content.decode()
    (form,) = find_all(parse(editor_page), "form", **{"class": "send-back"})
    assert form.attrs["action"] == f"/desk/articles/{article.pk}/send-back/"
    response = signed_in(editor).post(
        f"/desk/articles/{article.pk}/send-back/",
        {"note": "Which bridge? Name it in the headline.", "version": str(article.version)},
        follow=True,
    )
    assert "Sent back to the writer." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    note = Note.objects.get()
    assert (note.kind, note.created_by, note.text) == (
        "sent_back",
        editor,
        "Which bridge? Name it in the headline.",
    )
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor) == ("send_back", editor)
    event = Event.objects.latest("id")
    assert (event.type, event.public, event.payload["status"]) == (
        "article.draft_updated",
        False,
        "draft",
    )
    # The writer sees the note on their draft, and can submit it again.
    page = parse(signed_in(contributor).get(f"/desk/articles/{article.pk}/").content)
    (notes,) = find_all(page, "ol", **{"class": "note-list"})
    assert "Which bridge? Name it in the headline." in text_of(notes)
    assert "Sent back" in text_of(notes)
    assert not find_all(page, "form", **{"class": "send-back"})
    actions.submit(article, user=contributor)


def test_send_back_needs_a_note_an_editor_and_an_update_in_review(
    contributor: User, editor: User
) -> None:
    article = in_review(contributor)
    before = (Article.objects.get(pk=article.pk).version, Event.objects.count())
    refused = signed_in(editor).post(
        f"/desk/articles/{article.pk}/send-back/", {"note": " "}, follow=True
    )
    assert "Say what the writer should change." in refused.content.decode()
    assert (
        signed_in(contributor)
        .post(f"/desk/articles/{article.pk}/send-back/", {"note": "Please fix."})
        .status_code
        == 403
    )
    with pytest.raises(PermissionDenied, match="send articles back"):
        actions.send_back(article, note="Please fix.", user=contributor)
    assert (Article.objects.get(pk=article.pk).version, Event.objects.count()) == before
    actions.send_back(article, note="Fix the lede.", user=editor)
    again = signed_in(editor).post(
        f"/desk/articles/{article.pk}/send-back/", {"note": "Again."}, follow=True
    )
    assert "Only an update in review can be sent back." in again.content.decode()


def test_notes_are_for_whoever_may_see_the_article(contributor: User, editor: User) -> None:
    own = in_review(contributor)
    others = actions.create_draft(headline="Editor's draft", user=editor)
    client = signed_in(contributor)
    assert (
        client.post(
            f"/desk/articles/{own.pk}/notes/", {"text": "Photo coming at noon."}
        ).status_code
        == 302
    )
    assert (
        client.post(f"/desk/articles/{others.pk}/notes/", {"text": "Mine now."}).status_code == 403
    )
    assert list(Note.objects.values_list("article_id", "text")) == [
        (own.pk, "Photo coming at noon.")
    ]
    event = Event.objects.latest("id")
    assert (event.type, event.public) == ("article.note_added", False)
    empty = client.post(f"/desk/articles/{own.pk}/notes/", {"text": ""}, follow=True)
    assert "Write the note first." in empty.content.decode()
    # Notes never reach readers.
    published = actions.publish(own, user=editor)
    page = signed_in(editor).get(published.get_absolute_url()).content.decode()
    assert "Photo coming at noon." not in page


def test_editors_see_how_many_updates_wait_for_review(contributor: User, editor: User) -> None:
    in_review(contributor)
    in_review(contributor)
    links = find_all(
        parse(signed_in(editor).get("/desk/").content), "a", **{"class": "waiting has-waiting"}
    )
    assert [text_of(a) for a in links] == ["Waiting for review (2)"]
    assert not find_all(
        parse(signed_in(contributor).get("/desk/").content), "a", **{"class": "waiting"}
    )
    admin = make_user("ada", "admin")
    assert "Waiting for review (2)" in signed_in(admin).get("/desk/").content.decode()

"""Which language the interface speaks.

The reader site speaks the site settings' language, whatever the browser
asks for (one URL is one page for every cache); the desk speaks each
person's own choice, made on their account page through an action that is
audited like the other account changes, else the site's language. A
language without a catalogue shows the interface in English.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from newsdesk.desk.actions import desk_language_of, set_desk_language
from newsdesk.desk.templatetags.audit_entries import actor, described, revision_action, target
from newsdesk.news import actions
from newsdesk.news.models import AuditEntry, Event
from newsdesk.site.actions import update_settings
from newsdesk.site.interface import interface_language

from .conftest import signed_in


def test_the_reader_site_speaks_the_site_language(client: Client, make_article: Any) -> None:
    actions.publish(make_article(publish=False), at=datetime(2026, 12, 7, 14, 5, tzinfo=UTC))
    english = client.get("/").content.decode()
    assert '<html lang="en"' in english and "News Feed" in english
    assert "7 Dec 2026, 14:05 UTC" in english
    update_settings(language="uk")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page["Content-Language"] == "uk"
    assert '<html lang="uk"' in html
    assert "Стрічка новин" in html and "News Feed" not in html
    assert "7 грудня 2026, 14:05 UTC" in html  # the month's genitive name
    assert "1 хв читання" in html


def test_the_404_page_speaks_the_site_language(db: None, client: Client) -> None:
    update_settings(language="uk-UA")
    html = client.get("/news/never-was/").content.decode()
    assert "Сторінку не знайдено" in html


@pytest.mark.parametrize(
    ("code", "speaks"), [("en-GB", "en"), ("uk", "uk"), ("UK-ua", "uk"), ("de", "en"), ("", "en")]
)
def test_a_language_without_a_catalogue_shows_english(code: str, speaks: str) -> None:
    assert interface_language(code) == speaks


def test_the_desk_speaks_the_persons_own_language(editor: User, make_article: Any) -> None:
    update_settings(language="uk")
    desk = signed_in(editor)
    assert "Написати допис" in desk.get("/desk/").content.decode()
    set_desk_language(editor, language="en", user=editor)
    home = desk.get("/desk/")
    assert home["Content-Language"] == "en"
    assert "Write an update" in home.content.decode()
    # Readers still get the site's language, signed in or not.
    assert '<html lang="uk"' in desk.get("/").content.decode()
    set_desk_language(editor, language="", user=editor)
    assert "Написати допис" in desk.get("/desk/").content.decode()


def test_the_account_page_saves_the_choice_in_the_new_language(editor: User) -> None:
    desk = signed_in(editor)
    page = desk.get("/desk/account")
    assert 'name="language"' in page.content.decode()
    answer = desk.post("/desk/account", {"do": "language", "language": "uk"}, follow=True)
    html = answer.content.decode()
    assert desk_language_of(editor) == "uk"
    assert "Мову редакції збережено." in html
    assert '<html lang="uk"' in html


def test_the_choice_is_audited_and_announced_privately(editor: User, admin_user: User) -> None:
    set_desk_language(editor, language="uk", user=editor)
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.target) == ("account", "eden")
    assert entry.detail["changed"] == ["language"]
    assert entry.detail["before"] == {"language": ""}
    assert entry.detail["after"] == {"language": "uk"}
    assert described(entry) == "desk language: the site's language → Українська"
    event = Event.objects.latest("id")
    assert (event.type, event.public) == ("account.updated", False)
    assert event.payload["changed"] == ["language"]
    # The same choice again changes nothing and records nothing.
    count = AuditEntry.objects.count()
    set_desk_language(editor, language="uk", user=editor)
    assert AuditEntry.objects.count() == count
    # An admin may choose for someone; nobody else may.
    set_desk_language(editor, language="en", user=admin_user)
    assert desk_language_of(editor) == "en"


def test_only_the_person_or_an_admin_chooses(editor: User, contributor: User) -> None:
    with pytest.raises(PermissionDenied):
        set_desk_language(editor, language="uk", user=contributor)
    assert desk_language_of(editor) == ""


def test_a_language_without_a_catalogue_is_refused(editor: User) -> None:
    with pytest.raises(ValidationError) as refused:
        set_desk_language(editor, language="de", user=editor)
    assert "language" in refused.value.message_dict
    assert desk_language_of(editor) == ""


def test_the_audit_log_and_history_read_in_the_desks_language(admin_user: User) -> None:
    update_settings(site_name="Harbour Daily")  # as the system: no signed-in actor
    entry = AuditEntry.objects.latest("id")
    with translation.override("uk"):
        assert described(entry) == "змінено: назва сайту"
        assert (actor(entry), target(entry)) == ("система", "Налаштування сайту")
        assert revision_action("publish") == "опубліковано"
    assert (actor(entry), target(entry)) == ("system", "Site settings")


def test_a_refusal_speaks_the_desks_language(plain: User) -> None:
    update_settings(language="uk")
    page = signed_in(plain).get("/desk/")
    assert page.status_code == 403
    assert "Ви не можете відкрити цю сторінку" in page.content.decode()


def test_numbers_in_messages_follow_the_language(editor: User) -> None:
    from newsdesk.images.processing import _megabytes

    assert (_megabytes(2_500_000), _megabytes(25_000_000)) == ("2.5", "25")
    with translation.override("uk"):
        assert _megabytes(2_500_000) == "2,5"
        with pytest.raises(ValidationError) as refused:
            actions.create_draft(headline="Довгий допис", body="x" * 200_001, user=editor)
    message = " ".join(refused.value.messages)
    assert "200\xa0001" in message  # grouped with a no-break space, as Ukrainian writes it

"""A newsroom runs its desk from day one, in a real browser against
``newsdesk serve``: on a fresh install with one admin account, the admin
invites an editor and a contributor, each sets a password through their link
and gets an author profile with a picture; the contributor's update goes
through review (sent back with a note, fixed, submitted again), the editor
publishes it and readers see the contributor's card; an update with no
byline shows the desk's card."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from PIL import Image as PillowImage

from newsdesk.desk.actions import create_account
from newsdesk.news import actions
from newsdesk.news.models import Article
from newsdesk.site.actions import update_settings
from tests.desk.conftest import PASSWORD
from tests.live.support import Server, current_database_url, server_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK_NAME = "The Harbour Desk"
CONTACT = "Tips: Signal +44 7700 900123 · desk@harbour.example"
NEW_PASSWORDS = {"casey": "tidewater lantern orchard 4417", "eden": "granite meadow kettle 9082"}
PEOPLE = {
    "casey": ("contributor", "Casey Moreno", "Casey covers the ferries and the harbour works."),
    "eden": ("editor", "Eden Okafor", "Eden edits the day's updates."),
}
HEADLINE = "Night ferry returns to the island route"
NOTE = "The lede says 22:10 but the timetable says 22:40. Please check."


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Server]:
    """The server keeps uploaded pictures in a folder of this test's own."""
    with django_db_blocker.unblock():
        url = current_database_url()
    folder = Path(tmp_path_factory.mktemp("day-one"))
    env = server_env(url, NEWSDESK_MEDIA_ROOT=str(folder / "media"))
    server = Server(env, log_path=folder / "serve.log").start()
    yield server
    server.stop()


def picture() -> dict[str, Any]:
    """A small real PNG, as a file chooser would hand it over."""
    image = PillowImage.new("RGB", (96, 96), (20, 90, 160))
    for x in range(24, 72):
        for y in range(24, 72):
            image.putpixel((x, y), (240, 200, 40))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return {"name": "portrait.png", "mimeType": "image/png", "buffer": data.getvalue()}


class Tabs:
    """Each person's own browser context; page errors fail the test."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.errors: list[str] = []
        self.contexts: list[Any] = []

    def open(self, expected: str | None = None) -> Any:
        """A new tab; a console error containing ``expected`` is no failure."""
        context = self.browser.new_context(viewport={"width": 1024, "height": 800})
        self.contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def console(message: Any) -> None:
            if message.type == "error" and not (expected and expected in message.text):
                self.errors.append(f"{message.text} ({message.location.get('url')})")

        tab.on("console", console)
        return tab

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def sign_in(tab: Any, site: Server, username: str, password: str) -> None:
    tab.goto(site.url + "/desk/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.click("button[type=submit]")
    tab.wait_for_url(site.url + "/desk/")
    assert tab.inner_text(".desk-header nav a[href='/desk/account/']") == username


def message(tab: Any) -> str:
    return str(tab.inner_text("ul.messages"))


def invite(admin: Any, site: Server, username: str, role: str) -> str:
    """Invite someone from the Accounts page; return the one-time link it shows."""
    admin.click(".desk-header nav >> text=Accounts")
    admin.wait_for_url(site.url + "/desk/staff/")
    admin.fill("#id_username", username)
    admin.select_option("#id_role", role)
    admin.click("button:has-text('Invite')")
    assert admin.inner_text("h1") == f"{username} is invited"
    assert "It is shown only now" in admin.inner_text("main")
    link = str(admin.input_value("#set-password-link"))
    assert link.startswith(site.url + "/desk/welcome/"), link
    return link


def account_row(admin: Any, site: Server, username: str) -> list[str]:
    admin.goto(site.url + "/desk/staff/")
    row = admin.locator(f"table.staff tbody tr:has(a:text-is('{username}'))")
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def set_password(tab: Any, site: Server, link: str, username: str) -> None:
    """Open the link as the invitee, choose a password, sign in with it."""
    tab.goto(link)
    tab.wait_for_url(re.compile(r"/desk/welcome/[^/]+/set-password/$"))
    assert tab.inner_text("h1") == "Choose your password"
    assert username in tab.inner_text("main strong")
    tab.fill("#id_new_password1", NEW_PASSWORDS[username])
    tab.fill("#id_new_password2", NEW_PASSWORDS[username])
    tab.click("button:has-text('Set my password')")
    tab.wait_for_url(site.url + "/desk/login/")
    assert "Your password is set" in message(tab)
    sign_in(tab, site, username, NEW_PASSWORDS[username])


def make_profile(admin: Any, site: Server, username: str) -> None:
    """The admin makes a new author profile for the account, on its page."""
    name = PEOPLE[username][1]
    admin.goto(site.url + "/desk/staff/")
    admin.click(f"table.staff >> a:text-is('{username}')")
    admin.fill("#id_name", name)
    admin.click("button:has-text('Make the profile')")
    assert f"Author profile {name} made for {username}." in message(admin)
    facts = admin.inner_text("dl.account-facts")
    assert re.search(rf"Author profile\s+{name}", facts), facts


def fill_in_profile(tab: Any, site: Server, username: str) -> str:
    """The person adds a bio and a picture to their own profile; returns its
    picture's address as the desk's card shows it."""
    _, name, bio = PEOPLE[username]
    tab.click(".desk-header nav >> text=Authors")
    tab.click("text=Edit your author profile")
    tab.wait_for_url(re.compile(r"/desk/authors/\d+/$"))
    assert tab.input_value("#id_name") == name
    tab.fill("#id_bio", bio)
    tab.set_input_files("#id_avatar", picture())
    tab.click("button[value=save]")
    tab.wait_for_selector("text=Saved.")
    card = tab.locator("section.preview .author-card")
    assert name in card.inner_text() and bio in card.inner_text()
    return shown_picture(card)


def shown_picture(card: Any) -> str:
    """The card's picture: there, loaded, and drawn from an uploaded file."""
    avatar = card.locator("img.avatar")
    assert avatar.count() == 1
    loaded = avatar.evaluate("img => img.complete && img.naturalWidth > 0")
    assert loaded, "the picture did not load"
    src = str(avatar.get_attribute("src"))
    assert src.startswith("/media/"), src
    return src


def waiting(tab: Any) -> str:
    return str(tab.inner_text(".desk-header a.waiting"))


def open_from_review(editor: Any, site: Server) -> None:
    editor.goto(site.url + "/desk/")
    assert waiting(editor) == "Waiting for review (1)"
    editor.click(".desk-header a.waiting")
    editor.click(f"section[aria-labelledby=h-review] >> text={HEADLINE}")
    editor.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
    assert "In review" in editor.inner_text(".status")


def card_lines(tab: Any) -> dict[str, str]:
    card = tab.locator("section.authors .author-card")
    assert card.count() == 1
    return {
        part: card.locator(selector).inner_text().strip()
        for part, selector in (("name", "h3"), ("bio", ".author-bio"))
    }


def test_a_newsroom_runs_its_desk_from_day_one(browser: Any, site: Server) -> None:
    # A fresh install: no content, one admin account, the desk's own author.
    assert not User.objects.exists() and not Article.objects.exists()
    create_account(username="ada", password=PASSWORD, role="admin")
    desk = actions.create_author(name=DESK_NAME, bio="The newsroom's own updates.")
    update_settings(default_author=desk, contact_line=CONTACT)
    tabs = Tabs(browser)
    try:
        # 1. The admin invites an editor and a contributor.
        admin = tabs.open()
        sign_in(admin, site, "ada", PASSWORD)
        links = {name: invite(admin, site, name, role) for name, (role, *_) in PEOPLE.items()}
        assert links["casey"] != links["eden"]
        for username, (role, *_) in PEOPLE.items():
            assert account_row(admin, site, username) == [username, role, "yes", "not set yet", "—"]

        # 2. Each opens their link in a browser of their own and sets a password.
        people = {username: tabs.open() for username in PEOPLE}
        for username, tab in people.items():
            set_password(tab, site, links[username], username)
            assert account_row(admin, site, username)[3] == "set"
        # The link worked once.
        stranger = tabs.open(expected="status of 404")
        assert stranger.goto(links["casey"]).status == 404
        assert stranger.inner_text("h1") == "This link no longer works"

        # 3. Each gets an author profile, and gives it a bio and a picture.
        pictures = {}
        for username, tab in people.items():
            make_profile(admin, site, username)
            assert account_row(admin, site, username)[4] == PEOPLE[username][1]
            pictures[username] = fill_in_profile(tab, site, username)
        writer, editor = people["casey"], people["eden"]

        # 4. The contributor writes an update under their own byline and submits it.
        writer.click(".desk-header nav >> text=New update")
        writer.fill("#id_headline", HEADLINE)
        writer.fill("#id_lede", "The first sailing since the storm left the quay at 22:10.")
        writer.fill("#id_body", "The harbour master said the **night crossing** runs daily.")
        writer.select_option("#id_author_0", label="Casey Moreno")
        writer.click("button[value=submit]")
        writer.wait_for_url(re.compile(r"/desk/articles/\d+/$"))
        assert "Submitted for review." in message(writer)
        assert "In review" in writer.inner_text(".status")
        assert writer.locator(".desk-header a.waiting").count() == 0  # not a reviewer
        draft_url = writer.url

        # 5. The editor sees it waiting, opens it and sends it back with a note.
        open_from_review(editor, site)
        editor.fill("#send-back-note", NOTE)
        editor.click("form.send-back button:has-text('Send back')")
        assert "Sent back to the writer." in message(editor)
        assert "Draft" in editor.inner_text(".status")
        assert waiting(editor) == "Waiting for review (0)"

        # 6. The contributor finds the note on their draft, fixes the lede, submits again.
        writer.goto(site.url + "/desk/")
        writer.click(f"section[aria-labelledby=h-drafts] >> text={HEADLINE}")
        assert writer.url == draft_url
        note = writer.locator("section.notes li.note.sent-back")
        assert note.count() == 1
        assert "Sent back" in note.inner_text() and "eden" in note.inner_text()
        assert NOTE in note.inner_text()
        writer.fill("#id_lede", "The first sailing since the storm left the quay at 22:40.")
        writer.click("button[value=submit]")
        assert "Submitted for review." in message(writer)
        assert "In review" in writer.inner_text(".status")

        # 7. The editor publishes it.
        open_from_review(editor, site)
        assert editor.input_value("#id_lede").endswith("22:40.")
        editor.click("button[value=publish]")
        assert "Published." in message(editor)
        assert "Published" in editor.inner_text(".status")
        public_path = editor.get_attribute(".status a:has-text('Public page')", "href")

        # 8. Readers see the contributor's card: name, bio, picture.
        reader = tabs.open()
        reader.goto(site.url + str(public_path))
        assert reader.inner_text("h1.story-headline") == HEADLINE, public_path
        assert "22:40" in reader.inner_text("main") and "22:10" not in reader.inner_text("main")
        assert reader.inner_text(".byline").strip() == "By Casey Moreno"
        assert reader.inner_text("#authors-title") == "About the author"
        assert card_lines(reader) == {"name": "Casey Moreno", "bio": PEOPLE["casey"][2]}
        assert shown_picture(reader.locator("section.authors .author-card")) == pictures["casey"]
        assert reader.locator("section.authors .site-contact").count() == 0

        # 9. An update with no byline shows the desk's card, with the contact line.
        unsigned = actions.publish(
            actions.create_draft(
                headline="Harbour road closed for the regatta",
                lede="Diversions run until Sunday night.",
                authors=[],
            )
        )
        reader.goto(site.url + unsigned.get_absolute_url())
        assert reader.locator(".byline").count() == 0
        assert reader.inner_text("#authors-title") == "From the desk"
        assert card_lines(reader) == {"name": DESK_NAME, "bio": "The newsroom's own updates."}
        assert reader.inner_text("section.authors .site-contact").strip() == CONTACT
        # The desk's preview shows the same card.
        editor.goto(site.url + f"/desk/articles/{unsigned.pk}/preview/")
        assert editor.inner_text("#authors-title") == "From the desk"
        assert card_lines(editor)["name"] == DESK_NAME
        assert editor.inner_text("section.authors .site-contact").strip() == CONTACT
    finally:
        tabs.close()
    assert tabs.errors == [], f"the pages logged errors: {tabs.errors}"

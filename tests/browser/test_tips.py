"""The tip line in a real browser against ``newsdesk serve``, on a 360 px
phone: sent with JavaScript off and on, a refused file keeps the typed
text, no cookie is set and nothing is fetched from another origin; then an
editor allowed to read tips opens it in the desk inbox on the same phone."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.tips.actions import set_reader
from newsdesk.tips.models import Tip
from tests.desk.conftest import PASSWORD, make_user
from tests.live.support import Server
from tests.tips.conftest import CANARY, photo_with_exif

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def fits(page: Any) -> bool:
    width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    return bool(width <= viewport)


def test_a_reader_sends_a_tip_from_a_phone_and_the_desk_reads_it(
    browser: Any, site: Server
) -> None:
    requested: list[str] = []
    for javascript in (False, True):
        context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site.url + "/tips/")
        assert fits(page)
        assert not page.is_visible("#id_website")  # the honeypot, hidden by tips.css
        page.fill("#id_message", f"{CANARY} (JavaScript {'on' if javascript else 'off'})")
        page.fill("#id_contact", "signal @river")
        if javascript:  # a refused file first: the text stays, the file is asked again
            page.set_input_files(
                "#id_attachments",
                {"name": "notes.docx", "mimeType": "application/msword", "buffer": b"PK\x03\x04"},
            )
            page.click(".tip-form button[type=submit]")
            page.wait_for_selector("#tip-errors")
            assert "neither an image" in page.inner_text("#tip-errors")
            assert page.input_value("#id_message").startswith(CANARY)
            assert fits(page)
        page.set_input_files(
            "#id_attachments",
            {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": photo_with_exif()},
        )
        page.click(".tip-form button[type=submit]")
        page.wait_for_url(site.url + "/tips/thanks/")
        assert fits(page)
        assert context.cookies() == []
        context.close()
    assert requested and all(url.startswith(site.url) for url in requested), requested
    assert Tip.objects.count() == 2

    editor = make_user("rhea", "editor")
    set_reader(editor, allowed=True, user=None)
    desk = browser.new_context(viewport=PHONE).new_page()
    desk.goto(site.url + "/desk/login/")
    desk.fill("#id_username", "rhea")
    desk.fill("#id_password", PASSWORD)
    desk.click("button[type=submit]")
    desk.wait_for_url(site.url + "/desk/")
    desk.goto(site.url + "/desk/tips/")
    assert fits(desk)
    newest = Tip.objects.order_by("-id").first()
    assert newest is not None
    desk.click(f"a[href='/desk/tips/{newest.pk}/']")
    desk.wait_for_selector("text=JavaScript on")
    assert fits(desk)
    desk.click("button:has-text('Mark handled')")
    desk.wait_for_selector("text=Marked handled.")
    newest.refresh_from_db()
    assert newest.handled_at is not None
    desk.context.close()

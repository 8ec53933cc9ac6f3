"""The desk's article list searches the whole text of every status the
person may see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from newsdesk.news import actions
from tests.helpers import find_all, parse, text_of

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def headlines(html: bytes) -> list[str]:
    rows = find_all(parse(html), "tbody")
    return [text_of(a) for a in find_all(rows[0], "a")] if rows else []


def test_the_desk_finds_body_outlet_and_every_status(contributor: User, editor: User) -> None:
    draft = actions.create_draft(
        headline="Night shift",
        body="Pumps at the Ostrel water station.",
        sources=[actions.SourceInput(outlet="Harbour Gazette")],
    )
    withdrawn = actions.publish(actions.create_draft(headline="Ostrel update", lede="Short."))
    actions.unpublish(withdrawn)
    actions.create_draft(headline="Ostrel, a contributor's draft", user=contributor)
    client = signed_in(editor)
    assert headlines(client.get("/desk/articles/?q=gazette").content) == ["Night shift"]
    assert sorted(headlines(client.get("/desk/articles/?q=ostrel").content)) == [
        "Night shift",
        "Ostrel update",
        "Ostrel, a contributor's draft",
    ]
    # A contributor searches only what they may see.
    mine = headlines(signed_in(contributor).get("/desk/articles/?q=ostrel").content)
    assert mine == ["Ostrel, a contributor's draft"]
    assert draft.pk
    assert client.get("/desk/articles/?q=%22%28%2A").status_code == 200

"""Live coverages on the API: the Content API reads them and filters articles
by coverage; the Admin API opens, edits, ends, adds, removes and pins through
the actions, with the actions' rules and words."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from newsdesk.news import actions
from newsdesk.news.models import Article, Coverage, Event

from .conftest import Api, Credential

pytestmark = pytest.mark.django_db


def test_the_admin_api_runs_a_coverage_through_the_actions(
    api: Api,
    editor: Credential,
    make_token: Callable[[str], Credential],
    make_article: Callable[..., Article],
) -> None:
    opened = api.send(
        "POST",
        "/api/admin/coverages",
        editor,
        {"title": "Ceasefire talks, day 3", "key_points": "- Delegations met"},
    )
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert (body["slug"], body["is_open"], body["articles"]) == (
        "ceasefire-talks-day-3",
        True,
        0,
    )
    assert body["key_points_html"] == "<ul>\n<li>Delegations met</li>\n</ul>"
    path = f"/api/admin/coverages/{body['id']}"
    changed = api.send("PATCH", path, editor, {"key_points": "- A draft text", "version": 1})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = api.send("PATCH", path, editor, {"key_points": "- Old", "version": 1})
    assert stale.status_code == 409
    assert api.send("PATCH", path, editor, {}).status_code == 400
    story = make_article(headline="Delegations arrive")
    added = api.send("POST", path + "/articles", editor, {"article": story.pk})
    assert added.status_code == 200 and added.json()["articles"] == 1
    pinned = api.send("POST", path + "/pin", editor, {"article": story.pk})
    assert pinned.json()["pinned"] == story.pk
    missing = api.send("POST", path + "/articles", editor, {"article": 999999})
    assert missing.status_code == 400
    assert api.send("POST", path + "/end", editor).json()["is_open"] is False
    late = make_article(headline="Too late")
    refused = api.send("POST", path + "/articles", editor, {"article": late.pk})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["detail"] == (
        "The live coverage “Ceasefire talks, day 3” has ended: it takes no new updates."
    )
    removed = api.send("DELETE", f"{path}/articles/{story.pk}", editor)
    assert removed.status_code == 200 and removed.json()["articles"] == 0
    assert removed.json()["pinned"] is None
    assert api.send("POST", path + "/reopen", editor).json()["is_open"] is True
    types = list(Event.objects.filter(type__startswith="coverage.").values_list("type", flat=True))
    assert types[0] == "coverage.opened" and "coverage.ended" in types

    contributor = make_token("contributor")
    denied = api.send("POST", "/api/admin/coverages", contributor, {"title": "Mine"})
    assert denied.status_code == 403
    assert denied.json()["detail"] == "You do not have permission to manage live coverages."
    assert api.send("POST", path + "/end", contributor).status_code == 403
    unknown = api.send("POST", "/api/admin/coverages", editor, {"title": "X", "role": "admin"})
    assert unknown.status_code == 400
    assert Coverage.objects.count() == 1


def test_the_content_api_reads_coverages_and_their_updates(
    api: Api, make_article: Callable[..., Article]
) -> None:
    talks = actions.open_coverage(title="Ceasefire talks")
    alerts = actions.open_coverage(title="Air raid alerts")
    inside = make_article(headline="Delegations arrive", coverages=[talks])
    make_article(publish=False, headline="A draft", coverages=[talks])
    make_article(headline="Sirens", coverages=[alerts])
    listing = api.get("/api/content/coverages").json()
    assert [(c["slug"], c["articles"]) for c in listing["items"]] == [
        ("ceasefire-talks", 1),
        ("air-raid-alerts", 1),
    ]
    one = api.get("/api/content/coverages/ceasefire-talks")
    assert one.status_code == 200 and one.json()["url"].endswith("/live/ceasefire-talks/")
    assert api.get("/api/content/coverages/nothing-here").status_code == 404
    page = api.get("/api/content/articles?coverage=ceasefire-talks").json()
    assert [a["id"] for a in page["items"]] == [inside.pk]
    assert page["items"][0]["coverages"] == [
        {
            "slug": "ceasefire-talks",
            "title": "Ceasefire talks",
            "url": page["items"][0]["coverages"][0]["url"],
        }
    ]
    assert page["items"][0]["coverages"][0]["url"].endswith("/live/ceasefire-talks/")
    assert api.get("/api/content/articles?coverage=<script>").status_code == 400


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("contributor", False), ("editor", True), ("admin", True), ("nobody", False)],
)
def test_one_rule_on_the_desk_and_the_api(
    api: Api,
    make_token: Callable[[str], Credential],
    make_article: Callable[..., Article],
    role: str,
    allowed: bool,
) -> None:
    """Opening and ending a coverage: the same answer through both doors, and
    a refusal changes nothing (RELIABILITY.md row 35)."""
    cred = make_token(role)
    assert cred.user is not None
    desk = Client()
    desk.force_login(cred.user)
    before = (Coverage.objects.count(), Event.objects.count())
    by_api = api.send("POST", "/api/admin/coverages", cred, {"title": "Through the API"})
    by_desk = desk.post("/desk/coverages/new/", {"title": "Through the desk", "language": "en"})
    assert (by_api.status_code == 201) is allowed, by_api.content
    assert (by_desk.status_code == 302) is allowed
    if not allowed:
        assert by_api.status_code == 403 and by_desk.status_code == 403
        assert (Coverage.objects.count(), Event.objects.count()) == before
    talks = actions.open_coverage(title="Ceasefire talks")
    ended_by_api = api.send("POST", f"/api/admin/coverages/{talks.pk}/end", cred)
    assert (ended_by_api.status_code == 200) is allowed
    if allowed:
        actions.reopen_coverage(talks)  # for the desk's turn
    ended_by_desk = desk.post(f"/desk/coverages/{talks.pk}/end/", {"confirm": "yes"})
    assert ended_by_desk.status_code == (302 if allowed else 403)
    talks.refresh_from_db()
    assert talks.is_open is not allowed

"""``/live/desk``: the desk's own events for signed-in desk people only,
never on the readers' ``/live``."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.wire import spreading
from newsdesk.wire.ingest import ingest
from newsdesk.wire.models import Source, Story
from newsdesk.wire.parse import ParsedFeed, ParsedItem
from tests.desk.conftest import make_user

from .support import DeskSession, Server, SSEClient, current_database_url, server_env

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "Ferry crossings to the islands resumed on Tuesday morning after the storm passed, the port "
    "authority said, with the first boats leaving at six and extra sailings added through the "
    "afternoon for travellers stranded since the weekend."
)


@pytest.fixture
def server(django_db_blocker: Any, tmp_path: Path) -> Iterator[Server]:
    with django_db_blocker.unblock():
        database = current_database_url()
    made = Server(server_env(database), log_path=tmp_path / "serve.log").start()
    try:
        yield made
    finally:
        made.stop()


def status_of(server: Server, cookie: str = "") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/live/desk", headers={"Cookie": cookie} if cookie else {})
    status = conn.getresponse().status
    conn.close()
    return status


def report(outlet: str, guid: str) -> None:
    source = Source.objects.create(url=f"https://{guid}.example/feed", outlet=outlet)
    now = timezone.now()
    item = ParsedItem(
        external_id=guid,
        url=f"https://{guid}.example/ferries",
        title="Ferries resume",
        summary=BODY,
        text=BODY,
        published_at=now - timedelta(minutes=1),
    )
    ingest(source, ParsedFeed(kind="rss", items=[item]), now)


def test_only_the_desk_hears_of_a_story_spreading(server: Server, settings: Any) -> None:
    settings.NEWSDESK_WIRE_SPREAD_OUTLETS = 2
    make_user("eden", "editor")
    make_user("pat", None)  # signed in, but not a desk person
    assert status_of(server) == 403
    assert status_of(server, "sessionid=forged-or-expired") == 403
    outsider = DeskSession(server, "pat")
    assert "sessionid=" in outsider.cookie_header()  # signed in all the same
    assert status_of(server, outsider.cookie_header()) == 403

    editor = DeskSession(server, "eden")
    desk = SSEClient(server.url, "/live/desk", {"Cookie": editor.cookie_header()})
    readers = SSEClient(server.url, "/live")
    try:
        assert desk.response.status == 200
        assert desk.response.getheader("cache-control") == "no-store, private"
        report("Harbour Courier", "h1")
        first = desk.next_event(timeout=10)
        assert first.event == spreading.WIRE_ITEMS
        report("Valley Post", "v1")
        frames = [desk.next_event(timeout=10) for _ in range(2)]
        assert [f.event for f in frames] == [spreading.WIRE_ITEMS, spreading.STORY_SPREADING]
        told = frames[1].json()["desk"]
        assert told["story"] == Story.objects.get().pk
        assert told["outlets"] == ["Harbour Courier", "Valley Post"]
        # Readers got nothing of it.
        assert readers.events_within(1.0) == []
        assert b"desk." not in readers.raw
    finally:
        desk.close()
        readers.close()

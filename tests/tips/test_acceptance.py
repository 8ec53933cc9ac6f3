"""The tip line end to end through a real ``newsdesk serve``: a reader at
127.0.0.1 sends a tip with a photo (GPS in its EXIF) and a PDF; an editor
with the tips permission, at 127.0.0.2, reads it in the desk inbox. Then
neither the tip's text nor the files' bytes are in the database file (and
its WAL) or under the media folder, and the reader's address is in no
request log line about the tip line and in no column of any table.

The server logs every request with its client address
(``NEWSDESK_ACCESS_LOG`` and ``NEWSDESK_LOG_ADDRESSES`` on), the harshest
setting an operator can choose: the tip line must leave its address out
even then.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.contrib.auth.models import User
from django.db import connection
from PIL import Image

from newsdesk.tips.actions import set_reader
from newsdesk.tips.crypto import new_key
from newsdesk.tips.models import Tip
from tests.desk.conftest import PASSWORD, make_user
from tests.helpers import find_all, parse, text_of
from tests.live.support import Server, current_database_url, server_env

from .conftest import CANARY, PDF, photo_with_exif

pytestmark = pytest.mark.django_db(transaction=True)

TIPSTER = "127.0.0.1"
EDITOR = "127.0.0.2"
CONTACT = "contact-canary-2b8e signal @river"


@pytest.fixture(scope="module")
def served(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Path]]:
    with django_db_blocker.unblock():
        database = current_database_url()
    folder = tmp_path_factory.mktemp("tips-site")
    media = folder / "media"
    env = server_env(
        database,
        NEWSDESK_TIPS_KEY=new_key(),
        NEWSDESK_MEDIA_ROOT=str(media),
        NEWSDESK_ACCESS_LOG="true",
        NEWSDESK_LOG_ADDRESSES="true",
        NEWSDESK_LOG_FORMAT="json",
    )
    server = Server(env, log_path=folder / "serve.log", args=("--no-worker",)).start()
    yield server, media
    server.stop()


def sign_in(server: Server, username: str) -> httpx.Client:
    """A desk session from the editor's own address."""
    client = httpx.Client(
        base_url=server.url,
        transport=httpx.HTTPTransport(local_address=EDITOR),
        headers={"Origin": server.url},
        timeout=30,
    )
    login = client.get("/desk/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
    assert token is not None
    done = client.post(
        "/desk/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
    )
    assert done.status_code == 302, done.text
    return client


def every_row() -> Iterator[tuple[str, str, Any]]:
    """(table, column, value) for every value of every table the database has."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            quoted = connection.ops.quote_name(table)
            try:
                cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (our own table names)
            except Exception as exc:  # an FTS5 shadow table may not be readable
                if connection.vendor != "sqlite":
                    raise
                assert "fts" in table or "_data" in table or "_idx" in table, (table, exc)
                continue
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    yield table, column, value


def as_bytes(value: Any) -> bytes:
    if isinstance(value, memoryview | bytearray | bytes):
        return bytes(value)
    if isinstance(value, str):
        return value.encode()
    return json.dumps(value, default=str).encode() if value is not None else b""


def test_a_tip_with_files_reaches_the_inbox_and_leaves_no_trace_in_clear(
    served: tuple[Server, Path],
) -> None:
    server, media = served
    reader = make_user("rhea", "editor")
    set_reader(reader, allowed=True, user=None)
    photo = photo_with_exif()

    # The reader, from 127.0.0.1, with no cookie before or after.
    with httpx.Client(base_url=server.url, timeout=30) as tipster:
        form = tipster.get("/tips/")
        assert form.status_code == 200 and "set-cookie" not in form.headers
        assert form.headers["referrer-policy"] == "no-referrer"
        assert "no-store" in form.headers["cache-control"]
        sent = tipster.post(
            "/tips/",
            data={"message": CANARY, "contact": CONTACT, "website": ""},
            files=[
                ("attachments", ("IMG_0042.jpg", photo, "image/jpeg")),
                ("attachments", ("ballots.pdf", PDF, "application/pdf")),
            ],
        )
        assert sent.status_code == 303 and sent.headers["location"] == "/tips/thanks/"
        assert "set-cookie" not in sent.headers
        assert not tipster.cookies

    # The editor, from 127.0.0.2, finds it in the inbox and reads it.
    desk = sign_in(server, "rhea")
    try:
        inbox = parse(desk.get("/desk/tips/").text)
        links = [a.attrs["href"] for a in find_all(inbox, "a") if "/desk/tips/" in a.attrs["href"]]
        tip_url = next(link for link in links if re.fullmatch(r"/desk/tips/\d+/", link))
        assert CANARY not in text_of(inbox)
        page = parse(desk.get(tip_url).text)
        assert CANARY in text_of(page) and CONTACT in text_of(page)
        files = [a.attrs["href"] for a in find_all(page, "a", download=True)]
        assert len(files) == 2
        image, document = (desk.get(url) for url in files)
    finally:
        desk.close()
    assert document.content == PDF
    assert image.headers["content-type"] == "image/jpeg"
    assert image.headers["content-disposition"].startswith("attachment;")
    cleaned = image.content
    assert b"exif-canary" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as opened:
        assert not opened.getexif() and opened.size == (64, 48)

    secrets = {
        "message": CANARY.encode(),
        "contact": CONTACT.encode(),
        "photo as sent": photo,
        "photo's EXIF": b"exif-canary",
        "photo as kept": cleaned,
        "photo's pixels": cleaned[len(cleaned) // 2 : len(cleaned) // 2 + 48],
        "PDF": PDF,
        "PDF's marker": b"pdf-canary-91c2",
    }

    # The database file and its write-ahead log, byte by byte (SQLite).
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        stored = name.read_bytes() + (
            Path(f"{name}-wal").read_bytes() if Path(f"{name}-wal").exists() else b""
        )
        for what, data in secrets.items():
            assert data not in stored, f"the {what} is in the database file in clear"

    # Every file under the media folder: the tip's files are there, sealed.
    kept = [p for p in media.rglob("*") if p.is_file()]
    assert len([p for p in kept if p.parts[-2] == "tips"]) == 2
    for path in kept:
        content = path.read_bytes()
        for what, data in secrets.items():
            assert data not in content, f"the {what} is in {path} in clear"

    # Every value of every table: no text in clear, no reader's address;
    # the editor's own address is there (their sign-in is audited), so the
    # search does see addresses where they are kept.
    seen_editor = False
    for table, column, value in every_row():
        raw = as_bytes(value)
        assert TIPSTER.encode() not in raw, f"{table}.{column} holds {TIPSTER}"
        for what, data in secrets.items():
            assert data not in raw, f"the {what} is in {table}.{column}"
        seen_editor = seen_editor or EDITOR.encode() in raw
    assert seen_editor

    # The server's log: every request logged with its address, except the tip line's.
    lines = [json.loads(line) for line in server.log().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("logger") == "newsdesk.access"]
    tips = [line for line in requests if line["path"].startswith("/tips")]
    assert [(r["method"], r["path"]) for r in tips] == [("GET", "/tips/"), ("POST", "/tips/")]
    assert all("client" not in r for r in tips)
    assert any(r.get("client") == EDITOR for r in requests)
    for line in server.log().splitlines():
        if TIPSTER not in line or line.startswith("newsdesk is serving"):
            continue  # (the banner names the address the server listens on)
        # Else only the harness's own start-up probe of the front page.
        assert json.loads(line)["path"] == "/", line
    assert not User.objects.filter(last_login__isnull=True, username="rhea").exists()


def test_files_over_the_limit_are_refused_by_the_server_and_the_text_kept(
    served: tuple[Server, Path],
) -> None:
    server, media = served
    before = sorted(media.rglob("*"))
    big = b"%PDF-1.4\n" + b"0" * 10_000_000  # with the text, over NEWSDESK_TIPS_MAX_BYTES
    with httpx.Client(base_url=server.url, timeout=60) as tipster:
        refused = tipster.post(
            "/tips/",
            data={"message": "Kept although the file was too big", "website": ""},
            files=[("attachments", ("scan.pdf", big, "application/pdf"))],
        )
    assert refused.status_code == 413
    page = parse(refused.text)
    assert find_all(page, "textarea", name="message")[0].text == (
        "Kept although the file was too big"
    )
    assert "The files together are over 10 MB" in text_of(find_all(page, "div", id="tip-errors")[0])
    assert not Tip.objects.exists()
    assert sorted(media.rglob("*")) == before

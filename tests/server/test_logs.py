"""Structured logs: a request's id follows it into the outbox and the
worker's deliveries; JSON lines; nothing personal in the access log."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from newsdesk.news.models import Article
from newsdesk.ops import logs
from tests.live.support import Server, current_database_url, server_env

RID = "req-7f3a9c2e41d0"


def test_json_lines_carry_the_request_id_and_bound_fields() -> None:
    record = logging.makeLogRecord(
        {
            "name": "newsdesk.wire",
            "levelname": "INFO",
            "msg": "fetched %s items",
            "args": (3,),
            "source_id": 12,
        }
    )
    with logs.bound(RID):
        logs.RequestIdFilter().filter(record)
    line = json.loads(logs.JsonFormatter().format(record))
    assert line["message"] == "fetched 3 items"
    assert line["request_id"] == RID
    assert line["source_id"] == 12
    assert line["logger"] == "newsdesk.wire"
    assert line["level"] == "INFO"


@pytest.mark.parametrize(
    ("given", "kept"),
    [(RID, True), ("short", False), ("a b c d e f g h", False), ("x" * 65, False), (None, False)],
)
def test_an_incoming_request_id_is_kept_only_when_it_looks_like_one(
    given: str | None, kept: bool
) -> None:
    made = logs.new_request_id(given)
    assert (made == given) is kept
    assert logs.SAFE_ID.fullmatch(made)


@pytest.mark.django_db
def test_django_answers_with_the_id_it_logged_under() -> None:
    response = Client().get("/no-such-page/", HTTP_X_REQUEST_ID=RID)
    assert response["X-Request-ID"] == RID
    fresh = Client().get("/no-such-page/")
    assert logs.SAFE_ID.fullmatch(fresh["X-Request-ID"])


@pytest.mark.django_db(transaction=True)
def test_the_access_log_names_no_one(tmp_path: Path, make_article: Callable[..., Article]) -> None:
    article = make_article(headline="Market stalls return")
    env = server_env(
        current_database_url(),
        NEWSDESK_DATA_DIR=str(tmp_path / "data"),
        NEWSDESK_ACCESS_LOG="true",
        NEWSDESK_LOG_FORMAT="json",
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    server = Server(env, log_path=tmp_path / "serve.log").start()
    try:
        import urllib.request

        for _ in range(2):
            call = urllib.request.Request(
                server.url + article.get_absolute_url() + "?q=my+secret+search",
                headers={
                    "X-Request-ID": RID,
                    "Cookie": "sessionid=abc123456",
                    "Authorization": "Bearer not-a-real-token-0123456789",
                },
            )
            with urllib.request.urlopen(call, timeout=10) as response:
                assert response.headers["X-Request-ID"] == RID
    finally:
        server.stop()
    lines = [json.loads(line) for line in server.log().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "newsdesk.access" and line["path"] != "/"]
    assert len(access) == 2, server.log()
    first = access[0]
    assert first["path"] == article.get_absolute_url()
    assert first["status"] == 200
    assert first["request_id"] == RID
    assert first["route"] == "/news/<str:slug>/"
    text = server.log()
    for private in ("secret search", "abc123456", "not-a-real-token", "127.0.0.1:"):
        assert private not in text.replace(server.url, "")
    assert "client" not in first

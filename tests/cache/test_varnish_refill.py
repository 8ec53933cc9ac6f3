"""A purge is never refilled from a web process that has not read the event yet.

Varnish's fetches carry ``X-Newsdesk-Front`` and skip the process's own page
cache. Here the process reads the outbox only once a minute, so its own copy
is stale long after the worker purged Varnish; Varnish still gets the fresh
page. (A module of its own: one server's worker purges per database.)

On SQLite no process is ever that late: a request the page cache would
answer first reads what another process committed (``live/freshness.py``),
so there the process's own copy is fresh too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

from newsdesk.news import actions
from newsdesk.news.models import Article
from tests.live.support import current_database_url

from .varnish_support import Varnish, purged, running_front

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_purge_is_never_refilled_from_a_process_that_has_not_read_the_event(
    tmp_path: Path, make_article: Callable[..., Article]
) -> None:
    url = current_database_url()
    slow = {"NEWSDESK_LIVE_BROKER": "memory", "NEWSDESK_LIVE_POLL_SECONDS": "60",
            "NEWSDESK_LIVE_SAFETY_POLL_SECONDS": "600"}  # fmt: skip
    with running_front(tmp_path, url, **slow) as (varnish, server):
        make_article(headline="Lighthouse keeper retires", tags=["Lighthouse"])
        purged()
        direct = Varnish(server.port, varnish.process)
        for _ in range(2):
            direct.get("/tag/lighthouse/")
            varnish.get("/tag/lighthouse/")
        assert varnish.cache("/tag/lighthouse/") == "HIT"
        story = Article.objects.get(headline="Lighthouse keeper retires")
        actions.update(story, headline="Lighthouse keeper stays on")
        purged()
        _status, headers, body = direct.get("/tag/lighthouse/")
        if connection.vendor == "sqlite":
            assert "Lighthouse keeper stays on" in body
        else:
            assert headers["x-cache"] == "hit" and "Lighthouse keeper retires" in body  # stale
        _status, headers, body = varnish.get("/tag/lighthouse/")
        assert headers["x-varnish-cache"] == "MISS" and "Lighthouse keeper stays on" in body

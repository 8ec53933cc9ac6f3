"""Scheduling from the desk: on a controlled clock, and with the real worker
inside `newsdesk serve`, across a restart."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.hooks.delivery import make_clients
from newsdesk.news import actions
from newsdesk.news.models import Article, AuditEntry
from newsdesk.site.actions import update_settings
from newsdesk.worker.loop import run_once
from tests.helpers import status_of
from tests.live.support import Server, current_database_url, server_env

from .conftest import make_user, signed_in


@pytest.mark.django_db
def test_schedule_from_the_desk_in_the_site_time_zone_then_the_clock(editor: User) -> None:
    update_settings(time_zone="Asia/Tokyo")
    article = actions.create_draft(headline="Talks resume", lede="Delegations meet.", user=editor)
    local = timezone.now().astimezone(timezone.get_fixed_timezone(9 * 60)) + timedelta(hours=2)
    response = signed_in(editor).post(
        f"/desk/articles/{article.pk}/",
        {
            "headline": "Talks resume",
            "lede": "Delegations meet.",
            "version": article.version,
            "publish_at": local.strftime("%Y-%m-%dT%H:%M"),
            "do": "schedule",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    due = article.published_at
    assert due is not None
    assert abs((due - local.replace(second=0, microsecond=0)).total_seconds()) < 1
    assert AuditEntry.objects.filter(action="schedule", actor=editor).exists()
    clients = make_clients()
    try:
        run_once(clients, lambda: due - timedelta(seconds=1))
        article.refresh_from_db()
        assert article.status == Article.Status.SCHEDULED
        run_once(clients, lambda: due + timedelta(seconds=1))
    finally:
        clients.close()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    published = AuditEntry.objects.get(action="publish")
    assert published.actor is None and published.detail["by"] == "system"


@pytest.mark.django_db
def test_a_time_in_the_past_is_a_form_error(editor: User) -> None:
    article = actions.create_draft(headline="Old news", lede="Already happened.", user=editor)
    response = signed_in(editor).post(
        f"/desk/articles/{article.pk}/",
        {
            "headline": "Old news",
            "lede": "Already happened.",
            "version": article.version,
            "publish_at": "2020-01-01T09:00",
            "do": "schedule",
        },
    )
    assert response.status_code == 400
    assert "future" in " ".join(response.context["form"].errors["publish_at"])
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.version == 1


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_publishes_within_five_seconds_and_after_a_restart(
    tmp_path: Path,
) -> None:
    editor = make_user("eden", "editor")
    env: dict[str, Any] = server_env(current_database_url())
    server = Server(env, log_path=tmp_path / "serve.log").start()
    try:
        soon = actions.create_draft(headline="Ceasefire talks", lede="At noon.", user=editor)
        due = timezone.now() + timedelta(seconds=2)
        actions.schedule(soon, publish_at=due, user=editor)
        url = server.url + soon.get_absolute_url()
        assert status_of(url) == 404
        while status_of(url) != 200:
            assert timezone.now() < due + timedelta(seconds=5), server.log()
            time.sleep(0.1)
        late = timezone.now() - due
        assert late < timedelta(seconds=5)
        # A schedule lives on the article row: stop the server, let the time
        # pass, start again, and it goes out.
        later = actions.create_draft(headline="Border reopens", lede="Trucks wait.", user=editor)
        due = timezone.now() + timedelta(seconds=2)
        actions.schedule(later, publish_at=due, user=editor)
        server.stop()
        time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.5)
        assert Article.objects.get(pk=later.pk).status == Article.Status.SCHEDULED
        server.start()
        url = server.url + later.get_absolute_url()
        started = timezone.now()
        while status_of(url) != 200:
            assert timezone.now() < started + timedelta(seconds=5), server.log()
            time.sleep(0.1)
    finally:
        server.stop()

"""The demo newsroom loads through the actions and looks like a real desk's month."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from newsdesk.news.models import Article, ArticleSource, Author, Correction, Event, Revision, Tag

pytestmark = pytest.mark.django_db


def test_demo_loads_a_month_of_news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)
    out = io.StringIO()
    call_command("demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Loaded ") and lines[0].endswith(" demo updates.")
    assert lines[1].startswith("Desk login: desk / ")

    published = Article.published.all()
    assert published.count() >= 200
    assert Author.objects.count() == 5
    assert Tag.objects.count() == 15
    assert ArticleSource.objects.count() >= 50
    assert Correction.objects.count() >= 3
    assert Article.objects.filter(is_pinned=True).count() == 1
    assert published.filter(is_breaking=True).count() >= 5
    now = timezone.now()
    oldest = published.order_by("published_at").first()
    assert oldest is not None and oldest.published_at is not None
    assert now - timedelta(days=31) < oldest.published_at < now - timedelta(days=28)
    assert len(set(published.values_list("headline", flat=True))) == published.count()
    assert set(published.values_list("reading_time", flat=True)) >= {1, 2}
    # Everything went through the actions: one revision and one event per step.
    assert Revision.objects.filter(action="publish").count() == published.count()
    assert Event.objects.filter(type="article.published").count() == published.count()
    assert all(a.bylines.exists() for a in published[:20])
    assert all(
        s.url.startswith("https://") and ".example/" in s.url for s in ArticleSource.objects.all()
    )

    # Loading again changes nothing, and prints the same login.
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert again.getvalue().splitlines() == [
        "Demo content is already loaded; leaving it as it is.",
        lines[1],
    ]
    # Besides the published updates, the desk has a draft and one in review.
    assert sorted(Article.objects.exclude(status="published").values_list("status", flat=True)) == [
        "draft",
        "review",
    ]
    assert (tmp_path / "demo-login.txt").stat().st_mode & 0o777 == 0o600

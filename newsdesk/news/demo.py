"""Load the original demo content through the same actions the desk uses."""

from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import actions
from .demo_content import AUTHORS, DESK_WORK, OUTLETS, STORIES, TAGS
from .models import Article, Author

DEMO_DAYS = 30
DESK_USERNAME = "desk"


def spread(count: int, now: datetime, days: int = DEMO_DAYS, seed: int = 7) -> list[datetime]:
    """``count`` strictly increasing times over the last ``days``, ending before ``now``."""
    rng = random.Random(seed)  # noqa: S311  (not security-sensitive)
    start = now - timedelta(days=days)
    step = (now - start - timedelta(minutes=20)) / count
    times = []
    for i in range(count):
        jitter = timedelta(seconds=rng.uniform(0, step.total_seconds() * 0.8))
        times.append(start + step * i + jitter)
    return times


def _authors() -> dict[str, Author]:
    found: dict[str, Author] = {}
    for data in AUTHORS:
        author, _ = Author.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "bio": data["bio"], "contact": data["contact"]},
        )
        found[data["slug"]] = author
    return found


def load(now: datetime | None = None) -> int:
    """Create the demo articles; returns how many were published."""
    now = now or timezone.now()
    times = spread(len(STORIES), now)
    unknown = {t for s in STORIES for t in cast(list[str], s["tags"])} - set(TAGS)
    assert not unknown, f"demo stories use undeclared tags: {unknown}"
    with transaction.atomic():
        authors = _authors()
        pinned: Article | None = None
        for story, when in zip(STORIES, times, strict=True):
            article = _story(story, when, authors)
            if story.get("breaking") and when > now - timedelta(days=2):
                pinned = article
        if pinned is not None:
            actions.pin(pinned)
        for work in DESK_WORK:
            _desk_work(work, authors)
    return len(STORIES)


def _desk_work(work: dict[str, Any], authors: dict[str, Author]) -> Article:
    """A draft, or an update submitted for review, for the desk's home page."""
    sources = [
        actions.SourceInput(
            outlet=OUTLETS[ref["outlet"]]["name"],
            url=OUTLETS[ref["outlet"]]["url"].rstrip("/") + ref["path"],
            quote_style=ref["how"],
        )
        for ref in work["sources"]
    ]
    article = actions.create_draft(
        headline=work["headline"],
        lede=work["lede"],
        body=work["body"],
        tags=work["tags"],
        authors=[authors[slug] for slug in work["authors"]],
        sources=sources,
        language="en",
    )
    if work["status"] == "review":
        article = actions.submit(article)
    return article


def _story(story: dict[str, Any], when: datetime, authors: dict[str, Author]) -> Article:
    sources = []
    for ref in story.get("sources", []):
        outlet = OUTLETS[ref["outlet"]]
        url = outlet["url"].rstrip("/") + ref["path"] if ref.get("path") else outlet["url"]
        sources.append(actions.SourceInput(outlet=outlet["name"], url=url, quote_style=ref["how"]))
    article = actions.create_draft(
        headline=story["headline"],
        lede=story["lede"],
        body=story["body"],
        tags=story["tags"],
        authors=[authors[slug] for slug in story["authors"]],
        sources=sources,
        is_breaking=story.get("breaking", False),
        language="en",
    )
    article = actions.publish(article, at=when)
    if story.get("correction"):
        actions.correct(article, note=story["correction"], at=when + timedelta(hours=2))
    return article


def tag_slugs() -> list[str]:
    return [slugify(t, allow_unicode=True) for t in TAGS]


def desk_login() -> tuple[str, str]:
    """The demo's desk account: created once, its password kept under the data dir."""
    password_file = settings.DATA_DIR / "demo-login.txt"
    user_model = get_user_model()
    if password_file.exists() and user_model.objects.filter(username=DESK_USERNAME).exists():
        return DESK_USERNAME, password_file.read_text().strip()
    password = secrets.token_urlsafe(12)
    user = user_model.objects.filter(username=DESK_USERNAME).first()
    if user is None:
        user = user_model.objects.create_superuser(DESK_USERNAME, "", password)
    else:
        user.set_password(password)
        user.save()
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return DESK_USERNAME, password

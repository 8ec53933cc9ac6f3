"""What every public page depends on, read in one query.

Everything a reader sees changes only through an action, and every action
that changes what readers see writes a public outbox event: articles,
authors, tags and the site settings alike. So the newest public event id
says whether anything changed, and page validators, the live position and
the site settings kept in each process are all derived from it. Event ids
become visible in id order (``BEGIN IMMEDIATE`` on SQLite, the outbox's
commit lock on PostgreSQL), so a newer change always means a larger id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Subquery
from django.http import HttpRequest

from .models import Article, Event


@dataclass(frozen=True)
class State:
    last_event: int
    event_at: datetime | None
    # The oldest publication time: where the live blog's coverage starts.
    first_published: datetime | None = None

    @property
    def last_modified(self) -> datetime | None:
        return self.event_at


def read_state() -> State:
    newest = Event.objects.filter(public=True).order_by("-id")
    oldest = Article.published.order_by("published_at")
    row = (
        newest.annotate(first_published=Subquery(oldest.values("published_at")[:1]))
        .values_list("id", "created_at", "first_published")
        .first()
    )
    if row is None:  # nothing public has happened yet
        return State(0, None, oldest.values_list("published_at", flat=True).first())
    return State(row[0], row[1], row[2])


def state_of(request: HttpRequest) -> State:
    """The state for this request, read once (the validators, the live
    position, the live blog's start and the site settings all come from it)."""
    state = getattr(request, "_newsdesk_state", None)
    if state is None:
        state = read_state()
        request._newsdesk_state = state  # type: ignore[attr-defined]
    return state

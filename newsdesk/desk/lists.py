"""The desk's article list: every article the person may see, newest change
first, filtered by status, author, tag, date and the full-text search (every
status: the desk's index holds drafts and withdrawn updates too), paged by
keyset (never OFFSET) like the reader pages."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from newsdesk.news.models import Article, Author, Tag
from newsdesk.news.pagination import BadCursor, Cursor
from newsdesk.news.permissions import visible_articles
from newsdesk.search import find
from newsdesk.search.query import parse
from newsdesk.site import current as site

from .access import DeskRequest, desk_view

PAGE_SIZE = 50
MAX_WORDS = 200


@dataclass
class Filters:
    status: str = ""
    author: Author | None = None
    tag: Tag | None = None
    since: date | None = None
    until: date | None = None
    q: str = ""


class BadFilter(ValueError):
    pass


def _date(raw: str, label: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise BadFilter(
            _("%(label)s must be a date such as 2026-12-07.") % {"label": label}
        ) from exc


def read_filters(query: QueryDict) -> Filters:
    found = Filters()
    status = query.get("status", "")
    if status and status not in Article.Status.values:
        raise BadFilter(_("Unknown status."))
    found.status = status
    if query.get("author"):
        found.author = Author.objects.filter(slug=query["author"]).first()
        if found.author is None:
            raise BadFilter(_("No such author."))
    if query.get("tag"):
        found.tag = Tag.objects.filter(slug=query["tag"]).first()
        if found.tag is None:
            raise BadFilter(_("No such tag."))
    found.since = _date(query.get("since", ""), _("From"))
    found.until = _date(query.get("until", ""), _("To"))
    found.q = " ".join(query.get("q", "").split())
    if len(found.q) > MAX_WORDS:
        raise BadFilter(_("Search for at most %(n)d characters.") % {"n": MAX_WORDS})
    return found


def _day_start(day: date, zone: str) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zoneinfo.ZoneInfo(zone))


def apply(queryset: QuerySet[Article], found: Filters, zone: str) -> QuerySet[Article]:
    if found.status:
        queryset = queryset.filter(status=found.status)
    if found.author is not None:
        queryset = queryset.filter(bylines__author=found.author)
    if found.tag is not None:
        queryset = queryset.filter(tags=found.tag)
    if found.since is not None:
        queryset = queryset.filter(modified_at__gte=_day_start(found.since, zone))
    if found.until is not None:
        end = _day_start(found.until + timedelta(days=1), zone)
        queryset = queryset.filter(modified_at__lt=end)
    if found.q:
        parsed = parse(found.q)
        if not parsed:  # only punctuation, or only words to leave out
            return queryset.none()
        queryset = queryset.filter(pk__in=find.matching(parsed, public_only=False))
    return queryset


def newest_first(queryset: QuerySet[Article], cursor: Cursor | None) -> QuerySet[Article]:
    queryset = queryset.order_by("-modified_at", "-id")
    if cursor is None:
        return queryset
    when = cursor.published_at  # the cursor's time: here, the last row's change
    return queryset.filter(modified_at__lte=when).filter(
        Q(modified_at__lt=when) | Q(id__lt=cursor.id)
    )


@desk_view("news.add_article")
def article_list(request: DeskRequest) -> HttpResponse:
    zone = site.of(request).time_zone
    try:
        found = read_filters(request.GET)
        cursor = Cursor.decode(request.GET["before"]) if request.GET.get("before") else None
    except BadCursor:
        return HttpResponse(_("That page link is broken; start again."), status=400)
    except BadFilter as exc:
        return HttpResponse(str(exc), status=400)
    queryset = visible_articles(request.user, Article.objects.all())
    queryset = apply(queryset, found, zone).distinct()
    rows = list(newest_first(queryset, cursor).prefetch_related("bylines__author")[: PAGE_SIZE + 1])
    more = None
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        query = request.GET.copy()
        query["before"] = Cursor(rows[-1].modified_at, rows[-1].pk).encode()
        more = query.urlencode()
    context: dict[str, Any] = {
        "articles": rows,
        "filters": found,
        "statuses": Article.Status.choices,
        "authors": Author.objects.order_by("name"),
        "tags": Tag.objects.order_by("name"),
        "more": more,
        "paged": cursor is not None,
    }
    return render(request, "desk/articles.html", context)

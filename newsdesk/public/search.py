"""Reader search: ``/search?q=`` as feed cards, best match first, and the
OpenSearch description that lets browsers add the site's search."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from newsdesk.news.models import Article, Author, Tag
from newsdesk.search import find
from newsdesk.search.highlight import highlight, snippet
from newsdesk.search.query import MAX_LENGTH, parse
from newsdesk.search.text import plain
from newsdesk.site import current as site_settings

from .views import CARD_FIELDS, card_tags

PAGE_SIZE = 20


class BadSearch(ValueError):
    pass


def _day(raw: str, label: str, zone: str) -> datetime | None:
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError as exc:
        raise BadSearch(
            _("%(label)s must be a date such as 2026-12-07.") % {"label": label}
        ) from exc
    return datetime.combine(day, time.min, tzinfo=zoneinfo.ZoneInfo(zone))


def _filters(request: HttpRequest, zone: str) -> tuple[find.Filters, dict[str, Any]]:
    chosen: dict[str, Any] = {}
    filters = find.Filters()
    if request.GET.get("tag"):
        tag = Tag.objects.filter(slug=request.GET["tag"]).first()
        if tag is None:
            raise BadSearch(_("There is no such tag."))
        filters.tag_id, chosen["tag"] = tag.pk, tag
    if request.GET.get("author"):
        author = Author.objects.filter(slug=request.GET["author"]).first()
        if author is None:
            raise BadSearch(_("There is no such author."))
        filters.author_id, chosen["author"] = author.pk, author
    filters.since = _day(request.GET.get("from", ""), _("From"), zone)
    until = _day(request.GET.get("to", ""), _("To"), zone)
    filters.until = until + timedelta(days=1) if until else None
    return filters, chosen


def _results(ids: list[int], parsed: Any) -> list[Article]:
    rows = (
        Article.published.only(*CARD_FIELDS, "body_html")
        .select_related("image")
        .prefetch_related(card_tags())
        .in_bulk(ids)
    )
    found = [rows[pk] for pk in ids if pk in rows]
    for article in found:
        article.highlighted_headline = highlight(article.headline, parsed)  # type: ignore[attr-defined]
        article.highlighted_lede = highlight(article.lede, parsed)  # type: ignore[attr-defined]
        article.snippet = snippet(plain(article.body_html), parsed)  # type: ignore[attr-defined]
    return found


def search(request: HttpRequest) -> HttpResponse:
    zone = site_settings.of(request).time_zone
    text = " ".join(request.GET.get("q", "").split())
    context: dict[str, Any] = {
        "q": text,
        "tags": Tag.objects.only("name", "slug").order_by("name"),
        "authors": Author.objects.only("name", "slug").order_by("name"),
        "date_from": request.GET.get("from", ""),
        "date_to": request.GET.get("to", ""),
        "articles": [],
        "searched": False,
    }
    try:
        if len(request.GET.get("q", "")) > MAX_LENGTH:
            raise BadSearch(_("Search for at most %(n)d characters.") % {"n": MAX_LENGTH})
        filters, chosen = _filters(request, zone)
        cursor = find.Cursor.decode(request.GET["after"]) if request.GET.get("after") else None
    except find.BadCursor:
        return _bad(request, context, _("That link to more results is not valid. Search again."))
    except BadSearch as exc:
        return _bad(request, context, str(exc))
    context.update(chosen)
    parsed = parse(request.GET.get("q", ""))
    if parsed:
        ids, next_cursor = find.ranked(parsed, filters, cursor, PAGE_SIZE)
        context.update(searched=True, cursor=cursor, articles=_results(ids, parsed))
        if next_cursor is not None:
            query = [(k, str(v)) for k, v in request.GET.items() if k != "after" and v]
            context["more"] = urlencode([*query, ("after", next_cursor.encode())])
    elif text:
        context["searched"] = True
    return render(request, "public/search.html", context)


def _bad(request: HttpRequest, context: dict[str, Any], message: str) -> HttpResponse:
    context["error"] = message
    return render(request, "public/search.html", context, status=400)


def opensearch(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/opensearch.xml",
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )

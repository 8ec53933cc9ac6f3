"""The Follow page: every way to get the newsroom's updates, on one page.

The site's feeds (RSS, Atom, JSON Feed; each language's on a site with
several), each tag's and each author's feeds as plain links, the e-mail
alerts form (``alerts/_follow.html``) and browser push (``push/_follow.html``,
whose button only its script shows). It is a cached reader page like the
others: conditional GET, and dropped with the site-wide list (a new tag or
author first appears with a publication) or the site's names.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsdesk.cache import deps
from newsdesk.cache.deps import depends_on
from newsdesk.feeds.conditional import conditional
from newsdesk.news import languages
from newsdesk.news.models import Article, Author, Tag

#: Longer lists start folded, so the e-mail and push sections stay near the top.
OPEN_UP_TO = 12


def _tags() -> list[Tag]:
    published = Article.published.filter(tags=OuterRef("pk"))
    return list(
        Tag.objects.only("id", "name", "slug").filter(Exists(published)).order_by("name", "id")
    )


def _authors() -> list[Author]:
    published = Article.published.filter(authors=OuterRef("pk"))
    return list(
        Author.objects.only("id", "name", "slug").filter(Exists(published)).order_by("name", "id")
    )


@conditional
def follow(request: HttpRequest) -> HttpResponse:
    site = languages.site_languages()
    tags = _tags()
    authors = _authors()
    response = render(
        request,
        "public/follow.html",
        {
            "tags": tags,
            "authors": authors,
            "tags_open": len(tags) <= OPEN_UP_TO,
            "authors_open": len(authors) <= OPEN_UP_TO,
            "languages": (
                [{"code": code.lower(), "name": languages.name_local(code)} for code in site]
                if len(site) > 1
                else []
            ),
        },
    )
    return depends_on(response, [deps.ALL])

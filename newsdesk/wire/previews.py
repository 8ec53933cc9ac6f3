"""Preview text for embedded posts, fetched by the worker, kept as plain text.

The actions note each post a body embeds (``news.embeds.want``: an
``EmbedPreview`` row, pending) inside their transaction; the worker's pass
then calls :func:`fill_due`, after the change has committed, and never
inside a transaction of the actions. Each fetch goes through the wire's
safe fetcher (``fetch.fetch``: the SSRF guard, one checked hop at a time,
the deadline and the size cap):

- the provider's oEmbed endpoint where it has one (YouTube, Vimeo, X,
  Bluesky, Mastodon): only the answer's ``title`` and ``author_name`` are
  read, as text; its ``html`` is never used;
- the post's page otherwise (Telegram): its OpenGraph ``og:description``
  and ``og:title``, read with the standard library's HTML parser.

Whatever comes back is stripped of tags, unescaped, made one line without
control characters and cut to the columns' sizes, so a hostile answer can
only ever become text in a card. A failure is retried a few times with a
growing pause, then left: the card shows without text.
``NEWSDESK_EMBED_PREVIEWS=false`` turns the fetching off altogether.

A filled preview drops the cached pages of the published updates that embed
the post (this process's page cache and the shared one), so the next reader
sees the text without waiting for the update's next change.
"""

from __future__ import annotations

import html
import json
import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import httpx
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.html import strip_tags

from newsdesk.cache import deps
from newsdesk.cache.store import PAGES
from newsdesk.news import embeds
from newsdesk.news.models import Article, EmbedPreview

from .fetch import FetchProblem, fetch, make_client

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=5)  # doubled after each failure
BATCH = 8
MAX_TEXT = 500  # EmbedPreview.text
MAX_AUTHOR = 200  # EmbedPreview.author
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")

# Where a provider answers: (address for the post, "oembed" or "page").
Endpoint = Callable[[embeds.Embed], tuple[str, str]]

OEMBED = {
    "youtube": "https://www.youtube.com/oembed?format=json&url=",
    "vimeo": "https://vimeo.com/api/oembed.json?url=",
    "x": "https://publish.twitter.com/oembed?omit_script=true&url=",
    "bluesky": "https://embed.bsky.app/oembed?format=json&url=",
}


def endpoint(embed: embeds.Embed) -> tuple[str, str]:
    """The address to ask for a post's preview, and what kind of answer it gives."""
    if embed.provider in OEMBED:
        return OEMBED[embed.provider] + quote(embed.url, safe=""), "oembed"
    if embed.provider == "mastodon":
        host = embed.url.split("/")[2]
        return f"https://{host}/api/oembed?url=" + quote(embed.url, safe=""), "oembed"
    return embed.url, "page"


def plain(value: object, limit: int) -> str:
    """Any answer's value as one line of plain text, at most ``limit`` characters."""
    if not isinstance(value, str):
        return ""
    text = html.unescape(strip_tags(value))
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def read_oembed(body: bytes) -> embeds.Preview:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return embeds.Preview()
    if not isinstance(data, dict):
        return embeds.Preview()
    return embeds.Preview(
        text=plain(data.get("title"), MAX_TEXT), author=plain(data.get("author_name"), MAX_AUTHOR)
    )


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        named = dict(attrs)
        key = (named.get("property") or named.get("name") or "").lower()
        if key in ("og:description", "og:title", "twitter:description") and key not in self.found:
            self.found[key] = named.get("content") or ""


def read_page(body: bytes) -> embeds.Preview:
    parser = _Meta()
    try:
        parser.feed(body[:512_000].decode("utf-8", errors="replace"))
        parser.close()
    except (ValueError, AssertionError):  # HTMLParser's own errors on broken markup
        pass
    found = parser.found
    text = found.get("og:description") or found.get("twitter:description") or ""
    return embeds.Preview(
        text=plain(text, MAX_TEXT), author=plain(found.get("og:title"), MAX_AUTHOR)
    )


def _due(now: datetime, limit: int) -> list[EmbedPreview]:
    pending = EmbedPreview.objects.filter(
        status=EmbedPreview.Status.PENDING, attempts__lt=MAX_ATTEMPTS
    ).order_by("id")
    due = []
    for row in pending[: limit * 4]:
        wait = RETRY_AFTER * (2 ** max(0, row.attempts - 1))
        if row.fetched_at is None or row.fetched_at + wait <= now:
            due.append(row)
        if len(due) >= limit:
            break
    return due


def fill_due(
    *,
    client: httpx.Client | None = None,
    clock: Callable[[], datetime] = timezone.now,
    where: Endpoint = endpoint,
    limit: int = BATCH,
) -> int:
    """Fetch the preview text of posts waiting for one; return how many were filled."""
    if not settings.NEWSDESK_EMBED_PREVIEWS:
        return 0
    try:
        due = _due(clock(), limit)
    except DatabaseError:
        log.warning("embed previews: could not read the queue", exc_info=True)
        return 0
    if not due:
        return 0
    own = client is None
    client = client or make_client()
    filled: list[EmbedPreview] = []
    try:
        for row in due:
            if _fill(row, client, clock(), where):
                filled.append(row)
    finally:
        if own:
            client.close()
    if filled:
        _drop_pages(filled)
    return len(filled)


def _drop_pages(rows: list[EmbedPreview]) -> None:
    """The cached pages of published updates embedding these posts go.

    Only updates saved since the post was first noted can show it without
    its text (an earlier one would have noted it then), so the search walks
    the recent end of the modification index, not the archive."""
    found: set[int] = set()
    for row in rows:
        marker = f'data-embed-url="{html.escape(row.url)}"'
        recent = Article.published.filter(modified_at__gte=row.created_at)
        found.update(recent.filter(body_html__contains=marker).values_list("pk", flat=True))
    if found:
        PAGES.invalidate({deps.article(pk) for pk in found})


def _fill(row: EmbedPreview, client: httpx.Client, now: datetime, where: Endpoint) -> int:
    embed = embeds.recognise(row.url)
    if embed is None:  # a setting changed (a Mastodon host removed): nothing to ask
        EmbedPreview.objects.filter(pk=row.pk).update(
            status=EmbedPreview.Status.FAILED, fetched_at=now
        )
        return 0
    address, kind = where(embed)
    try:
        answer = fetch(address, client=client, now=now)
        if answer.status != 200:
            raise FetchProblem(f"answered {answer.status}", status=answer.status)
    except FetchProblem as exc:
        attempts = row.attempts + 1
        log.info(
            "embed preview not fetched",
            extra={"provider": row.provider, "embed_preview": row.pk, "why": str(exc)},
        )
        EmbedPreview.objects.filter(pk=row.pk).update(
            attempts=attempts,
            fetched_at=now,
            status=(
                EmbedPreview.Status.FAILED
                if attempts >= MAX_ATTEMPTS
                else EmbedPreview.Status.PENDING
            ),
        )
        return 0
    preview = read_oembed(answer.body) if kind == "oembed" else read_page(answer.body)
    EmbedPreview.objects.filter(pk=row.pk).update(
        text=preview.text,
        author=preview.author,
        status=EmbedPreview.Status.FETCHED,
        attempts=row.attempts + 1,
        fetched_at=now,
    )
    return 1

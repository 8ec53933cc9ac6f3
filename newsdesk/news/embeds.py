"""Posts from other networks in an update's body, without tracking readers.

A line of the body holding only the address of a post on Telegram, X,
Bluesky, Mastodon, YouTube or Vimeo becomes an embed. Recognising it is the
security boundary, so it is strict and works on the parsed URL: ``https``
only, no user name or password, no port, a host that is exactly one of the
provider's own (an ASCII name: ``t.me.evil.example``, ``t.me@evil.example``
and Unicode lookalikes are not Telegram), and ids checked against the
provider's pattern and length. Anything else stays an ordinary link, or text.

Privacy by default: what the renderer stores in ``body_html`` is a marker,
``<div class="embed" data-embed-url="...">`` around a plain link; the page
(:func:`expand`) turns it into a card with the provider's name, the preview
text kept in :class:`~newsdesk.news.models.EmbedPreview` (plain text, fetched
server-side by the worker), and a "Load post from ..." button whose frame
address we build from the validated id (``youtube-nocookie.com``,
``player.vimeo.com``, ``t.me/...?embed=1``...). Nothing is requested from
the provider until the reader clicks: ``embeds.js`` then puts in a sandboxed
frame, and the page's CSP ``frame-src`` lists only the origins of the frames
its embeds would load. Feeds and the API get the link and the preview text.

Mastodon instances cannot be known in advance: ``NEWSDESK_EMBED_MASTODON_HOSTS``
lists the ones the desk may embed from (a post elsewhere stays a link).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

MAX_URL = 500
_FORBIDDEN = re.compile(r"[\s\\\x00-\x1f\x7f<>\"'`]")
_HOST_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")

TELEGRAM_HOSTS = frozenset({"t.me", "telegram.me"})
X_HOSTS = frozenset({"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"})
BLUESKY_HOSTS = frozenset({"bsky.app"})
YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
YOUTU_BE = "youtu.be"
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com"})

_TELEGRAM = re.compile(r"^/([A-Za-z][A-Za-z0-9_]{3,31})/([0-9]{1,12})/?$")
_X = re.compile(r"^/([A-Za-z0-9_]{1,15})/status/([0-9]{1,20})/?$")
_BLUESKY = re.compile(
    r"^/profile/(did:plc:[a-z2-7]{24}|[a-z0-9][a-z0-9.-]{0,251}[a-z0-9])/post/([a-z2-7]{13})/?$"
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_PATH = re.compile(r"^/(?:shorts|embed|live)/([A-Za-z0-9_-]{11})/?$")
_VIMEO = re.compile(r"^/([0-9]{1,12})/?$")
_MASTODON = re.compile(r"^/@([A-Za-z0-9_]{1,30})/([0-9]{1,20})/?$")

# The provider's name as readers see it; never translated.
NAMES = {
    "telegram": "Telegram",
    "x": "X",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "youtube": "YouTube",
    "vimeo": "Vimeo",
}


@dataclass(frozen=True)
class Embed:
    """A recognised post: the provider, its address as we rebuild it, and the
    address of the frame that shows it (built by us from the validated id)."""

    provider: str
    url: str
    frame: str

    @property
    def name(self) -> str:
        return NAMES[self.provider]

    @property
    def origin(self) -> str:
        """``https://host`` of the frame, for the page's ``frame-src``."""
        return "https://" + (urlsplit(self.frame).hostname or "")


def mastodon_hosts() -> frozenset[str]:
    return frozenset(
        h.strip().lower() for h in getattr(settings, "NEWSDESK_EMBED_MASTODON_HOSTS", []) if h
    )


def _host(value: str) -> str | None:
    """The URL's host when the URL is an https address we could embed from."""
    if len(value) > MAX_URL or _FORBIDDEN.search(value):
        return None
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or not value.startswith("https://") or port is not None:
        return None
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        return None
    host = parts.netloc
    if not host.isascii():
        return None  # IDN lookalikes: no provider of ours has a Unicode name
    host = host.lower()
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        return None  # trailing dots, empty labels, Unicode or odd characters
    return host


def recognise(value: str) -> Embed | None:
    """The post ``value`` points at, or None when it is not one we embed."""
    value = value.strip()
    host = _host(value)
    if host is None:
        return None
    parts = urlsplit(value)
    path = parts.path
    if host in TELEGRAM_HOSTS and (m := _TELEGRAM.match(path)):
        channel, post = m.groups()
        url = f"https://t.me/{channel}/{post}"
        return Embed("telegram", url, f"{url}?embed=1")
    if host in X_HOSTS and (m := _X.match(path)):
        user, status = m.groups()
        return Embed(
            "x",
            f"https://x.com/{user}/status/{status}",
            f"https://platform.twitter.com/embed/Tweet.html?id={status}&dnt=true",
        )
    if host in BLUESKY_HOSTS and (m := _BLUESKY.match(path)):
        actor, rkey = m.groups()
        return Embed(
            "bluesky",
            f"https://bsky.app/profile/{actor}/post/{rkey}",
            f"https://embed.bsky.app/embed/{actor}/app.bsky.feed.post/{rkey}",
        )
    if host in YOUTUBE_HOSTS or host == YOUTU_BE:
        video = _youtube_id(host, path, parts.query)
        if video:
            return Embed(
                "youtube",
                f"https://www.youtube.com/watch?v={video}",
                f"https://www.youtube-nocookie.com/embed/{video}",
            )
    if host in VIMEO_HOSTS and (m := _VIMEO.match(path)):
        video = m.group(1)
        return Embed(
            "vimeo", f"https://vimeo.com/{video}", f"https://player.vimeo.com/video/{video}?dnt=1"
        )
    if host in mastodon_hosts() and (m := _MASTODON.match(path)):
        user, post = m.groups()
        url = f"https://{host}/@{user}/{post}"
        return Embed("mastodon", url, f"{url}/embed")
    return None


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host == YOUTU_BE:
        candidate = path.strip("/")
        return candidate if _YOUTUBE_ID.match(candidate) else None
    if path in ("/watch", "/watch/"):
        values = parse_qs(query).get("v", [])
        return values[0] if len(values) == 1 and _YOUTUBE_ID.match(values[0]) else None
    m = _YOUTUBE_PATH.match(path)
    return m.group(1) if m else None


def is_web_link(value: str) -> bool:
    """An ``http(s)`` address that may stay an ordinary link in the body."""
    if len(value) > MAX_URL or _FORBIDDEN.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "://" in value[:8]


# What the renderer stores, and what pages make of it ------------------------

MARKER_CLASS = "embed"
_MARKER = re.compile(
    r'<div class="embed" data-embed-url="([^"]{1,1000})">.*?</div>|'
    r'<div data-embed-url="([^"]{1,1000})" class="embed">.*?</div>',
    re.DOTALL,
)


def marker(embed: Embed) -> str:
    """The body's HTML for an embed: a plain link inside a marked ``div``."""
    return str(
        format_html(
            '<div class="embed" data-embed-url="{}"><p><a href="{}" rel="nofollow noopener">{}</a>'
            "</p></div>\n",
            embed.url,
            embed.url,
            embed.url,
        )
    )


def keep_marker_url(value: str) -> bool:
    """For the sanitiser: a marker's address must be one we would have built."""
    found = recognise(value)
    return found is not None and found.url == value


def _found(body_html: str) -> Iterable[tuple[re.Match[str], Embed]]:
    for match in _MARKER.finditer(body_html):
        embed = recognise(html.unescape(match.group(1) or match.group(2)))
        if embed is not None:
            yield match, embed


def urls(body_html: str) -> list[str]:
    """The addresses of the posts embedded in a rendered body, in order."""
    return list(dict.fromkeys(embed.url for _match, embed in _found(body_html)))


def origins(body_html: str) -> list[str]:
    """The frame origins the body's embeds would load, for ``frame-src``."""
    return sorted({embed.origin for _match, embed in _found(body_html)})


@dataclass(frozen=True)
class Preview:
    """What a card shows of a post: plain text only."""

    text: str = ""
    author: str = ""


def previews_for(addresses: Iterable[str]) -> dict[str, Preview]:
    """The kept preview text of these posts (one query; none when there are none)."""
    from .models import EmbedPreview

    wanted = list(dict.fromkeys(addresses))
    if not wanted:
        return {}
    rows = EmbedPreview.objects.filter(url__in=wanted, status=EmbedPreview.Status.FETCHED)
    return {
        row.url: Preview(text=row.text, author=row.author)
        for row in rows.only("url", "text", "author")
    }


def want(body_html: str) -> None:
    """Note the posts a body embeds, so the worker fetches their preview text.

    Called by the actions inside their transaction: it only adds rows, the
    fetch happens after commit (``wire/previews.py``).
    """
    from .models import EmbedPreview

    found = {embed.url: embed for _match, embed in _found(body_html)}
    if not found:
        return
    known = set(EmbedPreview.objects.filter(url__in=list(found)).values_list("url", flat=True))
    EmbedPreview.objects.bulk_create(
        [
            EmbedPreview(url=url, provider=e.provider)
            for url, e in found.items()
            if url not in known
        ],
        ignore_conflicts=True,
    )


def page_body(body_html: str, *, interactive: bool = True) -> tuple[SafeString, list[str]]:
    """A body for readers: cards with their kept text, and the frame origins."""
    embedded = urls(body_html)
    if not embedded:
        return mark_safe(body_html), []  # sanitised when the body was saved
    return expand(body_html, previews_for(embedded), interactive=interactive), origins(body_html)


def card(embed: Embed, preview: Preview | None, *, interactive: bool = True) -> SafeString:
    """The reader's card for one embed; every value escaped.

    ``interactive``: with the "Load post" button for ``embeds.js`` (pages);
    without it, the link and the text only (feeds, the API).
    """
    preview = preview or Preview()
    quote = SafeString("")
    if preview.text or preview.author:
        quote = format_html(
            '<blockquote class="embed-text">{}{}</blockquote>',
            format_html("<p>{}</p>", preview.text) if preview.text else "",
            format_html("<p>— {}</p>", preview.author) if preview.author else "",
        )
    label = _("Post on %(network)s") % {"network": embed.name}
    button = SafeString("")
    if interactive:
        button = format_html(
            '<button type="button" class="embed-load" hidden data-embed-frame="{}" '
            'data-embed-title="{}">{}</button>',
            embed.frame,
            label,
            _("Load post from %(network)s") % {"network": embed.name},
        )
    return format_html(
        '<aside class="embed embed--{}" aria-label="{}"><p class="embed-provider">{}</p>{}'
        '<p class="embed-link"><a href="{}" rel="nofollow noopener">{}</a></p>{}</aside>',
        embed.provider,
        label,
        embed.name,
        quote,
        embed.url,
        embed.url,
        button,
    )


def expand(body_html: str, previews: dict[str, Preview], *, interactive: bool = True) -> SafeString:
    """``body_html`` with every embed marker turned into its card."""
    if "data-embed-url" not in body_html:
        return mark_safe(body_html)  # sanitised when the body was saved
    out: list[str] = []
    last = 0
    for match, embed in _found(body_html):
        out.append(body_html[last : match.start()])
        out.append(card(embed, previews.get(embed.url), interactive=interactive))
        last = match.end()
    out.append(body_html[last:])
    return mark_safe("".join(out))  # sanitised body, escaped cards

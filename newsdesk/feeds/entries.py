"""What a feed holds: the published articles of a scope, adapted to plain entries.

A scope is the whole site, a language, one tag, one author or one live
coverage. Each format (RSS, Atom, JSON Feed) writes the same :class:`Entry`
values, so the three always agree.
Reading a page of entries costs a constant number of queries: the articles,
then their bylines, tags, sources and corrections.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsdesk.news import embeds, languages
from newsdesk.news.models import Article, ArticleAuthor, Author, Coverage, Tag
from newsdesk.news.pagination import Cursor, page
from newsdesk.site import current as site_settings

#: format name -> (file name, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "rss": ("rss.xml", "application/rss+xml"),
    "atom": ("atom.xml", "application/atom+xml"),
    "json": ("feed.json", "application/feed+json"),
}


def absolute(path: str) -> str:
    return settings.NEWSDESK_SITE_URL + path


def w3c_date(value: datetime) -> str:
    """RFC 3339 in UTC with the microseconds kept, so two edits a second apart differ."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Scope:
    """Which articles a feed follows, and where its page and feeds live."""

    title: str
    description: str
    page_path: str
    condition: Q
    #: The language the feed is in: its updates' (``""``: the site's).
    language: str = ""

    def feed_path(self, fmt: str) -> str:
        return self.page_path + FORMATS[fmt][0]

    @classmethod
    def site(cls) -> Scope:
        """Like ``/``: the default language's updates when the site has several."""
        current = site_settings.current()
        several = len(current.all_languages) > 1
        return cls(
            current.name,
            current.description or _("The latest updates from %(site)s.") % {"site": current.name},
            reverse("public:feed"),
            Q(language=current.language) if several else Q(),
            current.language,
        )

    @classmethod
    def for_language(cls, code: str) -> Scope:
        """One language's updates: ``/uk/`` and ``/uk/rss.xml``."""
        current = site_settings.current()
        return cls(
            f"{current.name} ({languages.name_local(code)})",
            current.description or _("The latest updates from %(site)s.") % {"site": current.name},
            f"{reverse('public:feed')}{code.lower()}/",
            Q(language=code),
            code,
        )

    @classmethod
    def for_tag(cls, tag: Tag) -> Scope:
        site = site_settings.current().name
        return cls(
            f"{site}: {tag.name}",
            _("Updates tagged “%(tag)s” from %(site)s.") % {"tag": tag.name, "site": site},
            tag.get_absolute_url(),
            Q(tags=tag),
        )

    @classmethod
    def for_coverage(cls, coverage: Coverage) -> Scope:
        """A live coverage's updates: ``/live/<slug>/atom.xml``."""
        site = site_settings.current().name
        return cls(
            f"{site}: {coverage.title}",
            _("Live coverage: %(title)s, from %(site)s.") % {"title": coverage.title, "site": site},
            coverage.get_absolute_url(),
            Q(coverages=coverage),
            coverage.language,
        )

    @classmethod
    def for_author(cls, author: Author) -> Scope:
        site = site_settings.current().name
        return cls(
            f"{site}: {author.name}",
            _("Updates by %(author)s for %(site)s.") % {"author": author.name, "site": site},
            author.get_absolute_url(),
            Q(authors=author),
        )


@dataclass(frozen=True)
class Person:
    name: str
    url: str


@dataclass(frozen=True)
class Category:
    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class Source:
    outlet: str
    url: str
    quote_style: str


@dataclass(frozen=True)
class CorrectionNote:
    date: datetime
    text: str


@dataclass(frozen=True)
class Picture:
    """The featured image: the original (for enclosures) and a large rendition."""

    url: str
    length: int
    type: str
    large: str
    alt: str
    caption: str = ""
    credit: str = ""


MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


def picture(article: Article) -> Picture | None:
    image = article.image if article.image_id else None
    if image is None:
        return None
    return Picture(
        url=absolute_media(image.url),
        length=image.bytes,
        type=MEDIA_TYPES.get(image.format, "application/octet-stream"),
        large=absolute_media(image.src(1600)),
        alt=article.image_alt,
        caption=article.image_caption,
        credit=article.image_credit,
    )


def absolute_media(url: str) -> str:
    """Media URLs from the storage: site-relative ones get the site's address."""
    return absolute(url) if url.startswith("/") else url


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    language: str
    breaking: bool
    authors: tuple[Person, ...] = ()
    tags: tuple[Category, ...] = ()
    sources: tuple[Source, ...] = ()
    corrections: tuple[CorrectionNote, ...] = ()
    image: Picture | None = None


def entry_id(article: Article) -> str:
    """A tag: URI (RFC 4151) from the article's id: the same through every edit."""
    host = urlsplit(settings.NEWSDESK_SITE_URL).hostname or "localhost"
    return f"tag:{host},{article.created_at:%Y-%m-%d}:article:{article.pk}"


def _lead_figure(image: Picture | None) -> str:
    """The featured image with its caption and credit, when it has either."""
    if image is None or not (image.caption or image.credit):
        return ""
    credit = _("Photo: %(credit)s") % {"credit": image.credit} if image.credit else ""
    words = " ".join(escape(w) for w in (image.caption, credit) if w)
    return (
        f'<figure><img src="{escape(image.large)}" alt="{escape(image.alt)}">'
        f"<figcaption>{words}</figcaption></figure>"
    )


def _content_html(
    article: Article,
    sources: list[Source],
    notes: list[CorrectionNote],
    previews: dict[str, embeds.Preview] | None = None,
) -> str:
    """The featured image's figure (with a caption or credit), the body, then
    the sources and corrections a reader of the page would see. Embedded posts
    are their link and preview text, never a frame or a script.

    An update with a lede and no body carries the lede as its paragraph, so
    readers that show only the content do not show an empty entry."""
    body = article.body_html
    if "data-embed-url" in body:
        if previews is None:
            previews = embeds.previews_for(embeds.urls(body))
        body = str(embeds.expand(body, previews, interactive=False))
    if not body and article.lede:
        body = f"<p>{escape(article.lede)}</p>"
    parts = [_lead_figure(picture(article)), body]
    if sources:
        items = "".join(
            "<li>{} {}</li>".format(
                escape(s.quote_style.capitalize()),
                f'<a href="{escape(s.url)}">{escape(s.outlet)}</a>' if s.url else escape(s.outlet),
            )
            for s in sources
        )
        parts.append(f"<h2>{escape(_('Sources'))}</h2><ul>{items}</ul>")
    if notes:
        items = "".join(
            f"<li><time>{n.date.isoformat()}</time> {escape(n.text)}</li>" for n in notes
        )
        parts.append(f"<h2>{escape(_('Corrections'))}</h2><ul>{items}</ul>")
    return "\n".join(p for p in parts if p)


def desk_author() -> Person | None:
    """The site settings' default author, named for updates without a byline."""
    author = site_settings.default_author(site_settings.current())
    return Person(author.name, absolute(author.get_absolute_url())) if author else None


def adapt(
    article: Article,
    unsigned: tuple[Person, ...] = (),
    previews: dict[str, embeds.Preview] | None = None,
) -> Entry:
    """One published article (with its relations prefetched) as a feed entry;
    ``unsigned`` names its authors when it has no byline (the desk's author);
    ``previews``: the embedded posts' text, read for the whole page at once."""
    assert article.published_at is not None
    sources = [Source(s.outlet, s.url, s.quote_style) for s in article.sources.all()]
    notes = [CorrectionNote(c.created_at, c.text) for c in article.corrections.all()]
    return Entry(
        id=entry_id(article),
        url=absolute(article.get_absolute_url()),
        title=article.headline,
        summary=article.lede,
        content_html=_content_html(article, sources, notes, previews),
        published=article.published_at,
        updated=max(article.updated_at or article.published_at, article.published_at),
        language=article.language,
        breaking=article.is_breaking,
        authors=tuple(
            Person(b.author.name, absolute(b.author.get_absolute_url()))
            for b in article.bylines.all()
        )
        or unsigned,
        tags=tuple(
            Category(t.name, t.slug, absolute(t.get_absolute_url())) for t in article.tags.all()
        ),
        sources=tuple(sources),
        corrections=tuple(notes),
        image=picture(article),
    )


def read(scope: Scope, cursor: Cursor | None, size: int) -> tuple[list[Entry], Cursor | None]:
    """One page of entries, newest first, and the cursor of the next page."""
    queryset = (
        Article.published.filter(scope.condition)
        .defer("body")
        .select_related("image")
        .prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "id"),
            ),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            "sources",
            "corrections",
        )
    )
    articles, next_cursor = page(queryset, cursor, size)
    unsigned: tuple[Person, ...] = ()
    if any(not a.bylines.all() for a in articles):  # read once, and only when needed
        desk = desk_author()
        unsigned = (desk,) if desk else ()
    previews = embeds.previews_for(u for a in articles for u in embeds.urls(a.body_html))
    return [adapt(a, unsigned, previews) for a in articles], next_cursor


@dataclass(frozen=True)
class Channel:
    """The feed itself, whatever the format."""

    id: str
    title: str
    description: str
    home_url: str
    self_url: str
    next_url: str | None
    hub: str | None
    language: str
    updated: datetime
    publisher: Person
    icon: str

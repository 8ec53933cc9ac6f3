"""Bytes from a source -> one ``ParsedFeed`` of ``ParsedItem`` s.

One parser per format, each adapted to the same dataclasses:

- RSS 0.9x/1.0/2.0 and Atom: feedparser, after :func:`prescreen_xml`, which
  refuses entity declarations and internal DTD subsets (feedparser's loose
  parser would otherwise expand a quadratic blowup into tens of megabytes)
  and drops a plain ``<!DOCTYPE ...>`` line (RSS 0.91's), so no external DTD
  is ever read;
- JSON Feed 1.0/1.1: ``json`` with a check of every type the spec states;
- news sitemaps: lxml with entities, DTDs and the network switched off, after
  the same pre-screen;
- HTML: decoded first (:func:`decode_html`: the HTTP charset, then ``<meta
  charset>``, then detection), then trafilatura for an article page (text,
  title, author, date); a section page becomes one item per article link it
  carries. The outlet is the site name the page declares, never its headline.

Nothing here touches the network or the database. Every failure is a
:class:`ParseError` whose message the desk shows as the source's last error.
"""

from __future__ import annotations

import calendar
import codecs
import html
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import nh3
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree
from lxml import html as lxml_html

from .models import (
    AUTHOR_MAX,
    ERROR_MAX,
    EXTERNAL_ID_MAX,
    SUMMARY_MAX,
    TEXT_MAX,
    TITLE_MAX,
    URL_MAX,
)

MAX_ITEMS = 500  # per fetch; a feed listing more is cut to its first ones
JSONFEED_VERSIONS = ("https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)
TOMBSTONES_NS = "http://purl.org/atompub/tombstones/1.0"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class ParseError(Exception):
    """The body cannot be read as the source's kind; the message says why."""


@dataclass
class ParsedItem:
    external_id: str = ""  # the feed's own id (guid, Atom id, JSON Feed id), if any
    url: str = ""
    title: str = ""
    summary: str = ""
    text: str = ""
    author: str = ""
    published_at: datetime | None = None


@dataclass
class ParsedFeed:
    kind: str
    title: str = ""
    site_url: str = ""
    outlet: str = ""  # who publishes it, for "according to ..." (the host name when empty)
    items: list[ParsedItem] = field(default_factory=list)
    ttl_seconds: int | None = None  # RSS <ttl>, in seconds
    deleted_ids: list[str] = field(default_factory=list)  # Atom tombstones (RFC 6721)
    feed_links: list[str] = field(default_factory=list)  # <link rel=alternate> on a page
    skipped: list[str] = field(default_factory=list)  # why items were left out
    # A section page: its items are links whose own pages are still to be read.
    links_only: bool = False
    # WebSub: the hub the feed advertises (<link rel="hub">) and its own
    # address for it (<link rel="self">), for push ingest (push.py).
    hub_url: str = ""
    self_url: str = ""


def skipped_notice(skipped: list[str], shown: int = 3) -> str:
    """What a read left out, for the source's status: how many entries, and why."""
    counts = Counter(reason.rstrip(".") for reason in skipped)
    parts = [
        ngettext(
            "%(count)d entry was left out: %(why)s.",
            "%(count)d entries were left out: %(why)s.",
            count,
        )
        % {"count": count, "why": why}
        for why, count in list(counts.items())[:shown]
    ]
    rest = sum(list(counts.values())[shown:])
    if rest:
        parts.append(
            ngettext(
                "%(count)d more entry was left out for other reasons.",
                "%(count)d more entries were left out for other reasons.",
                rest,
            )
            % {"count": rest}
        )
    return " ".join(parts)[:ERROR_MAX]


# Text -------------------------------------------------------------------

# C0/C1 controls except tab and newline, and lone surrogates (which neither
# SQLite nor PostgreSQL can store as UTF-8).
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def clean_text(value: Any, limit: int) -> str:
    """Plain text, NFC, no control characters, cut to ``limit`` characters."""
    if not isinstance(value, str):
        return ""
    value = _BAD_CHARS.sub("", value[: limit * 2]).replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value)
    value = _BLANK_LINES.sub("\n\n", _SPACES.sub(" ", value)).strip()
    return value[:limit]


def clean_line(value: Any, limit: int) -> str:
    return clean_text(value, limit * 2).replace("\n", " ")[:limit].strip()


# "desk@example.org (Lena Moor)", RSS's own form, and "Lena Moor <desk@example.org>".
_ADDRESS_THEN_NAME = re.compile(r"^[^\s@()<>]+@[^\s()<>]+\s*\((?P<name>[^()]+)\)$")
_NAME_THEN_ADDRESS = re.compile(r"^(?P<name>[^<>@]+?)\s*<[^\s@<>]+@[^\s<>]+>$")


def author_name(value: Any) -> str:
    """The name in an author line, without the address RSS puts beside it; an
    address alone stays, as it is all there is."""
    line = clean_line(value, AUTHOR_MAX * 2)
    match = _ADDRESS_THEN_NAME.match(line) or _NAME_THEN_ADDRESS.match(line)
    name = match.group("name").strip(" \"'") if match else ""
    return (name or line)[:AUTHOR_MAX]


def html_to_text(value: Any, limit: int) -> str:
    """Markup from a feed as plain text: tags dropped (script and style with
    their content), entities decoded. The desk only ever shows it escaped."""
    if not isinstance(value, str) or not value:
        return ""
    value = value[: limit * 4]
    value = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>", "\n", value)
    stripped = nh3.clean(value, tags=set(), attributes={}, strip_comments=True)
    return clean_text(html.unescape(stripped), limit)


def clean_url(value: Any, base: str = "") -> str:
    """An absolute http(s) URL, or "" when it is anything else."""
    if not isinstance(value, str):
        return ""
    value = _BAD_CHARS.sub("", value).strip()
    if not value or len(value) > URL_MAX:
        return ""
    try:
        absolute = urljoin(base, value) if base else value
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if any(ch.isspace() for ch in absolute):
        absolute = absolute.replace(" ", "%20")
        if any(ch.isspace() for ch in absolute):
            return ""
    return absolute[:URL_MAX]


_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """The URL an item is known by when it has no id: scheme and host lower
    case, default port, fragment and tracking parameters dropped."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))[:URL_MAX]


def _timestamp(struct: Any) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def parse_date(value: Any) -> datetime | None:
    """RFC 3339 / ISO 8601 or RFC 822 dates; None when unreadable."""
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _timestamp(feedparser._parse_date(text))  # RFC 822 and friends
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# Sniffing and the XML pre-screen ---------------------------------------

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_ENCODING_DECL = re.compile(rb"^(<\?xml[^>]*?)\sencoding=(['\"])[^'\"]*\2", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_PLAIN_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[<>]{0,1000}>", re.IGNORECASE)


def _to_ascii_compatible(data: bytes) -> bytes:
    """UTF-16 and UTF-32 bodies re-encoded as UTF-8, so that a byte search for
    ``<!ENTITY`` cannot be dodged by the encoding."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:4]:
        if data[:4] in (b"\x00\x00\x00<", b"<\x00\x00\x00"):
            encoding = "utf-32-be" if data[0] == 0 else "utf-32-le"
        else:
            encoding = "utf-16-be" if data[0] == 0 else "utf-16-le"
    if encoding is None:
        return data
    try:
        text = data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ParseError(f"The body is not valid {encoding.upper()}: {exc.reason}.") from exc
    return _ENCODING_DECL.sub(rb"\1 encoding=\2utf-8\2", text.encode("utf-8"), count=1)


def prescreen_xml(data: bytes) -> bytes:
    """Refuse entity declarations and internal DTD subsets; drop a plain DOCTYPE.

    Billion laughs, quadratic blowup, external and parameter entities all need
    an ``<!ENTITY`` declaration, so none of them reaches a parser.
    """
    data = _to_ascii_compatible(data)
    if _ENTITY.search(data):
        raise ParseError(
            "Refused: the XML declares entities (<!ENTITY>), which feeds never need "
            "and XML bombs and external-entity attacks rely on."
        )
    if _DOCTYPE.search(data):
        data, count = _PLAIN_DOCTYPE.subn(b"", data, count=1)
        if count == 0 or _DOCTYPE.search(data):
            raise ParseError(
                "Refused: the XML carries a document type declaration with an internal "
                "subset, which feeds never need."
            )
    return data


def is_empty(data: bytes) -> bool:
    """Nothing but white space and byte order marks."""
    return not data.strip(b" \t\r\n\xef\xbb\xbf\xfe\xff\x00")


# What may come before the root element: declarations, processing
# instructions, comments (of any length), a DOCTYPE.
_PROLOG = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE
)
_ROOT_TAG = re.compile(rb"\s*<([A-Za-z_][\w.\-]*)(?::([A-Za-z_][\w.\-]*))?")
ROOT_SCAN = 1_000_000  # bytes searched for the root element
ROOT_KINDS = {
    "rss": "rss",
    "rdf": "rss",  # RSS 1.0, <rdf:RDF>
    "channel": "rss",  # RSS 1.1 <Channel>, CDF <CHANNEL>
    "feed": "atom",
    "urlset": "sitemap",
    "sitemapindex": "sitemap",
    "html": "html",
}


def root_name(data: bytes) -> str:
    """The root element's local name, lower case (``atom:feed`` is ``feed``),
    past any comments, processing instructions and DOCTYPE; "" when none."""
    head = data[:ROOT_SCAN]
    position = 0
    while match := _PROLOG.match(head, position):
        position = match.end()
    root = _ROOT_TAG.match(head, position)
    if root is None:
        return ""
    return (root.group(2) or root.group(1)).decode("ascii").lower()


def sniff(data: bytes, content_type: str = "") -> str:
    """The kind the body looks like: rss, atom, jsonfeed, sitemap, html or ""."""
    try:
        head = _to_ascii_compatible(data[:4096])
    except ParseError:
        head = data[:4096]
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = content_type.split(";")[0].strip().lower()
    if head.startswith((b"{", b"[")) or ctype in ("application/feed+json", "application/json"):
        return "jsonfeed" if b"jsonfeed.org/version" in data[:4096].lower() else ""
    try:
        whole = _to_ascii_compatible(data[:ROOT_SCAN])
    except ParseError:
        whole = data[:ROOT_SCAN]
    kind = ROOT_KINDS.get(root_name(whole.lstrip(b"\xef\xbb\xbf")))
    if kind:
        return kind
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<feed" in head and b"<rss" not in head:
        return "atom"
    if b"<rss" in head or b"<rdf:rdf" in head or b"<rdf" in head:
        return "rss"
    if b"<html" in head or b"<!doctype html" in head or b"<head" in head or b"<body" in head:
        return "html"
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if head.startswith(b"<?xml"):
        return "rss"  # let feedparser say what it is
    return ""


# Feeds (feedparser) -----------------------------------------------------


def _entry_text(entry: Any) -> tuple[str, str]:
    summary = html_to_text(entry.get("summary", ""), SUMMARY_MAX)
    content = ""
    for part in entry.get("content", []) or []:
        if isinstance(part, dict) and isinstance(part.get("value"), str):
            content = html_to_text(part["value"], TEXT_MAX)
            break
    return summary, content


def _deleted_entries(data: bytes) -> list[str]:
    """Atom tombstones: ``<at:deleted-entry ref="...">`` (RFC 6721)."""
    if b"deleted-entry" not in data:
        return []
    try:
        root = etree.fromstring(data, _safe_xml_parser())
    except etree.XMLSyntaxError:
        return []
    refs = [
        clean_line(node.get("ref"), EXTERNAL_ID_MAX)
        for node in root.iter(f"{{{TOMBSTONES_NS}}}deleted-entry")
    ]
    return [ref for ref in refs if ref][:MAX_ITEMS]


def parse_feed(data: bytes, base_url: str = "") -> ParsedFeed:
    data = prescreen_xml(data)
    try:
        # No base URL for feedparser: it would resolve a relative guid against
        # it, changing the item's id with the feed's address. Links are made
        # absolute below instead.
        parsed = feedparser.parse(data)
    except Exception as exc:
        raise ParseError(f"The feed cannot be read: {exc}.") from exc
    version = str(parsed.get("version") or "")
    if not parsed.entries and (parsed.bozo or not version):
        reason = parsed.get("bozo_exception") or "no RSS, RDF or Atom root element"
        raise ParseError(f"This is not a feed feedparser can read: {reason}.")
    feed = parsed.feed
    kind = "atom" if version.startswith("atom") else "rss"
    title = clean_line(feed.get("title", ""), TITLE_MAX)
    result = ParsedFeed(
        kind=kind, title=title, outlet=title, site_url=clean_url(feed.get("link", ""), base_url)
    )
    ttl = str(feed.get("ttl", "") or "").strip()
    if ttl.isdigit() and len(ttl) < 8:
        result.ttl_seconds = int(ttl) * 60
    for link in feed.get("links", [])[:50]:
        rel, href = str(link.get("rel", "")), link.get("href", "")
        if rel == "hub" and not result.hub_url:
            result.hub_url = clean_url(href, base_url)
        elif rel == "self" and not result.self_url:
            result.self_url = clean_url(href, base_url)
    for entry in parsed.entries[:MAX_ITEMS]:
        summary, content = _entry_text(entry)
        url = clean_url(entry.get("link", ""), base_url)
        item = ParsedItem(
            external_id=clean_line(entry.get("id", ""), EXTERNAL_ID_MAX),
            url=url,
            title=html_to_text(entry.get("title", ""), TITLE_MAX).replace("\n", " "),
            summary=summary or content[:SUMMARY_MAX],
            text=content,
            author=author_name(entry.get("author", "")),
            published_at=_timestamp(entry.get("published_parsed"))
            or _timestamp(entry.get("updated_parsed")),
        )
        if item.external_id or item.url:
            result.items.append(item)
        else:
            result.skipped.append(_("it has neither an id nor an http(s) link"))
    result.deleted_ids = _deleted_entries(data) if kind == "atom" else []
    return result


# JSON Feed --------------------------------------------------------------


def _expect(obj: dict[str, Any], key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    value = obj.get(key)
    if value is not None and not isinstance(value, kinds):
        names = (
            kinds.__name__ if isinstance(kinds, type) else " or ".join(k.__name__ for k in kinds)
        )
        shown = {"str": "a string", "list": "a list", "dict": "an object"}
        raise ParseError(
            f"JSON Feed {where}: {key!r} must be {shown.get(names, names)}, "
            f"not {type(value).__name__}."
        )
    return value


def parse_jsonfeed(data: bytes, base_url: str = "") -> ParsedFeed:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ParseError(f"JSON Feed is not UTF-8: {exc.reason} at byte {exc.start}.") from exc
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"JSON Feed is not valid JSON: {str(exc)[:200]}.") from exc
    if not isinstance(doc, dict):
        raise ParseError(f"JSON Feed must be an object, not {type(doc).__name__}.")
    version = _expect(doc, "version", str, "top level") or ""
    if not version.startswith(JSONFEED_VERSIONS[0]):
        raise ParseError("JSON Feed has no https://jsonfeed.org/version/1 or /1.1 version.")
    items = _expect(doc, "items", list, "top level")
    if items is None:
        raise ParseError("JSON Feed has no 'items' list.")
    _expect(doc, "title", str, "top level")
    _expect(doc, "home_page_url", str, "top level")
    title = clean_line(doc.get("title") or "", TITLE_MAX)
    result = ParsedFeed(
        kind="jsonfeed",
        title=title,
        outlet=title,
        site_url=clean_url(doc.get("home_page_url") or "", base_url),
    )
    for index, raw in enumerate(items[:MAX_ITEMS]):
        try:
            result.items.append(_jsonfeed_item(raw, index, base_url))
        except ParseError as exc:
            result.skipped.append(str(exc))
    if items and not result.items:
        raise ParseError(f"JSON Feed has no usable item: {result.skipped[0]}")
    return result


def _jsonfeed_item(raw: Any, index: int, base_url: str) -> ParsedItem:
    where = f"item {index + 1}"
    if not isinstance(raw, dict):
        raise ParseError(f"JSON Feed {where} must be an object, not {type(raw).__name__}.")
    # Version 1 allowed numbers as ids; 1.1 says strings. Both are accepted.
    item_id = _expect(raw, "id", (str, int), where)
    if isinstance(item_id, bool):
        raise ParseError(f"JSON Feed {where}: 'id' must be a string, not bool.")
    for key in ("url", "title", "summary", "content_text", "content_html"):
        _expect(raw, key, str, where)
    for key in ("date_published", "date_modified"):
        _expect(raw, key, str, where)
    authors = _expect(raw, "authors", list, where) or []
    author = _expect(raw, "author", dict, where)
    if author is not None:
        authors = [author, *authors]
    names = [
        a["name"] for a in authors[:10] if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    text = clean_text(raw.get("content_text") or "", TEXT_MAX) or html_to_text(
        raw.get("content_html") or "", TEXT_MAX
    )
    summary = clean_text(raw.get("summary") or "", SUMMARY_MAX) or text[:SUMMARY_MAX]
    item = ParsedItem(
        external_id=clean_line(str(item_id) if item_id is not None else "", EXTERNAL_ID_MAX),
        url=clean_url(raw.get("url") or "", base_url),
        title=clean_line(raw.get("title") or "", TITLE_MAX),
        summary=summary,
        text=text,
        author=clean_line(", ".join(names), AUTHOR_MAX),
        published_at=parse_date(raw.get("date_published")) or parse_date(raw.get("date_modified")),
    )
    if not item.external_id and not item.url:
        raise ParseError(f"JSON Feed {where} has neither an id nor a url.")
    return item


# News sitemaps ----------------------------------------------------------


def _safe_xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_sitemap(data: bytes, base_url: str = "") -> ParsedFeed:
    data = prescreen_xml(data)
    try:
        root = etree.fromstring(data, _safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"The sitemap is not well-formed XML: {exc}.") from exc
    if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
        raise ParseError("This is a sitemap index; add one of the news sitemaps it lists instead.")
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        raise ParseError("This is not a sitemap (no <urlset> root element).")
    result = ParsedFeed(kind="sitemap")
    for node in root.iterfind(f"{{{SITEMAP_NS}}}url"):
        if len(result.items) >= MAX_ITEMS:
            break
        url = clean_url(node.findtext(f"{{{SITEMAP_NS}}}loc") or "", base_url)
        if not url:
            result.skipped.append("a <url> without an http(s) <loc>")
            continue
        news = node.find(f"{{{NEWS_NS}}}news")
        title = date = ""
        if news is not None:
            title = news.findtext(f"{{{NEWS_NS}}}title") or ""
            date = news.findtext(f"{{{NEWS_NS}}}publication_date") or ""
            outlet = news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name") or ""
            if outlet and not result.title:
                result.title = result.outlet = clean_line(outlet, TITLE_MAX)
        date = date or node.findtext(f"{{{SITEMAP_NS}}}lastmod") or ""
        result.items.append(
            ParsedItem(url=url, title=clean_line(title, TITLE_MAX), published_at=parse_date(date))
        )
    return result


# HTML pages -------------------------------------------------------------

_ARTICLE_PATH = re.compile(r"/(\d{4}/\d{1,2}/|[^/]*-[^/]*-[^/]*|articles?/|news/|story/)")


MAX_PAGE = 5_000_000  # bytes of a page that are read
_HTML_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^\s"';,]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]{1,40})""", re.IGNORECASE
)
# What browsers read these labels as (WHATWG Encoding): pages saying Latin-1
# or ASCII are written in Windows-1252 (ellipses, dashes and curly quotes in 0x80-0x9F).
_LATIN1_NAMES = {"latin-1", "iso8859-1", "ascii"}


def _codec(label: str) -> str | None:
    """The Python codec for a charset label, or None when there is none."""
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib...
        return None
    return "cp1252" if info.name in _LATIN1_NAMES else info.name


def _detected(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional (trafilatura brings it): Windows-1252 is the web's default
        return "cp1252"
    best = from_bytes(data[:65_536]).best()
    return (best and _codec(best.encoding)) or "cp1252"


def html_encoding(data: bytes, content_type: str = "") -> str:
    """The codec a page is written in: its byte order mark, else the HTTP
    ``Content-Type`` charset, else its ``<meta charset>`` (or http-equiv), else
    detected (UTF-8 when it decodes as UTF-8)."""
    for bom, name in _HTML_BOMS:
        if data.startswith(bom):
            return name
    header = _HEADER_CHARSET.search(content_type)
    if header and (codec := _codec(header.group(1))):
        return codec
    meta = _META_CHARSET.search(data[:4096])
    if meta and (codec := _codec(meta.group(1).decode("ascii"))):
        # A page cannot be UTF-16 and still spell its <meta> in ASCII.
        return "utf-8" if codec.startswith("utf-16") or codec.startswith("utf-32") else codec
    return _detected(data)


def decode_html(data: bytes, content_type: str = "") -> str:
    """A page's bytes as text, in the encoding :func:`html_encoding` finds."""
    data = data[:MAX_PAGE]
    codec = html_encoding(data, content_type)
    text = data.decode(codec, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def page_tree(data: bytes | str, content_type: str = "") -> Any:
    """The page parsed by lxml, decoded first (lxml alone reads a page without
    ``<meta charset>`` as Latin-1, whatever the server said)."""
    text = data if isinstance(data, str) else decode_html(data, content_type)
    try:
        return lxml_html.document_fromstring(
            text.encode("utf-8", errors="replace"), parser=lxml_html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"The page is not readable HTML: {exc}.") from exc


def _site_name(tree: Any) -> str:
    """The publisher a page names: ``og:site_name``, else ``application-name``."""
    found: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or "").strip().lower()
        if key in ("og:site_name", "application-name") and key not in found:
            found[key] = clean_line(node.get("content") or "", 200)
    return found.get("og:site_name") or found.get("application-name") or ""


def feed_links(tree: Any, base_url: str) -> list[str]:
    """``<link rel="alternate">`` feeds a page announces, in page order."""
    links: list[str] = []
    for node in tree.iterfind(".//link"):
        rel = (node.get("rel") or "").lower().split()
        kind = (node.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            url = clean_url(node.get("href") or "", base_url)
            if url and url not in links:
                links.append(url)
    return links[:10]


def _is_article(tree: Any) -> bool:
    for node in tree.iterfind(".//meta"):
        if (node.get("property") or node.get("name") or "").lower() == "og:type":
            return (node.get("content") or "").lower() == "article"
    return len(tree.findall(".//article")) == 1


def _article_links(tree: Any, base_url: str) -> list[ParsedItem]:
    site = urlsplit(base_url).hostname or ""
    seen: set[str] = set()
    items = []
    for node in tree.iterfind(".//a"):
        url = clean_url(node.get("href") or "", base_url)
        if not url or urlsplit(url).hostname != site:
            continue
        key = canonical_url(url)
        title = clean_line(node.text_content(), TITLE_MAX)
        if key in seen or key == canonical_url(base_url) or len(title.split()) < 3:
            continue
        if not _ARTICLE_PATH.search(urlsplit(url).path):
            continue
        seen.add(key)
        items.append(ParsedItem(url=url, title=title))
        if len(items) >= MAX_ITEMS:
            break
    return items


ARTICLE_TEXT = 600  # characters of running paragraphs that make a page an article
ARTICLE_RUN = 300  # the shortest run of paragraphs that counts towards it


def parse_article(data: bytes | str, url: str, content_type: str = "") -> ParsedItem:
    """One article page through trafilatura: text, title, author, date."""
    text = data if isinstance(data, str) else decode_html(data, content_type)
    return _extract(text, url)[0]


def _extract(text: str, url: str) -> tuple[ParsedItem, Any]:
    """The article trafilatura finds in a page, and its body (``<p>``, ``<head>``...)."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install: say so instead of failing later
        raise ParseError(
            _(
                "Reading HTML pages needs the trafilatura package, which could not be "
                "imported (%(error)s). Install newsdesk's dependencies again."
            )
            % {"error": exc}
        ) from exc
    try:
        extracted = trafilatura.bare_extraction(
            text, url=url, with_metadata=True, include_comments=False
        )
    except Exception as exc:  # trafilatura raises whatever lxml raises
        raise ParseError(f"The article cannot be extracted: {str(exc)[:200]}.") from exc
    doc: dict[str, Any] = {}
    if isinstance(extracted, dict):
        doc = extracted
    elif extracted is not None:
        doc = extracted.as_dict()
    body = clean_text(doc.get("text") or "", TEXT_MAX)
    item = ParsedItem(
        url=clean_url(doc.get("url") or "", url) or url,
        title=clean_line(doc.get("title") or "", TITLE_MAX),
        summary=clean_text(doc.get("description") or "", SUMMARY_MAX) or body[:SUMMARY_MAX],
        text=body,
        author=author_name(doc.get("author") or ""),
        published_at=parse_date(doc.get("date") or ""),
    )
    return item, doc.get("body")


def _is_link(line: str, link_titles: set[str]) -> bool:
    """The line is mostly one of the page's article links (a teaser's headline)."""
    return line in link_titles or any(
        len(title) * 2 >= len(line) and title in line for title in link_titles
    )


def article_text(body: Any, link_titles: set[str]) -> int:
    """Characters of running article text in trafilatura's ``body``.

    Paragraphs count in runs that a line made of one of the page's article
    links ends (a teaser's linked headline); other headings, lists and tables
    neither count nor end a run. A run counts once it reaches
    :data:`ARTICLE_RUN`. An article's text runs on past its subheadings; a
    section page's teasers (a linked headline, a sentence or two, a date) each
    stand alone."""
    if body is None:
        return 0
    total = run = 0
    for node in [*body, None]:
        line = clean_line("".join(node.itertext()), TEXT_MAX) if node is not None else ""
        if node is not None and not _is_link(line, link_titles):
            if node.tag in ("p", "quote"):
                run += len(line)
            continue
        if run >= ARTICLE_RUN:
            total += run
        run = 0
    return total


def parse_html(data: bytes, base_url: str, content_type: str = "") -> ParsedFeed:
    """An article page is one item; a section page is an item per article link.

    A page is an article when it says so (``og:type``, or one ``<article>``),
    when it has fewer than two article links, or when trafilatura finds a
    substantial article in it however many links surround it (:func:`article_text`)."""
    text = decode_html(data, content_type)
    tree = page_tree(text)
    title = clean_line(tree.findtext(".//title") or "", TITLE_MAX)
    result = ParsedFeed(kind="html", title=title, site_url=base_url, outlet=_site_name(tree))
    result.feed_links = feed_links(tree, base_url)
    links = [] if _is_article(tree) else _article_links(tree, base_url)
    try:
        item, body = _extract(text, base_url)
    except ParseError:
        if len(links) < 2:
            raise
        item, body = ParsedItem(), None  # the links are still worth having
    if len(links) >= 2 and article_text(body, {link.title for link in links}) < ARTICLE_TEXT:
        result.items = links
        result.links_only = True
        return result
    if not item.text and not item.title:
        raise ParseError("The page has neither article text nor links to articles.")
    item.url = base_url  # the page itself is the item, whatever it calls itself
    result.items = [item]
    return result


# One entry point ---------------------------------------------------------


def parse(kind: str, data: bytes, base_url: str, content_type: str = "") -> ParsedFeed:
    """Parse ``data`` as a source of ``kind``; refuse a body of another kind."""
    if is_empty(data):
        raise ParseError("The source answered with an empty body.")
    found = sniff(data, content_type)
    feeds = ("rss", "atom")
    if kind in feeds and found == "html":
        raise ParseError(
            "The source sent an HTML page where a feed was expected; "
            "the feed may have moved (add the site again to find it)."
        )
    if kind in feeds and found in ("rss", "atom", ""):
        return parse_feed(data, base_url)
    if kind == "jsonfeed":
        if found == "html":
            raise ParseError("The source sent an HTML page where a JSON Feed was expected.")
        return parse_jsonfeed(data, base_url)
    if kind == "sitemap":
        return parse_sitemap(data, base_url)
    if kind == "html" and found in ("html", ""):
        return parse_html(data, base_url, content_type)
    raise ParseError(f"The source was added as {kind} but sent {found or 'something else'}.")

"""RSS 2.0 with the content, Dublin Core and Atom namespaces.

``atom:link rel="self"`` (and ``rel="hub"``, ``rel="next"``), ``dc:creator``
per author, ``content:encoded`` for the full HTML and ``<source url>`` for
the first outlet quoted with a link.

Readers take ``<description>`` as HTML (RSS 2.0 says it may hold entity-encoded
HTML, and they all do), so the channel's description and each lede, which are
plain text, are HTML-escaped before the XML writer escapes them again: a lede
of ``<img onerror=...>`` reaches the reader as those characters, not as markup.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from django.utils.http import http_date

from .entries import Channel, Entry
from .xmlwriter import XMLWriter

NAMESPACES = {
    "xmlns:atom": "http://www.w3.org/2005/Atom",
    "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    "xmlns:media": "http://search.yahoo.com/mrss/",
}


def _date(value: datetime) -> str:
    """RFC 822 as RSS asks, in GMT."""
    return http_date(value.timestamp())


def _media(xml: XMLWriter, entry: Entry) -> None:
    """Media RSS for the featured image: its description, caption and credit."""
    image = entry.image
    if image is None:
        return
    xml.start("media:content", {"url": image.large, "medium": "image"})
    if image.alt:
        xml.element("media:description", image.alt)
    if image.caption:
        xml.element("media:title", image.caption)
    if image.credit:
        xml.element("media:credit", image.credit, {"role": "photographer"})
    xml.end("media:content")


def render(channel: Channel, entries: list[Entry]) -> bytes:
    xml = XMLWriter()
    xml.start("rss", {"version": "2.0", **NAMESPACES})
    xml.newline()
    xml.start("channel")
    xml.newline()
    xml.element("title", channel.title)
    xml.element("link", channel.home_url)
    xml.element("description", escape(channel.description, quote=False))
    xml.element("language", channel.language)
    xml.element("lastBuildDate", _date(channel.updated))
    xml.element("generator", "newsdesk")
    xml.element(
        "atom:link", attrs={"rel": "self", "type": "application/rss+xml", "href": channel.self_url}
    )
    if channel.hub:
        xml.element("atom:link", attrs={"rel": "hub", "href": channel.hub})
    if channel.next_url:
        xml.element(
            "atom:link",
            attrs={"rel": "next", "type": "application/rss+xml", "href": channel.next_url},
        )
    for entry in entries:
        xml.start("item")
        xml.newline()
        xml.element("title", entry.title)
        xml.element("link", entry.url)
        xml.element("guid", entry.id, {"isPermaLink": "false"})
        xml.element("pubDate", _date(entry.published))
        if entry.summary:
            xml.element("description", escape(entry.summary, quote=False))
        if entry.content_html:
            xml.element("content:encoded", entry.content_html)
        for person in entry.authors:
            xml.element("dc:creator", person.name)
        for tag in entry.tags:
            xml.element("category", tag.name, {"domain": tag.url})
        if entry.image:
            xml.element(
                "enclosure",
                attrs={
                    "url": entry.image.url,
                    "length": str(entry.image.length),
                    "type": entry.image.type,
                },
            )
            _media(xml, entry)
        quoted = next((s for s in entry.sources if s.url), None)
        if quoted:
            xml.element("source", quoted.outlet, {"url": quoted.url})
        xml.end("item")
    xml.end("channel")
    xml.end("rss")
    return xml.bytes()

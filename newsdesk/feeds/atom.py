"""Atom 1.0 (RFC 4287), valid against the RFC's RELAX NG schema.

Entries carry their authors; the feed carries the site as author too, so an
entry without a byline is still valid. Quoted outlets are ``rel="via"``
links; paging follows RFC 5005 (``rel="next"``).
"""

from __future__ import annotations

from .entries import Channel, Entry, Person, w3c_date
from .xmlwriter import XMLWriter

ATOM = "http://www.w3.org/2005/Atom"


def _person(xml: XMLWriter, element: str, person: Person) -> None:
    xml.start(element)
    xml.element("name", person.name)
    xml.element("uri", person.url)
    xml.end(element)


def render(channel: Channel, entries: list[Entry]) -> bytes:
    xml = XMLWriter()
    xml.start("feed", {"xmlns": ATOM, "xml:lang": channel.language})
    xml.newline()
    xml.element("id", channel.id)
    xml.element("title", channel.title, {"type": "text"})
    xml.element("subtitle", channel.description, {"type": "text"})
    xml.element("updated", w3c_date(channel.updated))
    xml.element("link", attrs={"rel": "alternate", "type": "text/html", "href": channel.home_url})
    xml.element(
        "link", attrs={"rel": "self", "type": "application/atom+xml", "href": channel.self_url}
    )
    if channel.hub:
        xml.element("link", attrs={"rel": "hub", "href": channel.hub})
    if channel.next_url:
        xml.element(
            "link", attrs={"rel": "next", "type": "application/atom+xml", "href": channel.next_url}
        )
    _person(xml, "author", channel.publisher)
    xml.element("generator", "newsdesk")
    xml.element("icon", channel.icon)
    for entry in entries:
        xml.start("entry", {"xml:lang": entry.language})
        xml.newline()
        xml.element("id", entry.id)
        xml.element("title", entry.title, {"type": "text"})
        xml.element("link", attrs={"rel": "alternate", "type": "text/html", "href": entry.url})
        xml.element("published", w3c_date(entry.published))
        xml.element("updated", w3c_date(entry.updated))
        for person in entry.authors:
            _person(xml, "author", person)
        for tag in entry.tags:
            xml.element("category", attrs={"term": tag.slug, "label": tag.name, "scheme": tag.url})
        if entry.image:
            xml.element(
                "link",
                attrs={
                    "rel": "enclosure",
                    "type": entry.image.type,
                    "length": str(entry.image.length),
                    "href": entry.image.url,
                },
            )
        for source in entry.sources:
            if source.url:
                xml.element(
                    "link", attrs={"rel": "via", "href": source.url, "title": source.outlet}
                )
        if entry.summary:
            xml.element("summary", entry.summary, {"type": "text"})
        if entry.content_html:
            xml.element("content", entry.content_html, {"type": "html"})
        xml.end("entry")
    xml.end("feed")
    return xml.bytes()

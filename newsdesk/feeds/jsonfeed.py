"""JSON Feed 1.1, served as ``application/feed+json``.

The ``_newsdesk`` extension (JSON Feed section "Extensions") carries what the
standard has no place for: the outlets an update quotes, its corrections and
whether it is breaking news.
"""

from __future__ import annotations

import json
from typing import Any

from .entries import Channel, Entry, Person, w3c_date
from .text import clean

VERSION = "https://jsonfeed.org/version/1.1"


def _person(person: Person) -> dict[str, str]:
    return {"name": person.name, "url": person.url}


def _item(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "date_published": w3c_date(entry.published),
        "date_modified": w3c_date(entry.updated),
        "authors": [_person(p) for p in entry.authors],
        "tags": [t.name for t in entry.tags],
        "language": entry.language,
        "_newsdesk": {
            "breaking": entry.breaking,
            "sources": [
                {"outlet": s.outlet, "url": s.url or None, "quote_style": s.quote_style}
                for s in entry.sources
            ],
            "corrections": [{"date": w3c_date(c.date), "text": c.text} for c in entry.corrections],
        },
    }
    if entry.summary:
        item["summary"] = entry.summary
    if entry.image:
        item["image"] = entry.image.large
    return item


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def render(channel: Channel, entries: list[Entry]) -> bytes:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": channel.title,
        "home_page_url": channel.home_url,
        "feed_url": channel.self_url,
        "description": channel.description,
        "language": channel.language,
        "icon": channel.icon,
        "favicon": channel.icon,
        "authors": [_person(channel.publisher)],
    }
    if channel.next_url:
        feed["next_url"] = channel.next_url
    if channel.hub:
        feed["hubs"] = [{"type": "WebSub", "url": channel.hub}]
    feed["items"] = [_item(e) for e in entries]
    # Lone surrogates cannot be encoded as UTF-8 and control characters are
    # refused by strict readers: the same cleaning as the XML formats.
    return json.dumps(_cleaned(feed), ensure_ascii=False, indent=1).encode("utf-8")

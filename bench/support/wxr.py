"""A WordPress export (WXR) of any size, written as a stream: for the
import's interruption test and for bench/imports.py. The posts are made up
from a small vocabulary about an invented coastal city."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

WORDS = [
    "harbour",
    "ferry",
    "council",
    "budget",
    "storm",
    "quay",
    "lantern",
    "festival",
    "library",
    "school",
    "rail",
    "bridge",
    "market",
    "fishermen",
    "pilots",
    "tide",
    "lighthouse",
    "crossing",
    "repair",
    "wall",
    "district",
    "rent",
    "survey",
    "water",
    "power",
    "night",
    "morning",
    "crews",
    "residents",
    "mayor",
    "port",
    "island",
    "coast",
    "winter",
]
START = datetime(2024, 1, 1, tzinfo=UTC)

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Harbour Courier</title><link>http://harbour-courier.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>http://harbour-courier.example</wp:base_blog_url>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mira]]></wp:author_login>
<wp:author_display_name><![CDATA[Mira Castell]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>harbour</wp:category_nicename>
<wp:cat_name><![CDATA[Harbour]]></wp:cat_name></wp:category>
"""
TAIL = "</channel></rss>\n"


def posts(count: int, paragraphs: int, seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    for n in range(1, count + 1):
        when = START + timedelta(minutes=37 * n)
        title = " ".join(rng.choice(WORDS) for _ in range(7)).capitalize()
        slug = f"update-{n}-" + "-".join(title.lower().split()[:4])
        body = "\n\n".join(
            " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
            for _ in range(paragraphs)
        )
        yield (
            f"<item><title>{title}</title>"
            f"<link>http://harbour-courier.example/{when:%Y/%m/%d}/{slug}/</link>"
            "<dc:creator><![CDATA[mira]]></dc:creator>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            f"<excerpt:encoded><![CDATA[{title}.]]></excerpt:encoded>"
            f"<wp:post_id>{n + 100}</wp:post_id>"
            f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
            f"<wp:post_name><![CDATA[{slug}]]></wp:post_name>"
            "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
            '<category domain="category" nicename="harbour"><![CDATA[Harbour]]></category>'
            "</item>\n"
        )


def write(path: Path, count: int, paragraphs: int = 4) -> int:
    """Write ``count`` posts to ``path``; returns the file's size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        _write(out, count, paragraphs)
    return path.stat().st_size


def _write(out: TextIO, count: int, paragraphs: int) -> None:
    out.write(HEAD)
    for item in posts(count, paragraphs):
        out.write(item)
    out.write(TAIL)

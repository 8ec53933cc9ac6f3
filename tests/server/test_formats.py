"""``newsdesk export --format wordpress|ghost``: files the other platforms'
importers read. Checked here by reading them back with our own importers
of those formats into an emptied site: the same articles come back."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from lxml import etree

from newsdesk.news.models import Article, Author, LegacyUrl, Tag

pytestmark = pytest.mark.django_db


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def newsroom(make_article: Callable[..., Article]) -> dict[str, Any]:
    body = "The council voted **eleven to four**.\n\n- Work starts in March\n- Ferries run"
    make_article(headline="Harbour wall repair approved", tags=["City Hall", "Harbour"], body=body)
    make_article(headline="Ferry timetable draft", publish=False, tags=["Harbour"])
    make_article(headline="Library opens late in winter", tags=["Culture"])
    return state()


def state() -> dict[str, Any]:
    return {
        a.slug: {
            "headline": a.headline,
            "status": a.status,
            "published_at": a.published_at.replace(microsecond=0) if a.published_at else None,
            "lede": a.lede,
            "text": plain(a.body_html),
            "tags": sorted(a.tags.values_list("slug", flat=True)),
            "authors": [b.author.slug for b in a.bylines.order_by("position")],
        }
        for a in Article.objects.all()
    }


def empty_the_site() -> None:
    Article.objects.all().delete()
    Tag.objects.all().delete()
    Author.objects.all().delete()


@pytest.mark.parametrize("kind", ["wordpress", "ghost"])
def test_an_export_reads_back_as_the_same_articles(
    kind: str, make_article: Callable[..., Article], tmp_path: Path
) -> None:
    before = newsroom(make_article)
    path = tmp_path / ("export.xml" if kind == "wordpress" else "export.json")
    out = io.StringIO()
    call_command("export", "--format", kind, str(path), stdout=out)
    assert "3 articles" in out.getvalue()
    if kind == "wordpress":
        root = etree.parse(str(path)).getroot()
        assert root.tag == "rss" and "http://wordpress.org/export/1.2/" in root.nsmap.values()
    else:
        assert json.loads(path.read_text())["db"][0]["data"]["posts"]
    empty_the_site()
    call_command("import", kind, str(path), stdout=io.StringIO())
    assert state() == before
    if kind == "wordpress":  # each post's link and ?p=ID, as WordPress would keep them
        assert LegacyUrl.objects.count() == 3 * 2


def test_an_export_never_overwrites_a_file(tmp_path: Path, db: None) -> None:
    from django.core.management.base import CommandError

    path = tmp_path / "there.xml"
    path.write_text("mine")
    with pytest.raises(CommandError, match="exists already"):
        call_command("export", "--format", "wordpress", str(path))
    assert path.read_text() == "mine"

"""A live coverage's feeds validate like the site's (Atom against RFC 4287,
JSON Feed 1.1), hold only its updates, and its JSON-LD is a valid
schema.org ``LiveBlogPosting`` with ISO 8601 times."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from lxml import etree

from newsdesk.news import actions
from newsdesk.news.models import Article, Coverage
from tests.helpers import find_all, parse

from .conftest import SCHEMAS, assert_valid_atom, assert_valid_jsonfeed

pytestmark = pytest.mark.django_db
PATH = "/live/ceasefire-talks-day-3/"


@pytest.fixture(scope="module")
def live_blog_schema() -> Draft202012Validator:
    schema = json.loads(Path(SCHEMAS / "liveblogposting.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def talks(make_article: Callable[..., Article]) -> Coverage:
    coverage = actions.open_coverage(
        title="Ceasefire talks, day 3", key_points="- Delegations met at nine"
    )
    make_article(headline="Delegations arrive", coverages=[coverage], tags=["Talks"])
    make_article(headline="A first draft text", coverages=[coverage], authors=[])
    make_article(headline="Sirens in the east")  # not in this coverage
    return coverage


def test_atom_and_json_feeds_are_valid_and_hold_only_its_updates(
    client: Client,
    talks: Coverage,
    atom_schema: etree.RelaxNG,
    jsonfeed_schema: Draft202012Validator,
) -> None:
    atom = client.get(PATH + "atom.xml")
    assert atom.status_code == 200
    assert atom["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert_valid_atom(atom_schema, atom.content)
    parsed = feedparser.parse(atom.content)
    assert parsed.bozo == 0
    assert parsed.feed.title == "Newsdesk: Ceasefire talks, day 3"
    assert [e.title for e in parsed.entries] == ["A first draft text", "Delegations arrive"]
    feed = assert_valid_jsonfeed(jsonfeed_schema, client.get(PATH + "feed.json").content)
    assert [i["title"] for i in feed["items"]] == ["A first draft text", "Delegations arrive"]
    rss = feedparser.parse(client.get(PATH + "rss.xml").content)
    assert rss.bozo == 0 and len(rss.entries) == 2
    tree = parse(client.get(PATH).content)
    links = [(a.attrs["type"], a.attrs["href"]) for a in find_all(tree, "link", rel="alternate")]
    assert ("application/atom+xml", f"http://127.0.0.1:8000{PATH}atom.xml") in links


def _json_ld(client: Client) -> dict[str, Any]:
    tree = parse(client.get(PATH).content)
    [data] = [json.loads(s.text) for s in find_all(tree, "script", type="application/ld+json")]
    return data


def test_json_ld_validates_as_a_live_blog_posting(
    client: Client, talks: Coverage, live_blog_schema: Draft202012Validator
) -> None:
    for ended in (False, True):
        if ended:
            actions.end_coverage(talks)
        data = _json_ld(client)
        errors = [f"{list(e.path)}: {e.message}" for e in live_blog_schema.iter_errors(data)]
        assert not errors, errors
        assert ("coverageEndTime" in data) is ended
        times = [data["coverageStartTime"], data["dateModified"]]
        times += [data["coverageEndTime"]] if ended else []
        times += [u["datePublished"] for u in data["liveBlogUpdate"]]
        for value in times:
            assert datetime.fromisoformat(value).tzinfo is not None  # ISO 8601, zoned
        assert [u["headline"] for u in data["liveBlogUpdate"]] == [
            "A first draft text",
            "Delegations arrive",
        ]
        assert data["description"] == "Delegations met at nine"


def test_the_schema_refuses_what_schema_org_would_not_take(
    live_blog_schema: Draft202012Validator,
) -> None:
    good = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": "https://n.example/live/x/",
        "url": "https://n.example/live/x/",
        "headline": "X",
        "publisher": {"@type": "Organization", "name": "N", "url": "https://n.example/"},
        "coverageStartTime": "2026-12-08T01:00:00+00:00",
        "dateModified": "2026-12-08T01:00:00+00:00",
        "liveBlogUpdate": [],
    }
    assert not list(live_blog_schema.iter_errors(good))
    for bad in (
        {**good, "coverageStartTime": "8 Dec 2026"},
        {**good, "coverageEndTime": "2026-12-08 01:00"},
        {**good, "@type": "BlogPosting"},
        {**good, "liveBlogUpdates": []},
        {k: v for k, v in good.items() if k != "coverageStartTime"},
        {**good, "liveBlogUpdate": [{"@type": "BlogPosting", "headline": "h"}]},
    ):
        assert list(live_blog_schema.iter_errors(bad)), bad


def test_websub_pings_the_feeds_of_an_updates_coverages(talks: Coverage) -> None:
    from newsdesk.feeds import websub

    article = talks.articles.get(headline="Delegations arrive")
    found = websub.topics(article)
    assert f"http://127.0.0.1:8000{PATH}atom.xml" in found
    assert f"http://127.0.0.1:8000{PATH}feed.json" in found


def test_the_site_sitemap_lists_coverage_pages(client: Client, talks: Coverage) -> None:
    tree = etree.fromstring(client.get("/sitemaps/site.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in tree.findall("s:url/s:loc", ns)]
    assert f"http://127.0.0.1:8000{PATH}" in locs
    [lastmod] = tree.xpath(f"s:url[s:loc='http://127.0.0.1:8000{PATH}']/s:lastmod", namespaces=ns)
    assert datetime.fromisoformat(lastmod.text.replace("Z", "+00:00")).tzinfo is not None

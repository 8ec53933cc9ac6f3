"""Markdown renders to HTML with nothing executable in it, whatever the input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.news.rendering import render_markdown, sanitise
from tests.helpers import find_all, parse

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[click](&#0000106avascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](java%0ascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![img](data:image/png;base64,iVBORw0KGgo=)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    '[x](https://example.org "title" onclick=alert(1))',
    '<form><button formaction="javascript:alert(1)">go</button></form>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<a href="#" style="x:expression(alert(1))">x</a>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

BAD_TAGS = {"script", "iframe", "svg", "object", "embed", "style", "form", "button", "math"}


def assert_inert(html: str) -> None:
    tree = parse(html)
    for element in find_all(tree):
        assert element.tag not in BAD_TAGS, html
        for name, value in element.attrs.items():
            assert not name.startswith("on"), html
            assert name not in {"style", "srcdoc", "formaction"} or element.tag in {"th", "td"}
            if name in {"href", "src"}:
                # an allowed scheme, or a relative URL (no ":" before any "/", "?" or "#")
                assert re.match(r"^(https?:|mailto:|[^:/?#]*([/?#]|$))", value), html


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_renders_inert(source: str) -> None:
    assert_inert(render_markdown(source))


def test_raw_html_is_shown_as_text() -> None:
    assert render_markdown("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_entity_encoded_javascript_link_is_not_a_link() -> None:
    html = render_markdown("[click](&#106;avascript:alert(1))")
    assert find_all(parse(html), "a") == []


def test_external_links_get_nofollow_noopener() -> None:
    html = render_markdown("[a](https://outlet.example/story) and [b](/news/other/)")
    links = find_all(parse(html), "a")
    assert links[0].attrs == {"href": "https://outlet.example/story", "rel": "nofollow noopener"}
    assert links[1].attrs == {"href": "/news/other/"}


def test_own_site_links_are_not_nofollow() -> None:
    html = render_markdown("[home](http://127.0.0.1:8000/news/x/)")
    assert find_all(parse(html), "a")[0].attrs == {"href": "http://127.0.0.1:8000/news/x/"}


def test_markdown_features_survive() -> None:
    html = render_markdown(
        "# Title\n\n**bold** _em_ ~~gone~~ `code`\n\n> quote\n\n- one\n- two\n\n"
        "| a | b |\n|:-:|--|\n| 1 | 2 |\n\n![A map](https://img.example/map.png)"
    )
    tree = parse(html)
    assert [e.tag for e in find_all(tree, "h2")] == ["h2"]  # the page's h1 is the headline
    assert find_all(tree, "h1") == []
    assert {e.tag for e in find_all(tree)} >= {
        "strong", "em", "s", "code", "blockquote", "ul", "li", "table", "img",
    }  # fmt: skip
    assert find_all(tree, "img")[0].attrs == {"src": "https://img.example/map.png", "alt": "A map"}
    assert find_all(tree, "th")[0].attrs == {"style": "text-align:center"}


def test_sanitise_drops_rel_values_it_did_not_set() -> None:
    assert sanitise('<a href="https://x.example" rel="opener">x</a>') == (
        '<a href="https://x.example">x</a>'
    )


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>&;#/:='\"()[]!*_`ajvscriptonerrdat \n0x6A")), max_size=120
    )
)
def test_random_markup_never_produces_script(source: str) -> None:
    assert_inert(render_markdown(source))

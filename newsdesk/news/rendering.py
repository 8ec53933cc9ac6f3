"""Markdown to safe HTML, the only way body text becomes markup.

markdown-it-py parses CommonMark with raw HTML switched off (so ``<script>``
is shown as text, never run) and refuses ``javascript:``, ``vbscript:``,
``file:`` and ``data:`` link targets after decoding entities. nh3 (ammonia)
then enforces an allowlist of tags, attributes and URL schemes on the result,
so a parser bug cannot become an injection. External links get
``rel="nofollow noopener"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code",
        "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody",
        "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_REL = "nofollow noopener"
_ALIGN = re.compile(r"^text-align:(left|right|center)$")
# Anything that looks like a scheme before the first "/", "?" or "#".
_SCHEME = re.compile(r"^([^/?#]*?):")


def _site_host() -> str:
    return urlsplit(settings.NEWSDESK_SITE_URL).hostname or ""


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme not in {"http", "https"}:
        return False
    return (parts.hostname or "") != _site_host()


def _render_link_open(
    renderer: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if _is_external(href):
        token.attrSet("rel", EXTERNAL_REL)
    return str(renderer.renderToken(tokens, idx, options, env))


def _render_heading_open(
    renderer: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The page's only h1 is the headline: body headings start at h2.
    token = tokens[idx]
    level = min(6, int(token.tag[1]) + 1)
    token.tag = f"h{level}"
    if idx + 2 < len(tokens) and tokens[idx + 2].type == "heading_close":
        tokens[idx + 2].tag = token.tag
    return str(renderer.renderToken(tokens, idx, options, env))


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("heading_open", _render_heading_open)
    return md


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"href", "src"}:
        # Belt and braces: a link whose scheme-like prefix is not allowlisted
        # (``java%0ascript:``, ``&#106;avascript:``...) is dropped, even where
        # a browser would only treat it as a relative path.
        match = _SCHEME.match(value)
        if match and match.group(1).strip().lower() not in URL_SCHEMES:
            return None
        return value
    if attribute == "style":
        return value if _ALIGN.match(value.replace(" ", "")) else None
    return value


def sanitise(html: str) -> str:
    """Clean an HTML fragment with the body allowlist."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Render an article body: Markdown in, sanitised HTML out."""
    if not text.strip():
        return ""
    return sanitise(_markdown().render(text)).strip()

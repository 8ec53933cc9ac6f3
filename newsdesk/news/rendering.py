"""Markdown to safe HTML, the only way body text becomes markup.

markdown-it-py parses CommonMark with raw HTML switched off (so ``<script>``
is shown as text, never run) and refuses ``javascript:``, ``vbscript:``,
``file:`` and ``data:`` link targets after decoding entities. nh3 (ammonia)
then enforces an allowlist of tags, attributes and URL schemes on the result,
so a parser bug cannot become an injection. External links get
``rel="nofollow noopener"``.

Two kinds of line are more than text (docs/desk.md):

- an image of our own on a line of its own, ``![alt](/media/images/... "caption |
  credit")``, becomes a ``<figure>`` with the stored image's renditions in
  ``srcset`` and the caption and "Photo: credit" in its ``<figcaption>``;
  any other image address stays an ``<img>`` as it always was;
- the address of a post on a line of its own becomes an embed marker when
  ``news/embeds.py`` recognises it (pages turn it into a card), an ordinary
  link when it is any other http(s) address, and text otherwise.

Both are made here from validated values, escaped, and go through the same
allowlist as everything else: a figure's sources must be our media, a
marker's address must be one ``embeds.recognise`` would have built.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from newsdesk.images.models import Image

from . import embeds

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code",
        "pre", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody",
        "tr", "th", "td", "figure", "figcaption", "span", "div",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "srcset", "sizes", "width", "height", "loading", "decoding"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "div": {"data-embed-url"},
}
# Attributes allowed only with these values: what the renderer writes itself.
ALLOWED_VALUES = {
    "a": {"rel": {"nofollow noopener"}},
    "figure": {"class": {"body-image"}},
    "span": {"class": {"credit"}},
    "div": {"class": {embeds.MARKER_CLASS}},
}
FIGURE_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
MAX_CAPTION = 500
MAX_CREDIT = 200
_NUMBER = re.compile(r"^[0-9]{1,5}$")
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


# Lines of their own: figures and embeds ------------------------------------


def split_title(title: str) -> tuple[str, str]:
    """``"caption | credit"`` -> (caption, credit); without a bar, all caption."""
    caption, bar, credit = title.rpartition("|")
    if not bar:
        return " ".join(title.split()), ""
    return " ".join(caption.split()), " ".join(credit.split())


def _escape_title(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def inline_line(image: Image, alt: str, caption: str = "", credit: str = "") -> str:
    """The Markdown line that puts a stored image in a body as a figure:
    ``![alt](/media/images/... "caption | credit")`` (docs/desk.md)."""
    alt = " ".join(alt.split())
    caption = " ".join(caption.split())
    credit = " ".join(credit.split()).replace("|", "/")
    alt_text = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    title = f"{caption} | {credit}" if credit or "|" in caption else caption
    quoted = f' "{_escape_title(title)}"' if title else ""
    return f"![{alt_text}]({image.url}{quoted})"


def media_name(src: str) -> str | None:
    """The storage name an address of our own media points at, else None."""
    prefix = settings.MEDIA_URL
    for base in (prefix, settings.NEWSDESK_SITE_URL.rstrip("/") + prefix):
        if src.startswith(base):
            name = src[len(base) :]
            if name.startswith("images/") and ".." not in name and "?" not in name:
                return name
    return None


def figure(image: Image, alt: str, caption: str, credit: str) -> str:
    """An image of ours with its renditions, caption and credit, escaped."""
    chosen = image.rendition(960)
    width, height = (chosen["width"], chosen["height"]) if chosen else (image.width, image.height)
    parts = []
    if caption:
        parts.append(format_html("{}", caption[:MAX_CAPTION]))
    if credit:
        parts.append(
            format_html(
                '<span class="credit">{}</span>',
                _("Photo: %(credit)s") % {"credit": credit[:MAX_CREDIT]},
            )
        )
    # Each part is escaped already: joined, they stay safe.
    joined = SafeString(" ".join(parts))
    figcaption = format_html("<figcaption>{}</figcaption>", joined) if parts else ""
    return str(
        format_html(
            '<figure class="body-image"><img src="{}" srcset="{}" sizes="{}" alt="{}" '
            'width="{}" height="{}" loading="lazy" decoding="async">{}</figure>\n',
            image.src(960),
            image.srcset(),
            FIGURE_SIZES,
            alt,
            int(width),
            int(height),
            figcaption,
        )
    )


@dataclass(frozen=True)
class Figure:
    """One of our images in a body, as its line describes it."""

    image: Image
    alt: str
    caption: str
    credit: str


def figures(text: str) -> list[Figure]:
    """The body's figures (our own images on lines of their own), in order:
    for JSON-LD, which describes each with its caption and credit."""
    env: dict[str, Any] = {}
    if text.strip():
        _markdown().parse(text, env)
    return list(env.get("figures", []))


def _alone(tokens: list[Token], i: int) -> Token | None:
    """The inline token of a top-level paragraph at ``i``, else None."""
    if (
        tokens[i].type == "paragraph_open"
        and tokens[i].level == 0
        and i + 2 < len(tokens)
        and tokens[i + 1].type == "inline"
        and tokens[i + 2].type == "paragraph_close"
    ):
        return tokens[i + 1]
    return None


def _line_address(inline: Token) -> str | None:
    """The address when a paragraph holds nothing but one (bare or ``<...>``)."""
    children = inline.children or []
    content = inline.content.strip()
    if not content or any(c.isspace() for c in content):
        return None
    if len(children) == 1 and children[0].type == "text":
        return content
    kinds = [c.type for c in children]
    if kinds == ["link_open", "text", "link_close"] and content.startswith("<"):
        return str(children[0].attrGet("href") or "")
    return None


def _html_block(content: str) -> Token:
    token = Token("html_block", "", 0)
    token.content = content
    token.block = True
    return token


def _lines_of_their_own(state: StateCore) -> None:
    """Figures for our own images, embed markers and links for addresses."""
    tokens = state.tokens
    names: dict[int, str] = {}
    for i in range(len(tokens)):
        inline = _alone(tokens, i)
        children = (inline.children or []) if inline else []
        if len(children) == 1 and children[0].type == "image":
            name = media_name(str(children[0].attrGet("src") or ""))
            if name:
                names[i] = name
    images = {image.original.name: image for image in Image.objects.filter(
        original__in=set(names.values()))} if names else {}  # fmt: skip
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        inline = _alone(tokens, i)
        found = images.get(names.get(i, ""))
        replacement = _replacement(inline, found, state.env) if inline else None
        if replacement is None:
            out.append(tokens[i])
            i += 1
            continue
        out.extend(replacement)
        i += 3
    state.tokens = out


def _replacement(inline: Token, image: Image | None, env: EnvType) -> list[Token] | None:
    if image is not None:
        token = (inline.children or [])[0]
        caption, credit = split_title(str(token.attrGet("title") or ""))
        described = "".join(c.content for c in token.children or [] if c.type == "text")
        alt = " ".join(described.split()) or image.alt
        env.setdefault("figures", []).append(Figure(image, alt, caption, credit))
        return [_html_block(figure(image, alt, caption, credit))]
    address = _line_address(inline)
    if address is None:
        return None
    embed = embeds.recognise(address)
    if embed is not None:
        return [_html_block(embeds.marker(embed))]
    if embeds.is_web_link(address) and len(inline.children or []) == 1:
        # An address of its own that we do not embed stays an ordinary link.
        link_open = Token("link_open", "a", 1)
        link_open.attrSet("href", address)
        text = Token("text", "", 0)
        text.content = address
        inline.children = [link_open, text, Token("link_close", "a", -1)]
    return None


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.core.ruler.push("lines_of_their_own", _lines_of_their_own)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("heading_open", _render_heading_open)
    return md


def _our_media(value: str) -> bool:
    return media_name(value) is not None


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"href", "src"}:
        # Belt and braces: a link whose scheme-like prefix is not allowlisted
        # (``java%0ascript:``, ``&#106;avascript:``...) is dropped, even where
        # a browser would only treat it as a relative path.
        match = _SCHEME.match(value)
        if match and match.group(1).strip().lower() not in URL_SCHEMES:
            return None
        return value
    if attribute == "srcset":
        # Only the renderer writes srcset, and only with our own renditions.
        candidates = [c.strip().rsplit(" ", 1) for c in value.split(",")]
        ok = all(len(c) == 2 and _our_media(c[0]) and c[1].endswith("w") for c in candidates)
        return value if ok else None
    if attribute in {"width", "height"}:
        return value if _NUMBER.match(value) else None
    if attribute == "loading":
        return value if value in {"lazy", "eager"} else None
    if attribute == "decoding":
        return value if value == "async" else None
    if attribute == "sizes":
        return value if value == FIGURE_SIZES else None
    if attribute == "data-embed-url":
        return value if embeds.keep_marker_url(value) else None
    if attribute == "style":
        return value if _ALIGN.match(value.replace(" ", "")) else None
    return value


def sanitise(html: str) -> str:
    """Clean an HTML fragment with the body allowlist."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={
            tag: {name: set(values) for name, values in allowed.items()}
            for tag, allowed in ALLOWED_VALUES.items()
        },
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

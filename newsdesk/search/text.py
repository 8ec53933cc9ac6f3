"""Text as the index sees it: plain, folded (no diacritics), in words."""

from __future__ import annotations

import html
import re
import unicodedata

from django.utils.html import strip_tags

WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Ostrél" and "ostrel" are one word."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def plain(body_html: str) -> str:
    """The words of a rendered body, without its markup."""
    return " ".join(html.unescape(strip_tags(body_html)).split())


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))

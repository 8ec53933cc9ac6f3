"""Text as the index sees it: plain, folded (no diacritics), in words."""

from __future__ import annotations

import html
import re
import unicodedata

from django.utils.html import strip_tags

from newsdesk.news.languages import MARKS

#: Letters, digits and the combining marks that are part of a word
#: (Devanagari's vowel signs: "हिन्दी" is one word, not three).
WORD = re.compile(f"[\\w{MARKS}]+")
#: Marks on letters before this code point are accents and points (Latin,
#: Greek, Cyrillic, Hebrew, Arabic...), dropped; from the Indic scripts on
#: (Devanagari, Thai, kana...) they are letters of the word, kept.
_ACCENTED_BELOW = 0x0900


def fold(text: str) -> str:
    """Lower case without accents or points: "Ostrél" and "ostrel" are one
    word, as are pointed and plain Hebrew; "दिन" and "दीन" stay two."""
    kept: list[str] = []
    base = " "
    for c in unicodedata.normalize("NFKD", text):
        if not unicodedata.combining(c):
            base = c
        elif ord(base) < _ACCENTED_BELOW:
            continue
        kept.append(c)
    return "".join(kept).casefold()


def plain(body_html: str) -> str:
    """The words of a rendered body, without its markup."""
    return " ".join(html.unescape(strip_tags(body_html)).split())


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))

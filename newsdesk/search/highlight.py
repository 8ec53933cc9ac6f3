"""Matched words marked in text: every piece is escaped first, and only our
own ``<mark>`` tags are added, so an article's text can never become markup."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import Parsed
from .text import WORD, fold

SNIPPET_WORDS = 30


def _hit(word: str, parsed: Parsed) -> bool:
    folded = fold(word)
    if folded in parsed.words:
        return True
    prefix = parsed.prefix
    return prefix is not None and folded.startswith(prefix.words[0])


def highlight(text: str, parsed: Parsed) -> SafeString:
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        if _hit(match.group(), parsed):
            out.append(escape(text[last : match.start()]))
            out.append("<mark>" + escape(match.group()) + "</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece above is escaped


def snippet(text: str, parsed: Parsed) -> SafeString:
    """About thirty words around the first match, or nothing when none matches."""
    words = text.split()
    for index, word in enumerate(words):
        if any(_hit(w.group(), parsed) for w in WORD.finditer(word)):
            start = max(0, index - SNIPPET_WORDS // 3)
            piece = " ".join(words[start : start + SNIPPET_WORDS])
            lead = "… " if start else ""
            tail = " …" if start + SNIPPET_WORDS < len(words) else ""
            return mark_safe(escape(lead) + highlight(piece, parsed) + escape(tail))
    return SafeString("")

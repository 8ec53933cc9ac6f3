"""The languages articles are written in: the site's list, names and direction.

Which languages the site publishes in is a site setting (``SiteSettings.
languages``, the default language first). This app may not import the site
app, so the site app registers how to read the list in its ``ready()``
(:func:`register`); unregistered (a bare test of this app), the list is the
environment's ``LANGUAGE_CODE`` alone.

Names and writing direction come from Django's ``LANG_INFO``: a code it does
not know (``en-GB`` where it knows ``en-gb``, or a region it lacks) is looked
up by its primary language, so ``ar-EG`` is still right-to-left.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation
from django.utils.translation import gettext, pgettext

#: A language in an address: ``uk``, ``pt-br`` (lower case).
URL_CODE = r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*"


def _ranges(codes: list[int]) -> str:
    """Code points as a regular-expression character class body."""
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        parts.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev != start else ""))
        start = prev = code
    return "".join(parts)


#: Combining marks (vowel signs, points, accents) of the Basic Multilingual
#: Plane, as a character class body: part of a word in every script, though
#: ``\w`` leaves them out (so "हिन्दी" is one word and one slug, not three).
MARKS = _ranges([c for c in range(0x10000) if unicodedata.category(chr(c)).startswith("M")])

_reader: Callable[[], Sequence[str]] | None = None


def register(read: Callable[[], Sequence[str]]) -> None:
    """Tell this app how to read the site's languages (default first)."""
    global _reader
    _reader = read


def site_languages() -> tuple[str, ...]:
    """Every language the site publishes in, the default first."""
    found = tuple(_reader()) if _reader is not None else ()
    return found or (settings.LANGUAGE_CODE,)


def default_language() -> str:
    return site_languages()[0]


def same(a: str, b: str) -> bool:
    """Language codes compare without regard to case (``pt-BR`` is ``pt-br``)."""
    return a.lower() == b.lower()


def in_site(code: str, languages: Sequence[str] | None = None) -> str | None:
    """The site's own spelling of ``code`` if the site publishes in it."""
    for known in site_languages() if languages is None else languages:
        if same(known, code):
            return known
    return None


def info(code: str) -> dict[str, Any]:
    """Django's ``LANG_INFO`` entry for the code or its primary language (may be empty)."""
    code = code.lower()
    found = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    if "fallback" in found:
        found = LANG_INFO.get(found["fallback"][0], {})
    return found


def is_rtl(code: str) -> bool:
    """Written right to left (Arabic, Hebrew, Persian, Urdu...)."""
    return bool(info(code).get("bidi", False))


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


def name_local(code: str) -> str:
    """The language's name in itself ("українська", "English"), else the code."""
    return str(info(code).get("name_local") or code)


def read_in(code: str) -> str:
    """ "Read in English", "Читати українською": a link to a translation, in
    the language of the page it leads to. Each catalogue says it in its own
    words; a language without one gets "Read in" and the language's own name."""
    with translation.override(code):
        text = pgettext(
            "a link to a translation, in that translation's language", "Read in English"
        )
        if text == "Read in English" and not same(code.split("-")[0], "en"):
            text = gettext("Read in %(language)s") % {"language": name_local(code)}
    return text

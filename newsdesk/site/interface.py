"""Which language the interface speaks: the catalogues we ship.

The reader site speaks the site settings' language and the desk each
person's own choice (``desk.middleware``); both come through here, so a
language we have no catalogue for (an outlet publishing in German) shows
the interface in English rather than half in Django's own German.
Catalogues live in ``newsdesk/locale``; ``tests/test_translations.py``
fails when one lacks a string.
"""

from __future__ import annotations

#: The interface languages, each with its name in itself (for the desk's
#: choice); English is the source language and the fallback.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("uk", "Українська"))
FALLBACK = "en"


def interface_language(code: str | None) -> str:
    """The shipped language for ``code``: itself, its primary language
    (``en-GB`` is ``en``, ``uk-UA`` is ``uk``), else English."""
    code = (code or "").strip().lower().replace("_", "-")
    shipped = {known for known, _name in LANGUAGES}
    if code in shipped:
        return code
    primary = code.split("-")[0]
    return primary if primary in shipped else FALLBACK


def is_shipped(code: str) -> bool:
    return code in {known for known, _name in LANGUAGES}

"""Which PostgreSQL text search configuration stems each language.

A document's ``vector`` is built with its article's language's
configuration (``english`` stems "running" to "run"), or ``simple`` (no
stemming) where PostgreSQL ships none, such as Ukrainian. The generated
column chooses it with a ``CASE`` over the document's ``language``, written
by the migration from the configurations the server has (:func:`case_sql`).

A query does not know the language of what it will find, so it is the OR
of the same query under each configuration the site's languages use, plus
``simple`` (:func:`query_configs`): stemmed words find stemmed documents and
plain words the others. SQLite's FTS5 has no stemmer per language (its
``porter`` tokenizer is English only), so there every language is matched
unstemmed, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import connection

from newsdesk.news import languages

#: Language (primary subtag) -> the configuration PostgreSQL ships for it.
CONFIGS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
SIMPLE = "simple"

_known: frozenset[str] | None = None
_lock = threading.Lock()


def available() -> frozenset[str]:
    """The configurations this PostgreSQL server has (read once per process)."""
    global _known
    with _lock:
        if _known is None:
            with connection.cursor() as c:
                c.execute("SELECT cfgname FROM pg_ts_config")
                _known = frozenset(row[0] for row in c.fetchall())
        return _known


def config_for(code: str, known: Iterable[str]) -> str:
    found = CONFIGS.get(code.lower().split("-")[0], SIMPLE)
    return found if found in set(known) else SIMPLE


def case_sql(known: Iterable[str]) -> str:
    """The ``regconfig`` for a row's ``language``, as an immutable expression."""
    known = set(known)
    whens = " ".join(
        f"WHEN '{code}' THEN '{config}'::regconfig"
        for code, config in sorted(CONFIGS.items())
        if config in known
    )
    return f"(CASE lower(split_part(language, '-', 1)) {whens} ELSE 'simple'::regconfig END)"


def query_configs() -> list[str]:
    """``simple`` and the configuration of each of the site's languages."""
    known = available()
    found = [SIMPLE]
    for code in languages.site_languages():
        config = config_for(code, known)
        if config not in found:
            found.append(config)
    return found

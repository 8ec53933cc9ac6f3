"""What a person typed, turned into a safe query for either database.

Nothing the person types reaches FTS5 or PostgreSQL as syntax: the text is
cut into words (letters and digits, diacritics removed), each word or quoted
phrase is written back quoted, and only our own operators join them.

Understood: words (all must match), ``"a phrase"`` (an unclosed quote runs to
the end), ``-word`` or ``NOT word`` (must not match), ``a OR b``. ``AND`` is
the default and ignored; ``NEAR``, ``*``, brackets, colons and the like are
just characters between words. The last word, typed without a space after it,
also matches longer words (type-ahead): "ostr" finds "Ostrel".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import words

MAX_LENGTH = 1000
MAX_TERMS = 16
MAX_WORDS_PER_TERM = 8
MAX_WORD = 64

_CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False

    def fts5(self) -> str:
        # Words are letters, digits and underscores only; quoting them anyway
        # (and doubling any quote) keeps FTS5 from reading them as syntax.
        phrase = '"' + " ".join(self.words).replace('"', '""') + '"'
        return phrase + ("*" if self.prefix else "")

    def websearch(self) -> str:
        return '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class Parsed:
    #: All of these must match; each is a choice of terms (``a OR b``).
    required: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    words: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.required)

    @property
    def prefix(self) -> Term | None:
        last = self.required[-1] if self.required else ()
        return last[0] if len(last) == 1 and last[0].prefix else None

    def fts5(self) -> str:
        """An FTS5 MATCH expression built from quoted terms only."""
        if not self.required:  # FTS5 has no "everything but": nothing to match
            return ""
        clauses = ["(" + " OR ".join(t.fts5() for t in choice) + ")" for choice in self.required]
        expression = " AND ".join(clauses)
        if self.excluded:
            expression += " NOT (" + " OR ".join(t.fts5() for t in self.excluded) + ")"
        return expression

    def websearch(self) -> str:
        """Text for ``websearch_to_tsquery``, without the type-ahead term."""
        parts = [
            " or ".join(t.websearch() for t in choice)
            for choice in self.required
            if not (len(choice) == 1 and choice[0].prefix)
        ]
        parts += ["-" + t.websearch() for t in self.excluded]
        return " ".join(parts)


def parse(text: str) -> Parsed:
    """Read a query; never fails. Empty (nothing to search for) is falsy."""
    text = text[:MAX_LENGTH]
    required: list[list[Term]] = []
    excluded: list[Term] = []
    negate = join = False
    chunks = list(_CHUNK.finditer(text))
    for index, chunk in enumerate(chunks):
        minus, quoted, bare = chunk.group(1), chunk.group(2), chunk.group(3)
        if bare in ("AND", "NEAR"):
            continue
        if bare == "NOT":
            negate = True
            continue
        if bare == "OR":
            join = bool(required)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        found = [w[:MAX_WORD] for w in words(quoted if quoted is not None else bare or "")]
        if not found:
            continue
        last = index == len(chunks) - 1 and not text[chunk.end() :].strip()
        prefix = (
            bare is not None
            and last
            and not text.endswith((" ", "\t", "\n"))
            and len(found) == 1
            and len(found[0]) >= 2
            and not (negate or minus)
            and not join
        )
        term = Term(tuple(found[:MAX_WORDS_PER_TERM]), prefix=prefix)
        if negate or minus:
            excluded.append(term)
        elif join:
            required[-1].append(term)
        else:
            required.append([term])
        negate = join = False
        if len(required) + len(excluded) >= MAX_TERMS:
            break
    seen = frozenset(w for choice in required for t in choice for w in t.words)
    return Parsed(tuple(tuple(c) for c in required), tuple(excluded), seen)

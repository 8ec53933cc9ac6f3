# SQL here is assembled from constants and table names only; every value a
# person typed travels as a query parameter (see query.py for how it is made
# safe for FTS5 and websearch_to_tsquery).
# ruff: noqa: S608, S611
"""Queries on the index: ranked pages for readers, matching ids for lists,
similar articles for "Read more".

Ranking (docs/search.md): ``score = relevance x (1 + H / (H + age))``,
where relevance is BM25 on SQLite (columns weighted 10, 4, 1, 0.8, 0.6, 0.5)
or ``ts_rank_cd`` on PostgreSQL (weights A-D 1.0, 0.4, 0.2, 0.1), ``age``
is the seconds since publication and ``H`` three days: an update of today
counts twice an old one of the same relevance, one of three days ago 1.5
times.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from newsdesk.news.models import Article, ArticleAuthor

from . import stemming
from .query import Parsed, Term
from .text import words

HALF = 3 * 86400  # H: seconds after which recency has given half its boost
BM25_WEIGHTS = "10.0, 4.0, 1.0, 0.8, 0.6, 0.5"
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A
_CURSOR = re.compile(r"^(\d+(?:\.\d+)?(?:e-?\d+)?)_(\d{1,19})_(\d{1,12})$")


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the last score and id, and the "now" the
    scores were computed at, so every page ranks alike."""

    score: float
    id: int
    now: int

    def encode(self) -> str:
        return f"{self.score!r}_{self.id}_{self.now}"

    @classmethod
    def decode(cls, raw: str) -> Cursor:
        match = _CURSOR.match(raw)
        if not match:
            raise BadCursor(raw)
        score, pk, now = float(match.group(1)), int(match.group(2)), int(match.group(3))
        if not math.isfinite(score) or pk > 2**63 - 1:
            raise BadCursor(raw)
        return cls(score, pk, now)


@dataclass
class Filters:
    tag_id: int | None = None
    author_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _match(parsed: Parsed) -> tuple[str, list[Any]]:
    """The condition on ``d`` (search_document) and its parameters."""
    if _postgres():
        return f"d.vector @@ {_tsquery(parsed)[0]}", _tsquery(parsed)[1]
    return (
        "d.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
        [parsed.fts5()],
    )


def _tsquery(parsed: Parsed) -> tuple[str, list[Any]]:
    """The query under each configuration in use, ORed (``stemming``)."""
    alternatives, params = [], []
    for config in stemming.query_configs():
        parts = []
        text = parsed.websearch()
        if text:
            parts.append(f"websearch_to_tsquery('{config}', %s)")
            params.append(text)
        prefix = parsed.prefix
        if prefix is not None:
            # One word of letters and digits: nothing in it is tsquery syntax.
            parts.append(f"to_tsquery('{config}', %s)")
            params.append(prefix.words[0] + ":*")
        alternatives.append("(" + " && ".join(parts) + ")")
    return "(" + " || ".join(alternatives) + ")", params


def matching(parsed: Parsed, *, public_only: bool) -> RawSQL:
    """Ids of the matching articles, for ``filter(pk__in=...)``."""
    condition, params = _match(parsed)
    public = " AND d.public" if public_only else ""
    return RawSQL(f"SELECT d.article_id FROM search_document d WHERE {condition}{public}", params)


def _filters(filters: Filters) -> tuple[str, list[Any]]:
    sql, params = "", []
    if filters.tag_id is not None:
        through = Article.tags.through._meta.db_table
        sql += f" AND d.article_id IN (SELECT article_id FROM {through} WHERE tag_id = %s)"
        params.append(filters.tag_id)
    if filters.author_id is not None:
        bylines = ArticleAuthor._meta.db_table
        sql += f" AND d.article_id IN (SELECT article_id FROM {bylines} WHERE author_id = %s)"
        params.append(filters.author_id)
    if filters.since is not None:
        sql += " AND d.stamp >= %s"
        params.append(int(filters.since.timestamp()))
    if filters.until is not None:
        sql += " AND d.stamp < %s"
        params.append(int(filters.until.timestamp()))
    return sql, params


def _ranked_sql(parsed: Parsed, now: int) -> tuple[str, list[Any]]:
    """FROM ... WHERE for the ranked queries, selecting article_id, stamp, score."""
    if _postgres():
        tsquery, params = _tsquery(parsed)
        sql = (
            "SELECT d.article_id, d.stamp, CAST("
            f"ts_rank_cd('{PG_WEIGHTS}', d.vector, q.query) AS double precision)"
            " * (1.0 + %s / (%s + GREATEST(%s - d.stamp, 0))) AS score"
            f" FROM search_document d, (SELECT {tsquery} AS query) q"
            " WHERE d.vector @@ q.query"
        )
        return sql, [float(HALF), float(HALF), now, *params]
    sql = (
        f"SELECT d.article_id, d.stamp, (-bm25(search_fts, {BM25_WEIGHTS}))"
        " * (1.0 + %s / (%s + MAX(%s - d.stamp, 0))) AS score"
        " FROM search_fts JOIN search_document d ON d.article_id = search_fts.rowid"
        " WHERE search_fts MATCH %s"
    )
    return sql, [float(HALF), float(HALF), now, parsed.fts5()]


def ranked(
    parsed: Parsed,
    filters: Filters,
    cursor: Cursor | None,
    size: int,
    *,
    exclude: int | None = None,
    now: int | None = None,
) -> tuple[list[int], Cursor | None]:
    """One page of public matches, best first, and the cursor for the next."""
    if now is None:
        now = cursor.now if cursor is not None else int(timezone.now().timestamp())
    inner, params = _ranked_sql(parsed, now)
    extra, extra_params = _filters(filters)
    inner += " AND d.public" + extra
    params += extra_params
    if exclude is not None:
        inner += " AND d.article_id <> %s"
        params.append(exclude)
    sql = f"SELECT article_id, score FROM ({inner}) ranked"
    if cursor is not None:
        sql += " WHERE score < %s OR (score = %s AND article_id < %s)"
        params += [cursor.score, cursor.score, cursor.id]
    sql += " ORDER BY score DESC, article_id DESC LIMIT %s"
    params.append(size + 1)
    with connection.cursor() as db:
        db.execute(sql, params)
        rows = [(int(pk), float(score)) for pk, score in db.fetchall()]
    if len(rows) <= size:
        return [pk for pk, _ in rows], None
    rows = rows[:size]
    return [pk for pk, _ in rows], Cursor(rows[-1][1], rows[-1][0], now)


#: Words too common to say what an update is about (the index's languages
#: vary; these are the commonest long English ones).
STOPWORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "been",
        "before",
        "being",
        "between",
        "could",
        "does",
        "during",
        "from",
        "have",
        "here",
        "into",
        "more",
        "most",
        "other",
        "over",
        "said",
        "says",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "update",
        "updates",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
    ]
)
SIMILAR_WORDS = 8


def similar(article: Article, size: int) -> list[int]:
    """Published updates from before this one that share its words or tags,
    best first; never the article itself. Only earlier updates are asked, so
    the choice does not move each time something new is published."""
    if article.published_at is None:
        return []
    seen: list[str] = []
    for text in [article.headline, *(t.name for t in article.tags.all()), article.lede]:
        for word in words(text):
            if len(word) >= 4 and word not in STOPWORDS and not word.isdigit() and word not in seen:
                seen.append(word)
    if not seen:
        return []
    terms = tuple(Term((w,)) for w in seen[:SIMILAR_WORDS])
    parsed = Parsed((terms,), (), frozenset(seen))
    when = article.published_at
    # The index keeps whole seconds: "until" the next one, and never itself.
    until = Filters(until=when + timedelta(seconds=1))
    ids, _ = ranked(parsed, until, None, size, exclude=article.pk, now=int(when.timestamp()))
    return ids

"""Keeping the index: the outbox hands every event here inside the change's
transaction, so the index is always exactly as current as the articles.

An article event rewrites that article's document (drafts too: the desk
searches every status, readers only ``public`` ones). A renamed tag or
author rewrites the documents of their articles.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db.models import Prefetch

from newsdesk.news.models import Article, ArticleAuthor, Event, Tag

from .models import Document
from .text import fold, plain

log = logging.getLogger(__name__)

BATCH = 500


def keep(event: Event) -> None:
    """The hook ``news.outbox`` calls for each event before its transaction commits."""
    if event.article_id is not None:
        reindex([event.article_id])
        return
    if event.type in (Event.Type.TAG_UPDATED, Event.Type.TAG_MERGED):
        through = Article.tags.through.objects
        reindex(through.filter(tag_id=event.payload["id"]).values_list("article_id", flat=True))
    elif event.type == Event.Type.AUTHOR_UPDATED:
        bylines = ArticleAuthor.objects.filter(author_id=event.payload["id"])
        reindex(bylines.values_list("article_id", flat=True))


def document(article: Article) -> Document:
    when = article.published_at or article.modified_at
    return Document(
        article_id=article.pk,
        public=article.status == Article.Status.PUBLISHED,
        stamp=int(when.timestamp()) if when else 0,
        headline=fold(article.headline),
        lede=fold(article.lede),
        body=fold(plain(article.body_html)),
        tags=fold(" ".join(t.name for t in article.tags.all())),
        authors=fold(" ".join(b.author.name for b in article.bylines.all())),
        outlets=fold(" ".join(s.outlet for s in article.sources.all())),
        language=article.language,
    )


def reindex(ids: Iterable[int]) -> int:
    """Write the documents of these articles again; returns how many."""
    pending = list(dict.fromkeys(ids))
    done = 0
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        articles = Article.objects.filter(pk__in=chunk).prefetch_related(
            Prefetch("tags", queryset=Tag.objects.only("id", "name")),
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author")),
            "sources",
        )
        # Delete and insert: the triggers (SQLite) and the generated column
        # (PostgreSQL) keep the text index from these rows.
        Document.objects.filter(article_id__in=chunk).delete()
        done += len(Document.objects.bulk_create([document(a) for a in articles]))
    if len(pending) > BATCH:
        log.info("search.reindexed", extra={"articles": done})
    return done

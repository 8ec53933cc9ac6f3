"""One search document per article: the text the index holds, already folded.

On SQLite the FTS5 table ``search_fts`` takes its content from this table
(external content) and triggers keep it in step; on PostgreSQL a stored,
generated ``vector`` column with a GIN index does. Both are created by the
migration for the database in use; Django's model knows neither.
"""

from __future__ import annotations

from django.db import models

from newsdesk.news.models import Article


class Document(models.Model):
    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    #: Published now: the only documents readers and the Content API search.
    public = models.BooleanField(default=False)
    #: Unix seconds of publication (of the last change for the unpublished):
    #: recency for ranking and the date filters, without a join.
    stamp = models.BigIntegerField(default=0)
    headline = models.TextField(default="")
    lede = models.TextField(default="")
    body = models.TextField(default="")
    tags = models.TextField(default="")
    authors = models.TextField(default="")
    outlets = models.TextField(default="")
    #: The article's language: on PostgreSQL, which stemmer builds ``vector``
    #: (``stemming.py``).
    language = models.CharField(max_length=16, default="")

    class Meta:
        db_table = "search_document"
        indexes = [models.Index(fields=["public", "-stamp"], name="search_document_recent")]

    def __str__(self) -> str:
        return f"search document {self.pk}"

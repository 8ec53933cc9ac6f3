"""The search documents, and the text index for the database in use."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models

FIELDS = "headline, lede, body, tags, authors, outlets"
NEW = ", ".join(f"new.{f.strip()}" for f in FIELDS.split(","))
OLD = ", ".join(f"old.{f.strip()}" for f in FIELDS.split(","))

SQLITE = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5({FIELDS},
        content='search_document', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    f"""CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, {FIELDS}) VALUES (new.article_id, {NEW}); END""",
    f"""CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, {FIELDS})
        VALUES ('delete', old.article_id, {OLD}); END""",
    f"""CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, {FIELDS})
        VALUES ('delete', old.article_id, {OLD});
        INSERT INTO search_fts(rowid, {FIELDS}) VALUES (new.article_id, {NEW}); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]
# Weights A-D: headline, lede, body, then tags, authors and outlets together.
POSTGRES = [
    """ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, headline), 'A')
        || setweight(to_tsvector('simple'::regconfig, lede), 'B')
        || setweight(to_tsvector('simple'::regconfig, body), 'C')
        || setweight(to_tsvector('simple'::regconfig,
                                 tags || ' ' || authors || ' ' || outlets), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def backfill(apps: Any, schema_editor: Any) -> None:
    # The current code, not the historical models: the document is built by
    # exactly the function that keeps it afterwards.
    from newsdesk.news.models import Article
    from newsdesk.search.index import reindex

    reindex(Article.objects.values_list("pk", flat=True).iterator())


class Migration(migrations.Migration):
    initial = True

    dependencies = [("news", "0008_desk_list_index")]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="news.article",
                    ),
                ),
                ("public", models.BooleanField(default=False)),
                ("stamp", models.BigIntegerField(default=0)),
                ("headline", models.TextField(default="")),
                ("lede", models.TextField(default="")),
                ("body", models.TextField(default="")),
                ("tags", models.TextField(default="")),
                ("authors", models.TextField(default="")),
                ("outlets", models.TextField(default="")),
            ],
            options={
                "db_table": "search_document",
                "indexes": [
                    models.Index(fields=["public", "-stamp"], name="search_document_recent")
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]

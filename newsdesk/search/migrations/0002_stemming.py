"""Each document's vector stemmed in its article's language (PostgreSQL).

The generated column is dropped and made again with the configuration each
row's ``language`` names (``stemming.case_sql``), among those this server
has. On SQLite, adding the column makes the table again, which drops the
triggers that keep FTS5 in step: they are made again and FTS5 rebuilt.
"""

from importlib import import_module
from typing import Any

from django.db import migrations, models

from newsdesk.search.stemming import case_sql


def _vector(config: str) -> str:
    return (
        "ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector({config}, headline), 'A')"
        f" || setweight(to_tsvector({config}, lede), 'B')"
        f" || setweight(to_tsvector({config}, body), 'C')"
        f" || setweight(to_tsvector({config}, tags || ' ' || authors || ' ' || outlets), 'D')"
        ") STORED"
    )


def _rebuild(config: Any) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT cfgname FROM pg_ts_config")
            known = {row[0] for row in cursor.fetchall()}
        for statement in (
            "DROP INDEX IF EXISTS search_document_vector",
            "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
            _vector(config(known)),
            "CREATE INDEX search_document_vector ON search_document USING gin (vector)",
        ):
            schema_editor.execute(statement)

    return run


def _triggers(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    initial = import_module("newsdesk.search.migrations.0001_initial")
    for statement in initial.SQLITE_DROP[:3]:  # the triggers, if any survived
        schema_editor.execute(statement)
    for statement in initial.SQLITE[1:]:  # the triggers, not the FTS5 table
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def languages(apps: Any, schema_editor: Any) -> None:
    Document = apps.get_model("search", "Document")
    Article = apps.get_model("news", "Article")
    for language in Article.objects.values_list("language", flat=True).distinct():
        Document.objects.filter(article__language=language).update(language=language)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("news", "0010_translations")]

    operations = [
        # Undone last: the triggers again after the column's removal made the table again.
        migrations.RunPython(migrations.RunPython.noop, _triggers),
        migrations.AddField(
            model_name="document",
            name="language",
            field=models.CharField(default="", max_length=16),
        ),
        migrations.RunPython(_triggers, _triggers),
        migrations.RunPython(languages, migrations.RunPython.noop),
        migrations.RunPython(
            _rebuild(case_sql), _rebuild(lambda known: "'simple'::regconfig")
        ),
    ]

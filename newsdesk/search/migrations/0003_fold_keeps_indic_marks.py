"""Vowel signs are letters of their word in the index, as in ``text.fold``.

SQLite's ``unicode61`` tokenizer takes combining marks for separators, so
"दिन" and "दीन" were both the tokens "द" and "न". The FTS5 table is made
again with the marks of the scripts from Devanagari on as token characters
(accents and points of Latin, Greek, Hebrew, Arabic... still fold away),
and every document is written again with the new ``fold``.
"""

import unicodedata
from importlib import import_module
from typing import Any

from django.db import migrations

#: Combining marks from U+0900 on (Indic, Thai, Tibetan, Khmer, kana...).
MARKS = "".join(
    chr(c) for c in range(0x0900, 0x10000) if unicodedata.category(chr(c)).startswith("M")
)


def _table(tokenize: str) -> list[str]:
    initial = import_module("newsdesk.search.migrations.0001_initial")
    return [
        *initial.SQLITE_DROP,
        f"""CREATE VIRTUAL TABLE search_fts USING fts5({initial.FIELDS},
            content='search_document', content_rowid='article_id',
            tokenize="{tokenize}", prefix='2 3')""",
        *initial.SQLITE[1:],  # the triggers
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def _remake(tokenize: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for statement in _table(tokenize):
                schema_editor.execute(statement)

    return run


def refold(apps: Any, schema_editor: Any) -> None:
    # The current code, as in 0001: the document is built by exactly the
    # function that keeps it afterwards.
    from newsdesk.news.models import Article
    from newsdesk.search.index import reindex

    reindex(Article.objects.values_list("pk", flat=True).iterator())


class Migration(migrations.Migration):
    dependencies = [("search", "0002_stemming")]

    operations = [
        migrations.RunPython(
            _remake(f"unicode61 remove_diacritics 2 tokenchars '{MARKS}'"),
            _remake("unicode61 remove_diacritics 2"),
        ),
        migrations.RunPython(refold, migrations.RunPython.noop),
    ]

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Q

from newsdesk.news import actions
from newsdesk.news.models import ArticleSource, Author


def parse_source(raw: str) -> actions.SourceInput:
    """``"Outlet|URL|as quoted by"``; URL and the quote style are optional."""
    parts = [p.strip() for p in raw.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise CommandError(
            f'--source "{raw}" must look like "Outlet|URL|as quoted by" '
            "(URL and the quote style may be left out)."
        )
    outlet = parts[0]
    url = parts[1] if len(parts) > 1 else ""
    style = parts[2] if len(parts) > 2 and parts[2] else ArticleSource.QuoteStyle.AS_QUOTED_BY
    return actions.SourceInput(outlet=outlet, url=url, quote_style=style)


def find_author(value: str) -> Author:
    author = Author.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
    if author is None:
        known = ", ".join(Author.objects.values_list("slug", flat=True)[:20]) or "none yet"
        raise CommandError(f'No author "{value}". Use an author\'s slug or name ({known}).')
    return author


def format_errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        lines = [f"{field}: {msg}" for field, msgs in error.message_dict.items() for msg in msgs]
    else:
        lines = list(error.messages)
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Publish an update now through the same action the desk uses; prints its URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--headline", required=True)
        parser.add_argument("--lede", default="")
        parser.add_argument("--body", metavar="FILE", help="Markdown file, or - for stdin.")
        parser.add_argument("--tag", action="append", default=[], dest="tags")
        parser.add_argument("--author", action="append", default=[], dest="authors")
        parser.add_argument(
            "--source",
            action="append",
            default=[],
            dest="sources",
            metavar='"Outlet|URL|as quoted by"',
        )
        parser.add_argument("--breaking", action="store_true")
        parser.add_argument("--language", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        body = ""
        if options["body"] == "-":
            body = sys.stdin.read()
        elif options["body"]:
            try:
                body = Path(options["body"]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read the body from {options['body']}: {exc}") from exc
        authors = [find_author(a) for a in options["authors"]]
        sources = [parse_source(s) for s in options["sources"]]
        try:
            with transaction.atomic():
                article = actions.create_draft(
                    headline=options["headline"],
                    lede=options["lede"],
                    body=body,
                    tags=options["tags"],
                    authors=authors,
                    sources=sources,
                    is_breaking=options["breaking"],
                    language=options["language"],
                )
                article = actions.publish(article)
        except ValidationError as exc:
            raise CommandError("Not published:\n" + format_errors(exc)) from exc
        self.stdout.write(settings.NEWSDESK_SITE_URL + article.get_absolute_url())

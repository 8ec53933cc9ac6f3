from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from newsdesk.news import actions

from ..arguments import (
    acting_as,
    add_as,
    find_author,
    parse_source,
    read_body,
    refusals,
    refuse_undecodable,
)


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
        add_as(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_undecodable(options)
        user = acting_as(options["as_user"])
        body = read_body(options["body"]) or ""
        authors = [find_author(a) for a in options["authors"]]
        sources = [parse_source(s) for s in options["sources"]]
        with refusals("Not published:\n"), transaction.atomic():
            article = actions.create_draft(
                headline=options["headline"],
                lede=options["lede"],
                body=body,
                tags=options["tags"],
                authors=authors,
                sources=sources,
                is_breaking=options["breaking"],
                language=options["language"],
                user=user,
            )
            article = actions.publish(article, user=user)
        self.stdout.write(settings.NEWSDESK_SITE_URL + article.get_absolute_url())

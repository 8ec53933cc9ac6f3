from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from newsdesk.news import actions

from ..arguments import (
    acting_as,
    add_as,
    add_new_article,
    find_author,
    parse_source,
    read_body,
    refusals,
    refuse_undecodable,
)


class Command(BaseCommand):
    help = "Publish an update now through the same action the desk uses; prints its URL."

    def add_arguments(self, parser: CommandParser) -> None:
        add_new_article(parser)
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

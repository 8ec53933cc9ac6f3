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
    new_article,
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
        with refusals("Not published:\n"), transaction.atomic():
            article = actions.publish(new_article(options, user), user=user)
        self.stdout.write(settings.NEWSDESK_SITE_URL + article.get_absolute_url())

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from newsdesk.news import demo
from newsdesk.news.models import Article


class Command(BaseCommand):
    help = "Load the demo newsroom (once) and print the desk login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Load even if articles already exist."
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if Article.objects.exists() and not force:
            self.stdout.write("Demo content is already loaded; leaving it as it is.")
        else:
            count = demo.load()
            self.stdout.write(f"Loaded {count} demo updates.")
        username, password = demo.desk_login()
        self.stdout.write(
            f"Desk login: {username} / {password}  ({settings.NEWSDESK_SITE_URL}/desk/)"
        )

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from newsdesk.news import outbox


class Command(BaseCommand):
    help = "Delete outbox events older than the retention window."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default NEWSDESK_EVENT_RETENTION_DAYS).",
        )

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        keep = days if days is not None else settings.NEWSDESK_EVENT_RETENTION_DAYS
        deleted = outbox.prune(timezone.now() - timedelta(days=keep))
        self.stdout.write(
            f"Pruned {deleted} events older than {keep} days (horizon #{outbox.pruned_through()})."
        )

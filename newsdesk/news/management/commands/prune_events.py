"""``newsdesk prune_events [--days N]``: drop outbox events older than N days.

Readers resume live streams, and the worker plans deliveries, from these
events, so the command keeps at least a day of them: a negative, zero or
absurdly large ``--days`` is refused before anything is deleted.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from newsdesk.news import outbox

#: The fewest days kept: a reader away overnight still resumes where they left.
MIN_DAYS = 1
#: The most: NEWSDESK_EVENT_RETENTION_DAYS's own ceiling (ten years).
MAX_DAYS = 3650


class Command(BaseCommand):
    help = "Delete outbox events older than the retention window."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                f"Keep this many days, {MIN_DAYS} to {MAX_DAYS} "
                "(default NEWSDESK_EVENT_RETENTION_DAYS)."
            ),
        )

    def handle(self, *args: Any, days: int | None, **options: Any) -> None:
        keep = days if days is not None else settings.NEWSDESK_EVENT_RETENTION_DAYS
        if keep < MIN_DAYS:
            raise CommandError(
                f"--days must be at least {MIN_DAYS} (got {keep}): readers resume live "
                "streams from the last day's events, and fewer days would delete them. "
                "Nothing was deleted."
            )
        if keep > MAX_DAYS:
            raise CommandError(
                f"--days can be at most {MAX_DAYS}, ten years (got {keep}). Nothing was deleted."
            )
        deleted = outbox.prune(timezone.now() - timedelta(days=keep))
        self.stdout.write(
            f"Pruned {deleted} events older than {keep} days (horizon #{outbox.pruned_through()})."
        )

"""``newsdesk import newsdesk DIR``: bring an export in (admins only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.news.management.arguments import acting_as, add_as
from newsdesk.server.transfer import TransferError, import_export


class Command(BaseCommand):
    help = (
        "Import a folder made by `newsdesk export --format newsdesk`. Safe to run again after "
        "an interruption: what is there already is found by its slug and left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=["newsdesk"])
        parser.add_argument("directory", metavar="DIR", type=Path)
        add_as(parser)

    def handle(self, *args: Any, directory: Path, as_user: str | None, **options: Any) -> None:
        user = acting_as(as_user)
        try:
            done = import_export(directory, user)
        except PermissionDenied as exc:
            raise CommandError(f"Not imported: {exc}") from exc
        except (TransferError, OSError) as exc:
            raise CommandError(f"Not imported: {exc}") from exc
        self.stdout.write(
            f"Imported {done.articles} articles, {done.authors} authors and {done.tags} tags; "
            f"{done.skipped} articles were there already."
        )

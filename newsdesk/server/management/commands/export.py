"""``newsdesk export --format newsdesk DIR``: the whole newsroom, to move or keep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.server.transfer import TransferError, export


class Command(BaseCommand):
    help = (
        "Export every article (with its revisions and corrections), author, tag and image "
        "into a new folder DIR, in newsdesk's own format (`newsdesk import newsdesk DIR` "
        "reads it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR", type=Path)
        parser.add_argument("--format", choices=["newsdesk"], default="newsdesk")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            counts = export(directory)
        except (TransferError, OSError) as exc:
            raise CommandError(f"Not exported: {exc}") from exc
        self.stdout.write(
            f"{directory}: {counts['articles']} articles, {counts['authors']} authors, "
            f"{counts['tags']} tags, {counts['images']} images."
        )

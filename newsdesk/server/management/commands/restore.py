"""``newsdesk restore FOLDER``: put a backup back (stop the site first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.server.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a folder made by `newsdesk backup` into the configured database and media "
        "folder. Stop the web and worker processes first. Restores into an empty database "
        "only, and refuses a damaged or partial backup."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", metavar="FOLDER", type=Path)

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            manifest = restore(folder)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Not restored: {exc}") from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {manifest['articles']} articles, "
            f"through event {manifest['newest_event']}."
        )

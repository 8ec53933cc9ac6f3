"""``newsdesk restore FOLDER``: put a backup back (stop the site first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.server.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a folder made by `newsdesk backup` into the configured database and media "
        "folder. Stop the web and worker processes first. Refuses a database that holds "
        "articles unless --replace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", metavar="FOLDER", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database that already holds articles.",
        )

    def handle(self, *args: Any, folder: Path, replace: bool, **options: Any) -> None:
        try:
            manifest = restore(folder, replace=replace)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Not restored: {exc}") from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {manifest['articles']} articles, "
            f"through event {manifest['newest_event']}."
        )

"""``newsdesk backup DIR``: a consistent backup of the database and media."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.server.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (a consistent snapshot, safe while the site serves) and the "
        "media folder into a new folder under DIR; prints its path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", metavar="DIR", type=Path)
        parser.add_argument("--no-media", action="store_true", help="Leave the media folder out.")

    def handle(self, *args: Any, directory: Path, no_media: bool, **options: Any) -> None:
        try:
            done = backup(directory, media=not no_media)
        except (BackupError, OSError) as exc:
            raise CommandError(f"No backup was made: {exc}") from exc
        m = done.manifest
        self.stdout.write(
            f"{done.path}\n{m['database']}: {m['articles']} articles, {m['authors']} authors, "
            f"{m['tags']} tags, through event {m['newest_event']}; {len(m['files'])} files checked."
        )

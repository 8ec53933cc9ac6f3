"""``newsdesk export --format newsdesk|wordpress|ghost PATH``: the whole
newsroom, to move or keep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.server.formats import export_ghost, export_wordpress
from newsdesk.server.transfer import TransferError, export


class Command(BaseCommand):
    help = (
        "Export the newsroom. --format newsdesk (the default) writes every article with its "
        "revisions and corrections, author, tag and image into a new folder PATH (`newsdesk "
        "import newsdesk PATH` reads it); wordpress writes a WXR file PATH for WordPress's "
        "importer; ghost writes the JSON file PATH for Ghost's importer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="PATH", type=Path)
        parser.add_argument(
            "--format", dest="kind", choices=["newsdesk", "wordpress", "ghost"], default="newsdesk"
        )

    def handle(self, *args: Any, path: Path, kind: str, **options: Any) -> None:
        if kind != "newsdesk":
            if path.exists():
                raise CommandError(f"Not exported: {path} exists already.")
            count = (export_wordpress if kind == "wordpress" else export_ghost)(path)
            self.stdout.write(f"{path}: {count} articles.")
            return
        try:
            counts = export(path)
        except (TransferError, OSError) as exc:
            raise CommandError(f"Not exported: {exc}") from exc
        self.stdout.write(
            f"{path}: {counts['articles']} articles, {counts['authors']} authors, "
            f"{counts['tags']} tags, {counts['images']} images."
        )

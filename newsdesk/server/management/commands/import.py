"""``newsdesk import newsdesk DIR``, ``newsdesk import wordpress FILE`` and
``newsdesk import ghost FILE``: bring an archive in (admins only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.news.management.arguments import acting_as, add_as
from newsdesk.server.ghost import GhostError, import_ghost
from newsdesk.server.transfer import TransferError, import_export
from newsdesk.server.wordpress import WordPressError, import_wordpress, progress_bar


class Command(BaseCommand):
    help = (
        "Import a folder made by `newsdesk export --format newsdesk`, a WordPress export "
        "(WXR) or a Ghost export (JSON). Safe to run again after an interruption: what is "
        "there already is found by its slug and left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=["newsdesk", "wordpress", "ghost"])
        parser.add_argument("path", metavar="PATH", type=Path)
        parser.add_argument(
            "--uploads",
            type=Path,
            help="WordPress: the wp-content/uploads folder, for featured images (never fetched).",
        )
        parser.add_argument(
            "--images",
            type=Path,
            help="Ghost: the content/images folder, for feature images and avatars "
            "(never fetched).",
        )
        add_as(parser)

    def handle(
        self, *args: Any, format: str, path: Path, uploads: Path | None, images: Path | None,
        as_user: str | None, **options: Any,
    ) -> None:  # fmt: skip
        user = acting_as(as_user)
        try:
            if format in ("wordpress", "ghost"):
                if format == "wordpress":
                    summary = import_wordpress(path, user, uploads=uploads, progress=progress_bar())
                    self.stderr.write("")
                else:
                    summary = import_ghost(path, user, images=images)
                skipped = "; ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items()))
                self.stdout.write(
                    f"Imported {summary.imported} articles, {summary.authors} authors and "
                    f"{summary.tags} tags; {summary.found} articles were there already; "
                    f"{summary.redirects} old addresses redirect."
                    + (f"\nSkipped: {skipped}." if skipped else "")
                )
                return
            done = import_export(path, user)
        except PermissionDenied as exc:
            raise CommandError(f"Not imported: {exc}") from exc
        except (TransferError, WordPressError, GhostError, OSError) as exc:
            raise CommandError(f"Not imported: {exc}") from exc
        self.stdout.write(
            f"Imported {done.articles} articles, {done.authors} authors and {done.tags} tags; "
            f"{done.skipped} articles were there already."
        )

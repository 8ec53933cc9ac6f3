"""``newsdesk site show|set``: the site settings, through their action."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from newsdesk.news.management.arguments import (
    acting_as,
    add_as,
    find_author,
    refusals,
    refuse_undecodable,
)

from ...actions import settings_row, update_settings

TEXT = ("site_name", "description", "contact_line", "time_zone", "language", "languages")


class Command(BaseCommand):
    help = "Show or change the site settings (admins)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("show", help="The settings as saved.")
        change = commands.add_parser("set", help="Change some settings.")
        for name in TEXT:
            change.add_argument("--" + name.replace("_", "-"))
        change.add_argument("--default-author", metavar="SLUG", help="'' for none.")
        change.add_argument(
            "--require-admin-second-factor", choices=["yes", "no"], help="Admins need TOTP."
        )
        change.add_argument(
            "--wire-sources-editors-only", choices=["yes", "no"], help="Only editors add sources."
        )
        change.add_argument(
            "--tips-retention-days", type=int, metavar="DAYS", help="Days tips are kept."
        )
        add_as(change)

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        refuse_undecodable(options)
        if command == "set":
            changes: dict[str, Any] = {k: options[k] for k in TEXT if options[k] is not None}
            if options["default_author"] is not None:
                slug = options["default_author"]
                changes["default_author"] = find_author(slug) if slug else None
            for flag in ("require_admin_second_factor", "wire_sources_editors_only"):
                if options[flag] is not None:
                    changes[flag] = options[flag] == "yes"
            if options["tips_retention_days"] is not None:
                changes["tips_retention_days"] = options["tips_retention_days"]
            with refusals():
                update_settings(user=acting_as(options["as_user"]), **changes)
        row = settings_row()
        flags = ("require_admin_second_factor", "wire_sources_editors_only")
        for name in (*TEXT, "default_author", *flags, "tips_retention_days"):
            value = getattr(row, name)
            self.stdout.write(f"{name}: {'' if value is None else value}")

"""``newsdesk author list|add|edit``: the newsroom's authors, through their actions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.news import actions
from newsdesk.news.models import Author

from ..arguments import (
    acting_as,
    add_as,
    find_account,
    find_author,
    refusals,
    refuse_undecodable,
)

FIELDS = ("name", "slug", "bio", "contact", "email", "signal", "website")


def _fields(parser: CommandParser) -> None:
    for name in FIELDS[1:]:
        parser.add_argument(f"--{name}")
    parser.add_argument("--account", metavar="USERNAME", help="The desk account this author is.")
    add_as(parser)


class Command(BaseCommand):
    help = "List, add and edit authors (the people on bylines and their cards)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help="Every author with their slug and account.")
        add = commands.add_parser("add", help="Add an author.")
        add.add_argument("name")
        _fields(add)
        edit = commands.add_parser("edit", help="Change an author (a new slug keeps the old URL).")
        edit.add_argument("author", help="The author's slug or name.")
        edit.add_argument("--name")
        _fields(edit)
        edit.add_argument("--no-account", action="store_true", help="Unlink the account.")

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        refuse_undecodable(options)
        if command == "list":
            for author in Author.objects.select_related("user").order_by("name"):
                account = author.user.get_username() if author.user else "-"
                self.stdout.write(f"{author.slug}\t{author.name}\t{account}")
            return
        user = acting_as(options["as_user"])
        changes = {k: options[k] for k in FIELDS if options.get(k) is not None}
        if options.get("account") is not None:
            changes["account"] = find_account(options["account"])
        if options.get("no_account"):
            changes["account"] = None
        with refusals():
            if command == "add":
                changes["name"] = options["name"]
                author = actions.create_author(user=user, **changes)
                self.stdout.write(f"Added {author.name} ({author.get_absolute_url()}).")
            else:
                if not changes:
                    raise CommandError("Name at least one field to change, e.g. --bio.")
                author = actions.update_author(find_author(options["author"]), user=user, **changes)
                self.stdout.write(f"Saved {author.name} ({author.get_absolute_url()}).")

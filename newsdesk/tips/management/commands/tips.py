"""``newsdesk tips newkey|readers|grant|revoke|prune|reseal``: the tip line's key,
who may read tips, and the retention pass by hand. Grants go through
``tips.actions.set_reader`` (admins; audited) like the desk's readers page."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from newsdesk.news.management.arguments import acting_as, add_as, find_account, refusals

from ...actions import prune, readers, reseal_all, set_reader
from ...crypto import new_key


class Command(BaseCommand):
    help = "The tip line: make a key, list or change who may read tips, delete expired tips."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("newkey", help="Print a new key for NEWSDESK_TIPS_KEY.")
        commands.add_parser("readers", help="Everyone who may read tips.")
        for name, text in (("grant", "May read tips."), ("revoke", "May no longer read tips.")):
            change = commands.add_parser(name, help=text)
            change.add_argument("username")
            add_as(change)
        commands.add_parser("prune", help="Delete tips older than the site's retention period.")
        commands.add_parser(
            "reseal", help="Seal every tip again with the first key of NEWSDESK_TIPS_KEY."
        )

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        if command == "newkey":
            self.stdout.write(new_key())
        elif command == "readers":
            for person in readers():
                self.stdout.write(person.get_username())
        elif command in ("grant", "revoke"):
            person = find_account(options["username"], "Name a desk account.")
            with refusals():
                set_reader(person, allowed=command == "grant", user=acting_as(options["as_user"]))
        elif command == "reseal":
            self.stdout.write(f"{reseal_all()} tip(s) sealed again with the first key.")
        else:
            self.stdout.write(f"{prune(timezone.now())} tip(s) deleted.")

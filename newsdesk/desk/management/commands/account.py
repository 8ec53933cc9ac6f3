"""``newsdesk account list|role|activate|deactivate``: desk accounts, through
their actions (``createuser`` makes new ones)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from newsdesk.news.management.arguments import (
    acting_as,
    add_as,
    find_account,
    refusals,
    refuse_undecodable,
)

from ...actions import ROLE_NAMES, role_of, set_active, set_role


class Command(BaseCommand):
    help = "List desk accounts, change a role, switch an account off or on again."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help="Every account with its role and whether it is active.")
        role = commands.add_parser("role", help="Make someone a contributor, editor or admin.")
        role.add_argument("username")
        role.add_argument("role", choices=ROLE_NAMES)
        add_as(role)
        switches = {
            "activate": "Let someone sign in again.",
            "deactivate": "Stop someone signing in; their sessions end.",
        }
        for name, what in switches.items():
            switch = commands.add_parser(name, help=what)
            switch.add_argument("username")
            add_as(switch)

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        refuse_undecodable(options)
        if command == "list":
            for account in get_user_model()._default_manager.order_by("username"):
                state = "active" if account.is_active else "off"
                self.stdout.write(f"{account.get_username()}\t{role_of(account)}\t{state}")
            return
        user = acting_as(options["as_user"])
        account = find_account(options["username"])
        with refusals():
            if command == "role":
                set_role(account, role=options["role"], user=user)
            else:
                set_active(account, active=command == "activate", user=user)
        account.refresh_from_db()
        state = "active" if account.is_active else "off"
        self.stdout.write(f"{account.get_username()}: {role_of(account)}, {state}.")

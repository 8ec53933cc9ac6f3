"""``newsdesk createuser NAME``: a desk account, made by the account action.

Without ``--as`` the command line acts with an admin's rights and the audit
log names it "command line"; ``--as USERNAME`` applies that account's rights
instead, so the same rule answers here as in the admin.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.desk.actions import ROLE_NAMES, create_account, is_text
from newsdesk.news.permissions import COMMAND_LINE, ActionDenied, check


class Command(BaseCommand):
    help = "Create a desk account: a contributor, an editor or an admin."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--role", choices=ROLE_NAMES, default="contributor")
        parser.add_argument(
            "--as",
            dest="acting_as",
            metavar="USERNAME",
            default=None,
            help=(
                "Act as this desk account, with exactly its rights. Without it the command "
                'acts with an admin\'s rights and the audit log says "command line".'
            ),
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input instead of prompting.",
        )

    def handle(
        self,
        *args: Any,
        username: str,
        email: str,
        role: str,
        acting_as: str | None,
        **options: Any,
    ) -> None:
        _refuse_undecodable("The username", username)
        _refuse_undecodable("The value of --email", email)
        _refuse_undecodable("The value of --as", acting_as)
        actor = self._actor(acting_as)
        try:
            check(actor, "account.manage")  # before asking for a password
            password = self._password(options.get("stdin", sys.stdin), options["password_stdin"])
            account = create_account(
                username=username, password=password, role=role, email=email, user=actor
            )
        except ActionDenied as exc:
            raise CommandError(str(exc)) from None
        except ValidationError as exc:
            raise CommandError(_format(exc)) from None
        self.stdout.write(f'Created {role} "{account.get_username()}".')

    def _actor(self, username: str | None) -> Any:
        if username is None:
            return COMMAND_LINE
        actor = User.objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f'No account "{username}". --as takes a desk username.')
        if not actor.is_active:
            raise CommandError(f'The account "{username}" is deactivated; it may do nothing.')
        return actor

    def _password(self, stdin: Any, from_stdin: bool) -> str:
        try:
            if from_stdin:
                return str(stdin.readline()).rstrip("\n")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
            return password
        except UnicodeDecodeError:
            raise CommandError(
                "The password is not valid UTF-8 text; check the encoding of the terminal "
                "or script that passed it."
            ) from None


def _refuse_undecodable(label: str, value: str | None) -> None:
    """Bytes that were not UTF-8 reach Python as lone surrogates (``\\udcff``):
    nothing can store or print them, so say which argument it was."""
    if value is not None and not is_text(value):
        raise CommandError(
            f"{label} is not valid UTF-8 text; check the encoding of the terminal or "
            "script that passed it."
        )


def _format(error: ValidationError) -> str:
    """One line per problem, named by field, as ``newsdesk post`` and ``article`` say it."""
    if hasattr(error, "error_dict"):
        return "\n".join(f"{field}: {m}" for field, ms in error.message_dict.items() for m in ms)
    return "\n".join(error.messages)

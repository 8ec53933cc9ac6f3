"""``newsdesk apitoken``: make, list and revoke API credentials."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken


class Command(BaseCommand):
    help = "Create, list and revoke JSON API tokens (docs/api.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser(
            "create", help="An admin token that acts as USER, with USER's role."
        )
        create.add_argument("username")
        create.add_argument("--label", default="", help="What the token is for.")
        content = commands.add_parser(
            "create-content-key", help="A content key: reads published content only."
        )
        content.add_argument("label", help="Who or what uses the key.")
        commands.add_parser("list", help="Every token, without its secret.")
        revoke = commands.add_parser("revoke", help="Revoke a token by id or by its prefix.")
        revoke.add_argument("token", help="The id from `list`, or the start of the token.")

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        getattr(self, "_" + command.replace("-", "_"))(**options)

    def _create(self, username: str, label: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f'There is no user "{username}"; create one with createuser.')
        if not user.is_active:
            raise CommandError(f'The user "{username}" is inactive.')
        token, secret = tokens.create(ApiToken.Kind.ADMIN, user=user, label=label)
        self._show(token, secret)

    def _create_content_key(self, label: str, **options: Any) -> None:
        if not label.strip():
            raise CommandError("Give the key a label that says who uses it.")
        token, secret = tokens.create(ApiToken.Kind.CONTENT, label=label.strip())
        self._show(token, secret)

    def _show(self, token: ApiToken, secret: str) -> None:
        self.stdout.write(secret)
        self.stderr.write(
            f"Created {token}, id {token.pk}. This is the only time the token is shown: "
            "keep it somewhere safe."
        )

    def _list(self, **options: Any) -> None:
        for token in ApiToken.objects.select_related("user"):
            state = "revoked" if token.revoked_at else "active"
            used = token.last_used_at.isoformat() if token.last_used_at else "never used"
            owner = token.user.get_username() if token.user else "-"
            self.stdout.write(
                f"{token.pk}\t{token.kind}\t{token.prefix}…\t{owner}\t{token.label or '-'}\t"
                f"{state}\t{used}"
            )

    def _revoke(self, token: str, **options: Any) -> None:
        found: list[ApiToken]
        if token.isdigit():
            found = list(ApiToken.objects.filter(pk=int(token)))
        elif len(token) >= 8:
            found = list(ApiToken.objects.filter(prefix__startswith=token[:12]))
        else:
            found = []
        if not found:
            raise CommandError(f'No token matches "{token}".')
        if len(found) > 1:
            raise CommandError(f'"{token}" matches {len(found)} tokens; use the id from list.')
        if tokens.revoke(found[0]):
            self.stdout.write(f"Revoked {found[0]}.")
        else:
            self.stdout.write(f"{found[0]} was already revoked.")

"""``newsdesk demo``: the demo newsroom (news.demo) and the desk's login."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from newsdesk.news import demo
from newsdesk.news.models import Article

from ...actions import create_account, set_password

DESK_USERNAME = "desk"


def desk_login() -> tuple[str, str]:
    """The demo's admin account: created once through the account actions,
    its password kept under the data dir (mode 0600)."""
    password_file = settings.DATA_DIR / "demo-login.txt"
    account = get_user_model().objects.filter(username=DESK_USERNAME).first()
    if password_file.exists() and account is not None:
        return DESK_USERNAME, password_file.read_text().strip()
    password = secrets.token_urlsafe(12)
    if account is None:
        create_account(username=DESK_USERNAME, password=password, role="admin")
    else:
        set_password(account, password=password)
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return DESK_USERNAME, password


class Command(BaseCommand):
    help = "Load the demo newsroom (once) and print the desk login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Load even if articles already exist."
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if Article.objects.exists() and not force:
            self.stdout.write("Demo content is already loaded; leaving it as it is.")
        else:
            count = demo.load()
            self.stdout.write(f"Loaded {count} demo updates.")
        username, password = desk_login()
        self.stdout.write(
            f"Desk login: {username} / {password}  ({settings.NEWSDESK_SITE_URL}/desk/)"
        )

"""``newsdesk article``: every article action from the command line.

Each subcommand calls the same action as the desk and the Admin API, so
``--as USERNAME`` gets exactly the answer that account gets there; without
``--as`` the command line acts with an admin's rights and the audit log names
it "command line". A refusal or an invalid change is an error: the action's
message on standard error, exit status 1, nothing changed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsdesk.news import actions, permissions
from newsdesk.news.models import Article

from ..arguments import (
    acting_as,
    add_as,
    add_new_article,
    new_article,
    read_body,
    refusals,
    refuse_undecodable,
)

SUBCOMMANDS = (
    "list",
    "create",
    "update",
    "submit",
    "publish",
    "schedule",
    "correct",
    "pin",
    "unpin",
    "unpublish",
    "restore",
    "translate",
)


def _number(largest: int) -> Callable[[str], int]:
    """A whole number from 1 to ``largest``, or a clear argument error."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = 0
        if not 1 <= number <= largest:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 1 to {largest}")
        return number

    return parse


ID = _number(2**63 - 1)
COUNT = _number(2**31 - 1)


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f'--at "{value}" is not an ISO 8601 time; write e.g. 2026-12-01T07:00:00+00:00.'
        ) from exc
    if moment.tzinfo is None:
        raise CommandError(
            f'--at "{value}" needs its time zone, e.g. 2026-12-01T07:00:00+00:00 or ...Z.'
        )
    try:
        moment.astimezone(UTC)
    except OverflowError as exc:
        raise CommandError(f'--at "{value}" is out of range.') from exc
    return moment


class Command(BaseCommand):
    help = (
        "List, create, edit, submit, publish, schedule, correct, pin, unpin, unpublish "
        "and restore articles through the desk's own actions."
    )
    user: Any = permissions.COMMAND_LINE  # who acts: set from --as by handle()

    def add_arguments(self, parser: CommandParser) -> None:
        add_as(parser)
        # --as is also taken after the subcommand; left out there, it keeps the value above.
        acting = CommandParser(add_help=False)
        add_as(acting, default=argparse.SUPPRESS)
        versioned = CommandParser(add_help=False)
        versioned.add_argument(
            "--expect-version",
            type=COUNT,
            metavar="N",
            help="Refuse if the article is no longer at version N.",
        )
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="|".join(SUBCOMMANDS))

        def command(name: str, text: str, *extra: CommandParser) -> Any:
            found = sub.add_parser(name, help=text, parents=[acting, *extra])
            if name not in {"list", "create"}:
                found.add_argument("id", type=ID, help="The article's id (see `list`).")
            return found

        listing = command("list", "Articles the account may see, newest first.")
        listing.add_argument("--status", choices=Article.Status.values)
        listing.add_argument("--limit", type=_number(1000), default=50)

        add_new_article(command("create", "Create a draft; prints its id."))

        update = command("update", "Change a draft, or a minor edit to a published one.", versioned)
        update.add_argument("--headline")
        update.add_argument("--lede")
        update.add_argument("--body", metavar="FILE", help="Markdown file, or - for stdin.")
        update.add_argument("--breaking", action=argparse.BooleanOptionalAction)

        command("submit", "Hand a draft to the editors for review.", versioned)
        command("publish", "Publish now.", versioned)
        schedule = command("schedule", "Publish at a future time.", versioned)
        schedule.add_argument("--at", required=True, metavar="ISO8601", dest="publish_at")
        correct = command("correct", "Publish a correction with its public note.", versioned)
        correct.add_argument("--note", required=True)
        correct.add_argument("--headline")
        correct.add_argument("--lede")
        correct.add_argument("--body", metavar="FILE", help="Markdown file, or - for stdin.")
        command("pin", "Pin to the top of the News Feed.")
        command("unpin", "Unpin.")
        command("unpublish", "Withdraw: the page answers 410 Gone.")
        restore = command("restore", "Make an earlier revision current again.", versioned)
        restore.add_argument("--revision", type=COUNT, required=True, metavar="N")
        translate = command(
            "translate", "Start a translation: a linked draft in another language; prints its id."
        )
        translate.add_argument("--language", required=True, help="One of the site's, e.g. uk.")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        refuse_undecodable(options)
        self.user = acting_as(options["as_user"])
        if subcommand == "list":
            self._list(options["status"], options["limit"])
            return
        if subcommand == "create":
            self._create(options)
            return
        article = Article.objects.filter(pk=options["id"]).first()
        if article is None:
            raise CommandError(f"No article #{options['id']}; `newsdesk article list` shows ids.")
        step: Callable[[Article, dict[str, Any]], Any] = getattr(self, f"_{subcommand}")
        with refusals():
            made = step(article, options)
        if isinstance(made, Article):  # a new article (a translation): report that one
            article = made
        article.refresh_from_db()
        self.report(article)

    def report(self, article: Article) -> None:
        line = f"#{article.pk} {article.status} v{article.version}: {article.headline}"
        if article.is_published:
            line += f" {settings.NEWSDESK_SITE_URL}{article.get_absolute_url()}"
        self.stdout.write(line)

    # The subcommands ---------------------------------------------------

    def _list(self, status: str | None, limit: int) -> None:
        rows = permissions.visible_articles(self.user, Article.objects.all())
        if status:
            rows = rows.filter(status=status)
        for article in rows.order_by("-id")[:limit]:
            self.stdout.write(
                f"#{article.pk}\t{article.status}\tv{article.version}\t{article.headline}"
            )

    def _create(self, options: dict[str, Any]) -> None:
        with refusals("Not created:\n"):
            article = new_article(options, self.user)
        self.report(article)

    def _update(self, article: Article, options: dict[str, Any]) -> None:
        changes = {
            "headline": options["headline"],
            "lede": options["lede"],
            "body": read_body(options["body"]),
            "is_breaking": options["breaking"],
        }
        changes = {name: value for name, value in changes.items() if value is not None}
        if not changes:
            raise CommandError("Give at least one of --headline, --lede, --body, --breaking.")
        actions.update(
            article, user=self.user, expected_version=options["expect_version"], **changes
        )

    def _submit(self, article: Article, options: dict[str, Any]) -> None:
        actions.submit(article, user=self.user, expected_version=options["expect_version"])

    def _publish(self, article: Article, options: dict[str, Any]) -> None:
        actions.publish(article, user=self.user, expected_version=options["expect_version"])

    def _schedule(self, article: Article, options: dict[str, Any]) -> None:
        actions.schedule(
            article,
            publish_at=_moment(options["publish_at"]),
            user=self.user,
            expected_version=options["expect_version"],
        )

    def _correct(self, article: Article, options: dict[str, Any]) -> None:
        fixes = {
            "headline": options["headline"],
            "lede": options["lede"],
            "body": read_body(options["body"]),
        }
        actions.correct(
            article,
            note=options["note"],
            user=self.user,
            expected_version=options["expect_version"],
            **{name: value for name, value in fixes.items() if value is not None},
        )

    def _pin(self, article: Article, options: dict[str, Any]) -> None:
        actions.pin(article, user=self.user)

    def _unpin(self, article: Article, options: dict[str, Any]) -> None:
        actions.unpin(article, user=self.user)

    def _unpublish(self, article: Article, options: dict[str, Any]) -> None:
        actions.unpublish(article, user=self.user)

    def _restore(self, article: Article, options: dict[str, Any]) -> None:
        actions.restore(
            article,
            number=options["revision"],
            user=self.user,
            expected_version=options["expect_version"],
        )

    def _translate(self, article: Article, options: dict[str, Any]) -> Article:
        return actions.translate(article, language=options["language"], user=self.user)

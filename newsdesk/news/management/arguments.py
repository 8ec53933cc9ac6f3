"""From command-line arguments to the actions' inputs, for ``newsdesk post``
and ``newsdesk article``: who acts, the body, authors and sources, and the
actions' refusals and errors as a :class:`CommandError` (exit status 1, the
message on standard error)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.db.models import Q

from newsdesk.news import actions, permissions
from newsdesk.news.models import ArticleSource, Author

# Options whose name on the command line is not their ``dest``.
FLAGS = {"as_user": "--as", "tags": "--tag", "authors": "--author", "sources": "--source"}


def add_as(parser: CommandParser, default: Any = None) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        default=default,
        help=(
            "Act as this desk account, with exactly its rights. Without it the command "
            'acts with an admin\'s rights and the audit log says "command line".'
        ),
    )


def add_new_article(parser: Any) -> None:
    """What a new update is made of, for ``newsdesk post`` and ``article create``."""
    parser.add_argument("--headline", required=True)
    parser.add_argument("--lede", default="")
    parser.add_argument("--body", metavar="FILE", help="Markdown file, or - for stdin.")
    parser.add_argument("--tag", action="append", default=[], dest="tags")
    parser.add_argument("--author", action="append", default=[], dest="authors")
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        dest="sources",
        metavar='"Outlet|URL|as quoted by"',
    )
    parser.add_argument("--breaking", action="store_true")
    parser.add_argument("--language", default=None)


def new_article(options: dict[str, Any], user: Any) -> Any:
    """``actions.create_draft`` from the options :func:`add_new_article` defines
    (call inside :func:`refusals`)."""
    return actions.create_draft(
        headline=options["headline"],
        lede=options["lede"],
        body=read_body(options["body"]) or "",
        tags=options["tags"],
        authors=[find_author(a) for a in options["authors"]],
        sources=[parse_source(s) for s in options["sources"]],
        is_breaking=options["breaking"],
        language=options["language"],
        user=user,
    )


def refuse_undecodable(options: dict[str, Any]) -> None:
    """An argument that was not UTF-8 reaches Python as lone surrogates
    (``\\udcff``); nothing can store or print them, so say which one it was."""
    for name, value in options.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and not _is_text(item):
                flag = FLAGS.get(name, "--" + name.replace("_", "-"))
                raise CommandError(
                    f"The value of {flag} is not valid UTF-8 text; check the encoding of "
                    "the terminal or script that passed it."
                )


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def find_account(username: str, hint: str = "") -> Any:
    """The account with this username, or a CommandError saying there is none."""
    model = get_user_model()
    found = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    if found is None:
        raise CommandError(f'No account "{username}".' + (f" {hint}" if hint else ""))
    return found


def acting_as(username: str | None) -> Any:
    """The account named by ``--as``, or the command line itself."""
    if username is None:
        return permissions.COMMAND_LINE
    user = find_account(username, "--as takes a desk username.")
    if not user.is_active:
        raise CommandError(f'The account "{username}" is deactivated; it may do nothing.')
    return user


def read_body(value: str | None) -> str | None:
    """``FILE`` or ``-`` (standard input), read as UTF-8; ``None`` when not given."""
    if value is None:
        return None
    if value == "-":
        raw = getattr(sys.stdin, "buffer", None)
        try:
            text = raw.read().decode("utf-8") if raw is not None else sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise CommandError(f"Cannot read the body from standard input: {exc}") from exc
    else:
        try:
            text = Path(value).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the body from {value}: {exc}") from exc
    if not _is_text(text):
        raise CommandError("The body is not valid UTF-8 text.")
    return text


def parse_source(raw: str) -> actions.SourceInput:
    """``"Outlet|URL|as quoted by"``; URL and the quote style are optional."""
    parts = [p.strip() for p in raw.split("|")]
    if len(parts) > 3 or not parts[0]:
        raise CommandError(
            f'--source "{raw}" must look like "Outlet|URL|as quoted by" '
            "(URL and the quote style may be left out)."
        )
    outlet = parts[0]
    url = parts[1] if len(parts) > 1 else ""
    style = parts[2] if len(parts) > 2 and parts[2] else ArticleSource.QuoteStyle.AS_QUOTED_BY
    return actions.SourceInput(outlet=outlet, url=url, quote_style=style)


def find_author(value: str) -> Author:
    author = Author.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
    if author is None:
        known = ", ".join(Author.objects.values_list("slug", flat=True)[:20]) or "none yet"
        raise CommandError(f'No author "{value}". Use an author\'s slug or name ({known}).')
    return author


def format_errors(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        lines = [f"{field}: {msg}" for field, msgs in error.message_dict.items() for msg in msgs]
    else:
        lines = list(error.messages)
    return "\n".join(lines)


@contextmanager
def refusals(prefix: str = "") -> Iterator[None]:
    """An action's refusal or validation error, as the command's error."""
    try:
        yield
    except PermissionDenied as exc:
        raise CommandError(prefix + (str(exc) or "You may not do this.")) from exc
    except ValidationError as exc:
        raise CommandError(prefix + format_errors(exc)) from exc

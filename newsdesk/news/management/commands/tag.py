"""``newsdesk tag list|add|edit|merge``: the newsroom's tags, through their actions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from newsdesk.news import actions
from newsdesk.news.models import Tag

from ..arguments import acting_as, add_as, refusals, refuse_undecodable


def find_tag(value: str) -> Tag:
    tag = Tag.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
    if tag is None:
        raise CommandError(f'No tag "{value}". Use a tag\'s slug or name (newsdesk tag list).')
    return tag


class Command(BaseCommand):
    help = "List, add, rename or describe, and merge tags."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help="Every tag with its slug and article count.")
        add = commands.add_parser("add", help="Add a tag.")
        add.add_argument("name")
        add.add_argument("--slug", default="")
        add.add_argument("--description", default="")
        add_as(add)
        edit = commands.add_parser("edit", help="Rename or describe (a new slug keeps the URL).")
        edit.add_argument("tag", help="The tag's slug or name.")
        for name in ("name", "slug", "description"):
            edit.add_argument(f"--{name}")
        add_as(edit)
        merge = commands.add_parser("merge", help="Move every article of one tag to another.")
        merge.add_argument("source", help="The tag that goes.")
        merge.add_argument("into", help="The tag that stays.")
        add_as(merge)

    def handle(self, *args: Any, command: str, **options: Any) -> None:
        refuse_undecodable(options)
        if command == "list":
            rows = Tag.objects.annotate(n=Count("articles")).order_by("name")
            for slug, name, count in rows.values_list("slug", "name", "n"):
                self.stdout.write(f"{slug}\t{name}\t{count}")
            return
        user = acting_as(options["as_user"])
        with refusals():
            if command == "add":
                tag = actions.create_tag(
                    name=options["name"],
                    slug=options["slug"],
                    description=options["description"],
                    user=user,
                )
            elif command == "edit":
                changes = {k: options[k] for k in ("name", "slug", "description") if options[k]}
                if not changes:
                    raise CommandError("Name at least one field to change, e.g. --name.")
                tag = actions.update_tag(find_tag(options["tag"]), user=user, **changes)
            else:
                tag = actions.merge_tags(
                    find_tag(options["source"]), find_tag(options["into"]), user=user
                )
        self.stdout.write(f"Saved {tag.name} ({tag.get_absolute_url()}).")

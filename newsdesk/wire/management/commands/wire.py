"""``newsdesk wire add URL | poll [--all] | status``: the wire desk from the command line.

``add`` goes through ``add_source``, which checks ``wire.manage``: with
``--as USERNAME`` that account's rights apply, without it the command line's.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from newsdesk.news.management.arguments import acting_as, add_as, refusals, refuse_undecodable
from newsdesk.wire.discover import DiscoveryError, add_source
from newsdesk.wire.fetch import RefreshResult, refresh_due
from newsdesk.wire.models import Source


def _when(value: Any) -> str:
    if value is None:
        return "never"
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


class Command(BaseCommand):
    help = "Add wire sources, poll them, and show their state."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="add|poll|status")
        add = sub.add_parser("add", help="Add a source by URL (a feed, a page or a news sitemap).")
        add.add_argument("url")
        add.add_argument("--outlet", default="", help="The outlet's name, used in attribution.")
        add_as(add)
        poll = sub.add_parser("poll", help="Refresh every source that is due now.")
        poll.add_argument("--all", action="store_true", help="Refresh every source, due or not.")
        sub.add_parser("status", help="Each source's state, errors, next check and item count.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        refuse_undecodable(options)
        if action == "add":
            self.add(options["url"], options["outlet"], acting_as(options["as_user"]))
        elif action == "poll":
            self.poll(options["all"])
        else:
            self.status()

    def add(self, url: str, outlet: str, user: Any) -> None:
        try:
            with refusals():
                source, created = add_source(url, user, outlet=outlet)
        except DiscoveryError as exc:
            raise CommandError(f"Could not add {url}: {exc}") from exc
        verb = "Added" if created else "Already added:"
        self.stdout.write(
            f"{verb} #{source.pk} {source.url} ({source.get_kind_display()}, {source.name}): "
            f"{source.item_count} items, state {source.state}."
        )
        if source.notice:
            self.stdout.write(f"  note: {source.notice}")
        if source.last_error and source.state != Source.State.OK:
            self.stdout.write(f"  last error: {source.last_error}")

    def poll(self, everything: bool) -> None:
        results = refresh_due(everything=everything)
        by_id = Source.objects.in_bulk([r.source_id for r in results])
        for result in results:
            self.stdout.write(self._line(by_id[result.source_id], result))
        failed = sum(1 for r in results if r.error)
        self.stdout.write(f"Polled {len(results)} sources; {failed} failed.")

    def _line(self, source: Source, result: RefreshResult) -> str:
        if result.error:
            return f"#{source.pk} {source.url}: {result.status}: {result.error}"
        return (
            f"#{source.pk} {source.url}: {result.status}, {result.new} new, "
            f"{result.changed} changed, next check {_when(result.next_check_at)}"
        )

    def status(self) -> None:
        sources = list(Source.objects.order_by("id"))
        if not sources:
            self.stdout.write("No wire sources yet: add one with `newsdesk wire add URL`.")
            return
        for source in sources:
            paused = ", paused" if source.paused else ""
            self.stdout.write(
                f"#{source.pk} {source.name} [{source.get_kind_display()}] {source.url}\n"
                f"  state {source.state}{paused}, {source.error_count} errors, "
                f"{source.item_count} items, last success {_when(source.last_success_at)}, "
                f"next check {_when(source.next_check_at)}"
            )
            if source.notice:
                self.stdout.write(f"  note: {source.notice}")
            if source.last_error:
                when = _when(source.last_error_at)
                self.stdout.write(f"  last error ({when}): {source.last_error}")
            if source.pending_url:
                self.stdout.write(f"  permanent redirect pending: {source.pending_url}")

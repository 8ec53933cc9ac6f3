"""The queue as the desk reads it: a story is one group, newest group first.

Items about one event (a ``Story``, from the similarity engine) are shown
together: the outlets that carried it, how many items there are and the
items earliest first, so the first report leads. An item alone in its story
(or in none) is a group of one. Groups are ordered by their newest item and
a page is cut at that id (``before``), so a story never shows on two pages.
A page costs the same few queries however many stories it holds.

Each group is read as the monitor shows it: its outlets (count and names,
in the order they reported), the first and latest report times, the
earliest item's headline and lede, whether the desk used it already,
whether it is spreading (``spreading.py``), and, for the comparison, each
report with the words that differ from the first one marked.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Max, QuerySet
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Story, WireItem

PAGE = 50  # groups per page
SHOWN = 12  # items shown in a group; the story's own page has them all
HEAVY = ("text", "minhash")  # not needed to list items
LEDE = 280  # characters of the first report's lede shown
_WORDS = re.compile(r"\S+")


@dataclass
class Group:
    newest: int  # the id of its newest item: the order, and where a page ends
    count: int
    items: list[WireItem] = field(default_factory=list)  # earliest report first, at most SHOWN
    story: Story | None = None

    @property
    def outlets(self) -> list[str]:
        """Each outlet once, in the order they reported."""
        return list(dict.fromkeys(item.outlet_name for item in self.items))

    @property
    def hidden(self) -> int:
        return self.count - len(self.items)

    @property
    def first(self) -> WireItem:
        return self.items[0]

    @property
    def headline(self) -> str:
        return self.first.title or (self.story.title if self.story else "") or self.first.url

    @property
    def lede(self) -> str:
        text = " ".join(self.first.summary.split())
        return text if len(text) <= LEDE else text[: LEDE - 1].rsplit(" ", 1)[0] + "…"

    @property
    def first_at(self) -> datetime:
        return min(reported(item) for item in self.items)

    @property
    def latest_at(self) -> datetime:
        return max(reported(item) for item in self.items)

    @property
    def minutes(self) -> int:
        """Minutes from the first report to the latest."""
        return int((self.latest_at - self.first_at).total_seconds() // 60)

    @property
    def used(self) -> bool:
        return any(
            item.status == WireItem.Status.USED or item.used_article_id for item in self.items
        )

    @property
    def spreading(self) -> bool:
        return self.story is not None and self.story.spreading_at is not None

    @property
    def dismissed(self) -> bool:
        return all(item.status == WireItem.Status.DISMISSED for item in self.items)

    @property
    def new(self) -> bool:
        """Nobody on the desk has used or dismissed anything in it yet."""
        return all(item.status == WireItem.Status.NEW for item in self.items)

    @property
    def reports(self) -> list[tuple[WireItem, SafeString]]:
        """Each report with the words that differ from the first one marked."""
        base = words_of(self.first)
        return [(self.first, _plain(base))] + [
            (item, differences(base, words_of(item))) for item in self.items[1:]
        ]


def reported(item: WireItem) -> datetime:
    """When the outlet published it, or when the wire first saw it."""
    return item.published_at or item.first_seen_at


def words_of(item: WireItem) -> list[str]:
    return _WORDS.findall(f"{item.title} — {item.summary}")


def _plain(words: list[str]) -> SafeString:
    return mark_safe(" ".join(escape(w) for w in words))  # every word escaped


def differences(base: list[str], words: list[str]) -> SafeString:
    """``words`` with what is not in ``base`` in ``<ins>`` (escaped text only)."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=base, b=words, autojunk=False)
    for op, _a1, _a2, b1, b2 in matcher.get_opcodes():
        chunk = " ".join(escape(w) for w in words[b1:b2])
        if not chunk:
            continue
        out.append(chunk if op == "equal" else f"<ins>{chunk}</ins>")
    return mark_safe(" ".join(out))  # escaped words and our tags only


def page_of_groups(
    items: QuerySet[WireItem], before: int | None = None, size: int = PAGE
) -> tuple[list[Group], int | None]:
    """A page of groups from ``items`` (filtered already) older than ``before``,
    and the ``before`` of the next page (None on the last one)."""
    base = items.order_by()
    stories = (
        base.filter(story__isnull=False)
        .values("story_id")
        .annotate(newest=Max("id"), count=Count("id"))
    )
    alone = base.filter(story__isnull=True).values_list("id", flat=True)
    if before:
        stories = stories.filter(newest__lt=before)
        alone = alone.filter(id__lt=before)
    heads: list[tuple[int, int | None, int]] = sorted(
        [
            (row["newest"], row["story_id"], row["count"])
            for row in stories.order_by("-newest")[: size + 1]
        ]
        + [(pk, None, 1) for pk in alone.order_by("-id")[: size + 1]],
        reverse=True,
    )
    older = heads[size - 1][0] if len(heads) > size else None
    heads = heads[:size]
    listed = items.defer(*HEAVY).select_related("source", "story")
    members: dict[int, list[WireItem]] = {}
    story_ids = [story_id for _, story_id, _ in heads if story_id is not None]
    reported_first = Coalesce(F("published_at"), F("first_seen_at"))
    for item in listed.filter(story_id__in=story_ids).order_by(reported_first, "id"):
        members.setdefault(item.story_id or 0, []).append(item)
    single = {item.pk: item for item in listed.filter(pk__in=[n for n, s, _ in heads if s is None])}
    groups = []
    for newest, story_id, count in heads:
        # An item that went between these queries (a deleted source) is left out.
        if story_id is None and newest in single:
            groups.append(Group(newest, 1, [single[newest]]))
        elif story_id is not None and members.get(story_id):
            shown = members[story_id]
            groups.append(Group(newest, count, shown[:SHOWN], shown[0].story))
    return groups, older

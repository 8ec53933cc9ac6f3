"""The queue as the desk reads it: a story is one group, newest group first.

Items about one event (a ``Story``, from the similarity engine) are shown
together: the outlets that carried it, how many items there are and the
items earliest first, so the first report leads. An item alone in its story
(or in none) is a group of one. Groups are ordered by their newest item and
a page is cut at that id (``before``), so a story never shows on two pages.
A page costs the same few queries however many stories it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet

from .models import Story, WireItem

PAGE = 50  # groups per page
SHOWN = 12  # items shown in a group; the story's own page has them all
HEAVY = ("text", "summary", "minhash")  # not needed to list items


@dataclass
class Group:
    newest: int  # the id of its newest item: the order, and where a page ends
    count: int
    items: list[WireItem] = field(default_factory=list)  # earliest first, at most SHOWN
    story: Story | None = None

    @property
    def outlets(self) -> list[str]:
        """Each outlet once, in the order they reported."""
        return list(dict.fromkeys(item.outlet_name for item in self.items))

    @property
    def hidden(self) -> int:
        return self.count - len(self.items)


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
    for item in listed.filter(story_id__in=story_ids).order_by("first_seen_at", "id"):
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

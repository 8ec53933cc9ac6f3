"""The wire desk's pages: who may see them, the queue, an item, and drafting from it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsdesk.news.models import Article
from newsdesk.news.roles import CONTRIBUTOR, ensure_roles
from newsdesk.wire.drafts import lede_from
from newsdesk.wire.models import Source, Story, WireItem

from .conftest import FeedServer, Reply, sample

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def contributor(db: None) -> User:
    ensure_roles()
    user = User.objects.create_user("casey")
    user.groups.add(Group.objects.get(name=CONTRIBUTOR))
    return user


@pytest.fixture
def plain(db: None) -> User:
    return User.objects.create_user("pat")


@pytest.fixture
def source(db: None) -> Source:
    return Source.objects.create(
        url="https://northern.example/rss.xml", outlet="Northern Wire", state="ok"
    )


def make_item(source: Source, n: int, **fields: Any) -> WireItem:
    fields.setdefault("title", f"Item number {n} about the harbour")
    fields.setdefault("summary", f"First sentence of item {n}. Second sentence here.")
    return WireItem.objects.create(
        source=source, external_id=f"id-{n}", url=f"https://northern.example/{n}", **fields
    )


VIEWS = [
    ("GET", "wire:queue", False),
    ("GET", "wire:poll", False),
    ("GET", "wire:item", True),
    ("POST", "wire:draft", True),
    ("POST", "wire:dismiss", True),
    ("POST", "wire:story_draft", "story"),
    ("POST", "wire:story_dismiss", "story"),
    ("GET", "wire:sources", False),
    ("POST", "wire:sources", False),
    ("POST", "wire:refresh", "source"),
    ("GET", "wire:edit_source", "source"),
    ("POST", "wire:edit_source", "source"),
    ("POST", "wire:pause", "source"),
    ("GET", "wire:delete", "source"),
    ("POST", "wire:delete", "source"),
]


def _url(name: str, takes: Any, item: WireItem) -> str:
    if takes == "source":
        return reverse(name, args=[item.source_id])
    if takes == "story":
        story = Story.objects.create(title="The gale")
        WireItem.objects.filter(pk=item.pk).update(story=story)
        return reverse(name, args=[story.pk])
    return reverse(name, args=[item.pk]) if takes else reverse(name)


@pytest.mark.parametrize(("method", "name", "takes"), VIEWS)
def test_anonymous_visitors_are_sent_to_sign_in(
    method: str, name: str, takes: Any, source: Source
) -> None:
    url = _url(name, takes, make_item(source, 1))
    response = getattr(Client(), method.lower())(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:login"))
    assert WireItem.objects.get().status == "new"
    assert not Article.objects.exists()


@pytest.mark.parametrize(("method", "name", "takes"), VIEWS)
def test_people_without_the_permission_get_403(
    method: str, name: str, takes: Any, source: Source, plain: User
) -> None:
    url = _url(name, takes, make_item(source, 1))
    response = getattr(signed_in(plain), method.lower())(url)
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_the_queue_is_newest_first_with_filters(source: Source, contributor: User) -> None:
    other = Source.objects.create(url="https://coastal.example/atom.xml", outlet="Coastal Monitor")
    story = Story.objects.create(title="The gale")
    first = make_item(source, 1, story=story)
    make_item(other, 2, title="Quota talks resume")
    third = make_item(source, 3, story=story, status="used")
    make_item(source, 4, is_deleted=True)
    client = signed_in(contributor)

    page = client.get(reverse("wire:queue")).content.decode()
    # The story (newest item 3) first, led by its earliest report, the
    # reports earliest first; then item 2.
    third_report = f'class="report status-used" data-id="{third.pk}"'
    assert page.index("Item number 1") < page.index(third_report) < page.index("Quota talks")
    assert "Item number 4" not in page  # tombstones are not in the queue
    assert "wire/wire.js" in page and "<script>" not in page

    by_source = client.get(reverse("wire:queue"), {"source": other.pk}).content.decode()
    assert "Quota talks" in by_source and "Item number" not in by_source
    by_story = client.get(reverse("wire:queue"), {"story": story.pk}).content.decode()
    assert "Item number 1" in by_story and third_report in by_story
    assert "Quota" not in by_story
    by_word = client.get(reverse("wire:queue"), {"q": "QUOTA"}).content.decode()
    assert "Quota talks" in by_word and "Item number" not in by_word

    fresh = client.get(reverse("wire:poll"), {"after": first.pk}).json()["items"]
    assert [i["id"] for i in fresh] == [first.pk + 1, third.pk]
    assert fresh[1]["status"] == "used" and fresh[1]["source"] == "Northern Wire"


def test_hostile_query_strings_do_not_fail(source: Source, contributor: User) -> None:
    make_item(source, 1)
    client = signed_in(contributor)
    hostile = ({"q": "x" * 100_000}, {"source": "1; DROP"}, {"story": "9" * 40}, {"before": "-1"})
    for query in hostile:
        assert client.get(reverse("wire:queue"), query).status_code == 200
    assert client.get(reverse("wire:poll"), {"after": "nope"}).status_code == 200


def test_an_item_shows_its_text_duplicates_and_story(source: Source, contributor: User) -> None:
    story = Story.objects.create(title="The gale")
    item = make_item(
        source, 1, story=story, text="The full text <script>alert(1)</script> of the item."
    )
    copy = make_item(source, 2, title="A copy of item one", duplicate_of=item)
    sibling = make_item(source, 3, title="Another angle on the gale", story=story)
    page = signed_in(contributor).get(reverse("wire:item", args=[item.pk])).content.decode()
    assert "The full text &lt;script&gt;alert(1)&lt;/script&gt; of the item." in page
    assert "A copy of item one" in page and reverse("wire:item", args=[copy.pk]) in page
    assert "Another angle on the gale" in page and reverse("wire:item", args=[sibling.pk]) in page
    assert "Draft update from this" in page


def test_draft_update_from_this_opens_the_composer_attributed(
    source: Source, contributor: User
) -> None:
    item = make_item(
        source,
        1,
        title="Power restored to most homes after the gale",
        summary="Crews worked through the night. About 300 homes are still without power. "
        "The utility expects to finish on Wednesday.",
    )
    response = signed_in(contributor).post(reverse("wire:draft", args=[item.pk]))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/desk/articles/{article.pk}/"
    assert article.headline == "Power restored to most homes after the gale"
    assert article.lede == (
        "Crews worked through the night. About 300 homes are still without power."
    )
    assert article.status == "draft"
    [attributed] = article.sources.all()
    assert (attributed.outlet, attributed.url, attributed.quote_style) == (
        "Northern Wire",
        "https://northern.example/1",
        "according to",
    )
    item.refresh_from_db()
    assert (item.status, item.used_article_id) == ("used", article.pk)
    page = signed_in(contributor).get(reverse("wire:item", args=[item.pk])).content.decode()
    assert "Used by the desk" in page


def test_lede_is_whole_sentences_within_the_limit(source: Source) -> None:
    long = make_item(source, 1, summary="word " * 400)
    lede = lede_from(long)
    assert len(lede) <= 600 and lede.endswith("…")
    empty = make_item(source, 2, summary="", text="Only text here. And more.")
    assert lede_from(empty) == "Only text here. And more."


def test_dismiss_and_restore(source: Source, contributor: User) -> None:
    item = make_item(source, 1)
    client = signed_in(contributor)
    client.post(reverse("wire:dismiss", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "dismissed"
    assert "dismissed" in client.get(reverse("wire:queue")).content.decode()
    client.post(reverse("wire:dismiss", args=[item.pk]), {"undo": "1"})
    item.refresh_from_db()
    assert item.status == "new"


def test_get_on_a_post_only_view_changes_nothing(source: Source, contributor: User) -> None:
    item = make_item(source, 1)
    client = signed_in(contributor)
    assert client.get(reverse("wire:draft", args=[item.pk])).status_code == 405
    assert client.get(reverse("wire:dismiss", args=[item.pk])).status_code == 405
    assert not Article.objects.exists()
    item.refresh_from_db()
    assert item.status == "new"


def test_sources_page_adds_and_refreshes(
    server: FeedServer, wire_settings: Any, contributor: User
) -> None:
    server.routes["/rss.xml"] = [Reply(200, sample("rss20.xml")), Reply(500, b"")]
    client = signed_in(contributor)
    response = client.post(
        reverse("wire:sources"), {"url": server.url("/rss.xml"), "outlet": "Northern"}
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.outlet, source.item_count, source.created_by) == ("Northern", 3, contributor)
    client.post(reverse("wire:refresh", args=[source.pk]))
    page = client.get(reverse("wire:sources")).content.decode()
    assert "The source answered HTTP 500." in page
    assert "Failing" in page

    refused = client.post(reverse("wire:sources"), {"url": "http://10.0.0.1/feed"}, follow=True)
    assert "Could not add http://10.0.0.1/feed: Refused: 10.0.0.1 is a private address." in (
        refused.content.decode()
    )
    assert Source.objects.count() == 1

    octal = client.post(reverse("wire:sources"), {"url": "http://0177.0.0.1/"}, follow=True)
    assert octal.status_code == 200
    assert (
        "Could not add http://0177.0.0.1/: http://0177.0.0.1/ is not a URL that can be fetched "
        "(Invalid IPv4 address: &#x27;0177.0.0.1&#x27;)."
    ) in octal.content.decode()
    assert Source.objects.count() == 1


def test_the_sources_page_shows_what_a_read_left_out(source: Source, contributor: User) -> None:
    Source.objects.filter(pk=source.pk).update(
        notice="2 entries were left out: it has neither an id nor an http(s) link."
    )
    page = signed_in(contributor).get(reverse("wire:sources")).content.decode()
    assert "2 entries were left out: it has neither an id nor an http(s) link." in page


def test_the_monitor_shows_a_story_as_one_card(
    source: Source, contributor: User, django_assert_max_num_queries: Any
) -> None:
    """Led by its earliest report: its outlets, when they reported, the
    reports side by side earliest first; lone items around it."""
    coastal = Source.objects.create(
        url="https://coastal.example/atom.xml", outlet="Coastal Monitor"
    )
    gale = Story.objects.create(title="The gale closes the harbour")
    make_item(source, 1, title="Lone item one")
    made = [
        make_item(coastal, 2, title="Coastal: harbour closed at noon", story=gale),
        make_item(source, 3, title="Northern: ferries cancelled", story=gale),
    ]
    make_item(source, 4, title="Lone item four")
    made.append(make_item(coastal, 5, title="Coastal: harbour reopens tomorrow", story=gale))
    base = made[0].first_seen_at
    for n, item in enumerate(made):  # reported 0, 7 and 14 minutes after the first
        WireItem.objects.filter(pk=item.pk).update(published_at=base + timedelta(minutes=7 * n))
    make_item(source, 6, title="Alone in its own story", story=Story.objects.create(title="x"))
    client = signed_in(contributor)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("wire:queue")).content.decode()
    order = [
        "Alone in its own story",  # newest activity first
        ">Coastal: harbour closed at noon</a>",  # the earliest report leads its story
        f'class="report status-new" data-id="{made[1].pk}"',
        f'class="report status-new" data-id="{made[2].pk}"',
        "Lone item four",
        "Lone item one",
    ]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)
    assert "2 outlets in 14 min" in page
    assert "Coastal Monitor, Northern Wire" in page
    assert "Compare 3 reports" in page
    assert page.count('<li class="wire-story') == 4
    assert reverse("wire:story_draft", args=[gale.pk]) in page


def test_the_monitor_marks_what_differs_and_flags_spreading_and_used(
    source: Source, contributor: User
) -> None:
    coastal = Source.objects.create(url="https://coastal.example/a.xml", outlet="Coastal Monitor")
    gale = Story.objects.create(title="x", spreading_at=timezone.now())
    make_item(source, 1, title="Harbour shut <script>alert(1)</script>", story=gale,
              summary="The harbour shut at noon.")  # fmt: skip
    make_item(coastal, 2, title="Harbour shut <script>alert(1)</script>", story=gale,
              summary="The harbour shut at dawn.", status="used")  # fmt: skip
    page = signed_in(contributor).get(reverse("wire:queue")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "at <ins>dawn.</ins>" in page  # what the second report says differently
    assert 'class="flag flag-spreading">Spreading<' in page
    assert 'class="flag flag-used">Used<' in page
    assert "is-spreading" in page and "is-used" in page


def test_the_monitor_filters_by_time_window_and_dismisses_a_story(
    source: Source, contributor: User
) -> None:
    gale = Story.objects.create(title="x")
    old = make_item(source, 1, title="Old report", story=gale)
    WireItem.objects.filter(pk=old.pk).update(first_seen_at=timezone.now() - timedelta(hours=3))
    make_item(source, 2, title="Fresh report")
    client = signed_in(contributor)
    recent = client.get(reverse("wire:queue"), {"within": "1"}).content.decode()
    assert "Fresh report" in recent and "Old report" not in recent
    assert '<option value="1" selected>' in recent
    assert "Old report" in client.get(reverse("wire:queue"), {"within": "6"}).content.decode()
    assert "Old report" in client.get(reverse("wire:queue"), {"within": "5"}).content.decode()

    back = reverse("wire:queue") + "?within=6"
    answer = client.post(reverse("wire:story_dismiss", args=[gale.pk]), {"next": back})
    assert answer.status_code == 302 and answer["Location"] == back
    assert WireItem.objects.get(pk=old.pk).status == "dismissed"
    answer = client.post(
        reverse("wire:story_dismiss", args=[gale.pk]), {"next": "https://evil.example/"}
    )
    assert answer["Location"] == reverse("wire:queue")
    client.post(reverse("wire:story_dismiss", args=[gale.pk]), {"undo": "1"})
    assert WireItem.objects.get(pk=old.pk).status == "new"


def test_queue_pages_never_split_a_story(source: Source, contributor: User) -> None:
    from newsdesk.wire.queue import page_of_groups

    gale = Story.objects.create(title="The gale")
    # Items 1, 3, 5, 7 are in the story; 2, 4, 6 stand alone.
    made = {n: make_item(source, n, story=gale if n % 2 else None).pk for n in range(1, 8)}
    items = WireItem.objects.filter(is_deleted=False)
    first, older = page_of_groups(items, size=2)
    assert [(g.newest, g.count) for g in first] == [(made[7], 4), (made[6], 1)]
    assert [i.external_id for i in first[0].items] == ["id-1", "id-3", "id-5", "id-7"]
    assert older == made[6]
    second, older = page_of_groups(items, before=older, size=2)
    assert [(g.newest, g.count) for g in second] == [(made[4], 1), (made[2], 1)]
    assert older is None
    # The page's "Older items" link carries the cut; the story stays on page one.
    page = signed_in(contributor).get(reverse("wire:queue"), {"before": made[5]}).content.decode()
    assert "Item number 4" in page and "Item number 2" in page
    assert "Item number 7" not in page and "Item number 1" not in page

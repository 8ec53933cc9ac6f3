"""Reader and desk pages on a phone (360 and 375 px wide) in a real browser:
nothing scrolls sideways, a wrapped meta line never starts with its "·"
separator, the article's meta clears the header, and the desk navigation
wraps instead of pushing "Sign out" off the screen."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from newsdesk.wire.models import Source, Story, WireItem
from tests.cache.test_page_cache import wait_until_server_knows
from tests.desk.conftest import PASSWORD, make_user
from tests.live.support import Server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = [360, 375]

# Every glyph of an element's rendered text, grouped into the lines it is laid
# out on. Generated content (a "·" drawn by ::before or ::after) is not in the
# DOM, so it is first copied into real spans in its place, with its own
# white-space, and the pseudo-elements switched off.
LINES_JS = """
(root) => {
  const unquote = (c) => (c && c.startsWith('"') ? c.slice(1, -1) : "");
  const style = document.createElement("style");
  style.textContent = ".pseudo-copied::before, .pseudo-copied::after { content: none !important; }";
  document.head.append(style);
  for (const el of [root, ...root.querySelectorAll("*")]) {
    for (const which of ["::before", "::after"]) {
      const computed = getComputedStyle(el, which);
      const text = unquote(computed.content);
      if (!text) { continue; }
      const span = document.createElement("span");
      span.textContent = text;
      span.style.whiteSpace = computed.whiteSpace;
      span.style.display = computed.display;
      if (which === "::before") { el.prepend(span); } else { el.append(span); }
      el.classList.add("pseudo-copied");
    }
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const lines = [];
  let top = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i += 1) {
      const ch = node.data[i];
      if (!ch.trim()) { continue; }
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) { continue; }
      if (top === null || rect.top > top + rect.height / 2) {
        lines.push("");
        top = rect.top;
      }
      lines[lines.length - 1] += ch;
    }
  }
  return lines;
}
"""

OVERFLOW_JS = "[document.scrollingElement.scrollWidth, window.innerWidth]"


@pytest.fixture
def newsroom(browser: Any, site: Server) -> list[Article]:
    author = Author.objects.create(name="Mira Castell", slug="mira-castell")
    now = timezone.now()
    articles = []
    for n, minutes in enumerate([5, 50, 180, 60 * 26, 60 * 24 * 9]):
        draft = actions.create_draft(
            headline=f"Update {n}: crews repair the northern line before the storm",
            lede="Engineers worked through the night on the signalling at the junction.",
            body="A paragraph of the body. " * (40 * n + 1),
            tags=["Transport"],
            authors=[author],
            is_breaking=n % 2 == 0,
        )
        articles.append(actions.publish(draft, at=now - timedelta(minutes=minutes)))
    actions.pin(articles[1])
    wait_until_server_knows(site)
    return articles


@pytest.fixture
def wire_source(browser: Any) -> Source:
    source = Source.objects.create(
        url="https://northern-regional-broadcasting.example/news/feeds/rss/latest-updates.xml",
        outlet="Northern Regional Broadcasting",
        state="ok",
        next_check_at=timezone.now() + timedelta(days=1),
    )
    story = Story.objects.create(title="Rail strike", spreading_at=timezone.now())
    WireItem.objects.create(
        source=source,
        external_id="one",
        url="https://northern-regional-broadcasting.example/news/2026/rail-strike-called-off",
        title="Rail strike called off after late-night talks at the ministry",
        summary="The unions accepted the offer. Trains run as normal tomorrow.",
        story=story,
    )
    # A second outlet's report, to compare side by side (with a long word).
    WireItem.objects.create(
        source=Source.objects.create(
            url="https://coast.example/rss.xml", outlet="Coastal Monitor and Evening Gazette"
        ),
        external_id="two",
        url="https://coast.example/rail",
        title="Rail strike called off after talks at the transport-and-infrastructure-ministry",
        summary="The unions accepted the revised offer. Trains run as normal tomorrow morning.",
        story=story,
    )
    return source


def phone(browser: Any, width: int) -> Any:
    return browser.new_context(viewport={"width": width, "height": 740}).new_page()


def sign_in(page: Any, site: Server) -> None:
    page.goto(site.url + "/desk/login/")
    page.fill("#id_username", "eden")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.url + "/desk/")


def assert_no_sideways_scroll(page: Any, path: str) -> None:
    width, viewport = page.evaluate(OVERFLOW_JS)
    assert width <= viewport, f"{path} scrolls sideways at {viewport} px ({width} px wide)"


@pytest.mark.parametrize("width", PHONES)
def test_reader_pages_fit_a_phone(
    browser: Any, site: Server, newsroom: list[Article], width: int
) -> None:
    page = phone(browser, width)
    for path in ("/", newsroom[-1].get_absolute_url(), "/tag/transport/"):
        page.goto(site.url + path)
        assert_no_sideways_scroll(page, path)
    page.context.close()


@pytest.mark.parametrize("width", PHONES)
def test_a_wrapped_meta_line_never_starts_with_a_separator(
    browser: Any, site: Server, newsroom: list[Article], width: int
) -> None:
    page = phone(browser, width)
    wrapped = 0
    for path in ("/", newsroom[0].get_absolute_url()):
        page.goto(site.url + path)
        page.wait_for_selector("time[data-relative] .rel")  # feed.js has run
        for meta in page.locator(".card-meta").element_handles():
            lines = meta.evaluate(LINES_JS)
            assert "·" in "".join(lines)
            assert not [line for line in lines if line.startswith("·")], (path, lines)
            wrapped += len(lines) > 1
    assert wrapped, "no meta line wrapped: the test proves nothing at this width"
    page.context.close()


def test_the_article_meta_clears_the_header_rule(
    browser: Any, site: Server, newsroom: list[Article]
) -> None:
    page = phone(browser, 360)
    page.goto(site.url + newsroom[0].get_absolute_url())
    gap = page.evaluate(
        "document.querySelector('.story-header .card-meta').getBoundingClientRect().top"
        " - document.querySelector('.site-header').getBoundingClientRect().bottom"
    )
    assert gap >= 16, f"the meta line sits {gap} px under the header rule"
    page.context.close()


@pytest.mark.parametrize("width", PHONES)
def test_desk_and_wire_pages_fit_a_phone(
    browser: Any, site: Server, newsroom: list[Article], wire_source: Source, width: int
) -> None:
    make_user("eden", "editor")
    item = WireItem.objects.order_by("pk").first()
    assert item is not None
    page = phone(browser, width)
    sign_in(page, site)
    for path in (
        "/desk/",
        "/desk/wire/",
        "/desk/wire/sources/",
        f"/desk/wire/items/{item.pk}/",
        f"/desk/articles/{newsroom[0].pk}/",
        f"/desk/articles/{newsroom[0].pk}/history/",
        "/desk/account/",
    ):
        page.goto(site.url + path)
        for summary in page.locator("details > summary").all():
            summary.click()  # the wire's side-by-side comparison, open
        assert_no_sideways_scroll(page, path)
        outside = page.evaluate(
            """() => [...document.querySelectorAll('.desk-header nav li')]
                .filter((li) => li.getBoundingClientRect().right > window.innerWidth)
                .map((li) => li.textContent.trim())"""
        )
        assert outside == [], f"{path}: {outside} off the screen at {width} px"
        assert page.get_by_role("button", name="Sign out").is_visible()
    # The preview is the reader's page, seen from the desk.
    preview = f"/desk/articles/{newsroom[0].pk}/preview/"
    page.goto(site.url + preview)
    assert_no_sideways_scroll(page, preview)
    page.context.close()

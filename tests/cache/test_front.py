"""The front's handling of cacheable requests that miss: one render per page
at a time, never a page from before an invalidation, and dropped pages that
readers asked for rendered again straight away. Django is stood in for by a
small ASGI application that counts its renders."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from newsdesk.cache.front import PageFront
from newsdesk.cache.store import PAGES


class Renders:
    """An ASGI app that renders ``/`` as "version N", optionally held."""

    def __init__(self) -> None:
        self.count = 0
        self.scopes: list[dict[str, Any]] = []
        self.hold: asyncio.Event | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.count += 1
        self.scopes.append(scope)
        version = self.count
        if self.hold is not None:
            await self.hold.wait()
        body = b"<p>version %d</p>" % version + b" " * 2000
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"x-newsdesk-deps", b"all")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def request(path: str = "/") -> dict[str, Any]:
    return {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
            "query_string": b"", "headers": [(b"host", b"news.example")],
            "server": ("127.0.0.1", 8000)}  # fmt: skip


async def fetch(front: PageFront, path: str = "/") -> tuple[bytes, bytes]:
    """The body and X-Cache of one request through the front."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await front.serve(path, request(path), receive, send)
    source = dict(sent[0]["headers"]).get(b"x-cache", b"")
    return sent[1]["body"], source


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    PAGES.clear()
    yield
    PAGES.clear()


def test_concurrent_misses_for_one_page_render_it_once() -> None:
    async def scenario() -> None:
        app = Renders()
        app.hold = asyncio.Event()
        front = PageFront(app)
        first = asyncio.create_task(fetch(front))
        await asyncio.sleep(0.01)
        others = [asyncio.create_task(fetch(front)) for _ in range(5)]
        await asyncio.sleep(0.01)
        app.hold.set()
        results = await asyncio.gather(first, *others)
        assert app.count == 1
        assert {body for body, _ in results} == {results[0][0]}
        assert await fetch(front) == (results[0][0], b"hit")

    asyncio.run(scenario())


def test_a_render_begun_before_an_invalidation_is_not_shared_after_it() -> None:
    async def scenario() -> None:
        app = Renders()
        app.hold = asyncio.Event()
        front = PageFront(app)
        early = asyncio.create_task(fetch(front))
        await asyncio.sleep(0.01)
        PAGES.invalidate({"all"})  # a publish lands while version 1 renders
        late = asyncio.create_task(fetch(front))
        await asyncio.sleep(0.01)
        app.hold.set()
        (early_body, _), (late_body, _) = await asyncio.gather(early, late)
        assert app.count == 2
        assert b"version 1" in early_body and b"version 2" in late_body
        assert b"version 2" in (await fetch(front))[0]  # version 1 was not stored

    asyncio.run(scenario())


def test_a_requested_page_is_rendered_again_when_dropped() -> None:
    async def scenario() -> None:
        app = Renders()
        front = PageFront(app, warm=4)
        front.start()
        try:
            await fetch(front)  # rendered and stored
            await fetch(front)  # a hit: a page readers ask for
            await fetch(front, "/tag/quiet/")  # stored, never asked for again
            PAGES.invalidate({"all"})
            for _ in range(100):
                if PAGES.get("/") is not None:
                    break
                await asyncio.sleep(0.01)
            entry = PAGES.get("/")
            assert entry is not None and b"version 3" in entry.body
            assert app.count == 3 and PAGES.get("/tag/quiet/") is None
            assert dict(app.scopes[-1]["headers"])[b"host"] == b"news.example"
        finally:
            front.stop()

    asyncio.run(scenario())


async def inline(fn: Any, *args: Any) -> Any:
    return fn(*args)


def test_the_hub_swaps_requested_pages_for_fresh_ones_without_a_miss() -> None:
    async def scenario() -> None:
        app = Renders()
        front = PageFront(app, warm=4)
        front.start()
        try:
            await fetch(front)
            await fetch(front)  # requested: refreshed in place
            await fetch(front, "/tag/quiet/")  # never asked for again: dropped
            assert app.count == 2
            await PAGES.refresh({"all"}, (0, 1), inline)
            entry = PAGES.get("/")  # at once: no window without the page
            assert entry is not None and b"version 3" in entry.body
            assert PAGES.get("/tag/quiet/") is None
            assert await fetch(front) == (entry.body, b"hit")
            assert app.count == 3
        finally:
            front.stop()

    asyncio.run(scenario())


def test_a_fresh_page_is_not_swapped_in_after_another_invalidation() -> None:
    async def scenario() -> None:
        app = Renders()
        front = PageFront(app, warm=4)
        front.start()
        renderer = PAGES.renderer
        assert renderer is not None

        async def render_while_another_event_lands(keys: list[str]) -> Any:
            found = await renderer(keys)
            PAGES.invalidate({"all"})  # committed and read while rendering
            return found

        try:
            await fetch(front)
            await fetch(front)
            PAGES.renderer = render_while_another_event_lands
            await PAGES.refresh({"all"}, (0, 1), inline)
            entry = PAGES.get("/")
            assert entry is None or b"version 2" not in entry.body
        finally:
            PAGES.renderer = None
            front.stop()

    asyncio.run(scenario())


def test_a_page_rendered_again_after_a_commit_here_stays_wanted_for_the_hub() -> None:
    async def scenario() -> None:
        app = Renders()
        front = PageFront(app, warm=4)
        front.start()
        try:
            for _ in range(3):
                await fetch(front)  # stored, then asked for twice
            PAGES.invalidate({"all"})  # a commit in this process
            for _ in range(100):
                if PAGES.hot({"all"}, 4) == ["/"]:
                    break
                await asyncio.sleep(0.01)
            assert PAGES.hot({"all"}, 4) == ["/"] and app.count == 2
            await PAGES.refresh({"all"}, (0, 1), inline)  # its hub reads the same event
            entry = PAGES.get("/")
            assert entry is not None and b"version 3" in entry.body
        finally:
            front.stop()

    asyncio.run(scenario())

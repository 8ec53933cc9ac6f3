"""Random and mangled bytes through the whole pipeline: HTTP, fetch, parse, store."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.wire.fetch import refresh_source
from newsdesk.wire.models import (
    AUTHOR_MAX,
    SUMMARY_MAX,
    TEXT_MAX,
    TITLE_MAX,
    URL_MAX,
    Source,
    WireItem,
)

from .conftest import Clock, FeedServer, Reply, sample

SAMPLES = [
    sample(name)
    for name in (
        "rss091.xml",
        "rss10.rdf",
        "rss20.xml",
        "atom.xml",
        "feed.json",
        "sitemap_news.xml",
        "article.html",
        "section.html",
    )
]


def _splice(base: bytes, noise: bytes, at: int, cut: int) -> bytes:
    at %= len(base) + 1
    return base[:at] + noise + base[at + cut :]


bodies = st.one_of(
    st.binary(max_size=3000),
    st.builds(
        _splice,
        st.sampled_from(SAMPLES),
        st.binary(max_size=300),
        st.integers(0, 5000),
        st.integers(0, 200),
    ),
    st.builds(
        lambda text: text.encode("utf-8", "surrogatepass"),
        st.text(alphabet=st.characters(codec=None), max_size=500).map(
            lambda t: (
                f'<rss version="2.0"><channel><item><guid>{t[:40]}</guid>'
                f"<title>{t}</title><description>{t}</description></item></channel></rss>"
            )
        ),
    ),
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies, kind=st.sampled_from([k for k, _ in Source.Kind.choices]))
def test_any_bytes_end_as_items_or_a_clear_error(
    body: bytes,
    kind: str,
    server: FeedServer,
    client: httpx.Client,
    clock: Clock,
    make_source: Callable[..., Source],
    wire_settings: Any,
) -> None:
    server.routes["/any"] = Reply(200, body, {"Content-Type": "application/octet-stream"})
    source, _ = Source.objects.update_or_create(
        url=server.url("/any"), defaults={"kind": kind, "etag": "", "last_modified": ""}
    )
    kept = set(WireItem.objects.filter(source=source).values_list("pk", flat=True))

    started = time.monotonic()
    result = refresh_source(source, client=client, clock=clock)
    assert time.monotonic() - started < 5

    assert result.status in ("ok", "failed")
    source.refresh_from_db()
    if result.status == "failed":
        assert result.error and source.last_error == result.error[:1000]
        assert source.state == "failing"
    else:
        assert source.state == "ok"
    # Nothing stored before is lost, and every stored value fits its column.
    items = list(WireItem.objects.filter(source=source))
    assert kept <= {item.pk for item in items}
    for item in items:
        assert len(item.title) <= TITLE_MAX and len(item.summary) <= SUMMARY_MAX
        assert len(item.text) <= TEXT_MAX and len(item.author) <= AUTHOR_MAX
        assert len(item.url) <= URL_MAX and item.external_id
        for value in (item.title, item.summary, item.text, item.author):
            value.encode("utf-8")
            assert "\x00" not in value

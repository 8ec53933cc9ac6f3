"""The wire desk's intake: feeds parsed, near-duplicates and stories, pages
extracted -- each beside a baseline measured in the same run.

It generates a corpus (newsdesk/wire/labelled/corpus.py: invented outlets and
events; a fixed seed) of ``--items`` items written as RSS 2.0 and Atom feeds
of 100 items each, in the order they appear, where about a third of items are
republished copies of another outlet's article and most events are covered by
several outlets; and ``--pages`` HTML article pages with a site's usual
navigation, scripts and footer around the text. Then:

1. items/s for parse + dedup + cluster: ``newsdesk.wire.parse.parse_feed``
   and ``similarity.Engine`` (the code ``assign()`` runs, in memory), against
   feedparser.parse alone on the same feed documents;
2. pages/s for ``newsdesk.wire.parse.parse_article`` (trafilatura's
   bare_extraction with metadata, then our cleaning) against
   trafilatura.extract alone on the same pages;
3. near-duplicate precision and recall on the labelled set, and on the
   generated corpus (whose copies are known);
4. publish at the source to visible in the open monitor, pushed through a
   WebSub hub against polled (bench/wire_latency.py).

    python -m bench.wire [--items 100000] [--pages 300] [--pushes 20] [--polls 3]
    python -m bench.wire --latency       # only 4
"""

from __future__ import annotations

import argparse
import html
import os
import random
import resource
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import django

# A database of the run's own (bench.run sets one; so does a direct run).
os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-wire-"))
django.setup()

import feedparser  # noqa: E402
import trafilatura  # noqa: E402

from newsdesk.wire import parse, similarity  # noqa: E402
from newsdesk.wire.labelled import build, corpus, evaluate  # noqa: E402

SEED = 20_261_127
PER_FEED = 100
START = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)


# The corpus ----------------------------------------------------------------


def generate(count: int, seed: int = SEED) -> list[dict[str, Any]]:
    """``count`` items in the order they appear, with their copy labels."""
    rng = random.Random(seed)
    outlets = corpus.outlets(rng, 60)
    originators = [o for o in outlets if not o.republishes]
    items: list[dict[str, Any]] = []
    # Spread over a week: about 600 items an hour, a busy wire desk.
    hours = max(1.0, count / 600)
    events = 0
    while len(items) < count:
        ev = corpus.event(rng, f"E{events}", corpus.jitter(rng, START, hours))
        events += 1
        for w in range(rng.choice([1, 1, 2, 3, 5])):
            writer = rng.choice(originators if w == 0 else outlets)
            at = corpus.jitter(rng, ev.start, 0.5 if w == 0 else 12)
            article = corpus.write(rng, ev)
            key = len(items)
            items.append(_item(key, corpus.own(article, writer), writer, at, key))
            if writer in originators:
                for client in rng.sample(outlets, rng.choice([0, 0, 1, 2])):
                    copy = corpus.republish(rng, article, ev, client)
                    later = corpus.jitter(rng, at, 6)
                    items.append(_item(len(items), copy, client, later, key))
    items = sorted(items[:count], key=lambda i: i["at"])
    return items


def _item(
    key: int, article: corpus.Article, outlet: corpus.Outlet, at: datetime, copy: int
) -> dict[str, Any]:
    return {
        "key": key,
        "copy": copy,
        "outlet": outlet,
        "title": article.title,
        "lede": article.lede,
        "paragraphs": [article.lede, *article.paragraphs],
        "at": at,
    }


def rss(items: list[dict[str, Any]], n: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Wire feed {n}</title><link>https://feeds{n}.example/</link>"
        "<description>Latest news</description><ttl>5</ttl>"
    ]
    for item in items:
        host = item["outlet"].host
        body = "".join(f"<p>{html.escape(p)}</p>" for p in item["paragraphs"])
        parts.append(
            f"<item><title>{html.escape(item['title'])}</title>"
            f"<link>https://{host}/news/{item['key']}</link>"
            f'<guid isPermaLink="false">{host}-{item["key"]}</guid>'
            f"<pubDate>{format_datetime(item['at'])}</pubDate>"
            f"<description>{html.escape(item['lede'])}</description>"
            f"<content:encoded>{html.escape(body)}</content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def atom(items: list[dict[str, Any]], n: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Wire feed {n}</title><id>urn:feed:{n}</id>"
        f"<updated>{items[-1]['at'].isoformat()}</updated>"
        f'<link rel="alternate" href="https://feeds{n}.example/"/>'
    ]
    for item in items:
        host = item["outlet"].host
        body = "".join(f"<p>{html.escape(p)}</p>" for p in item["paragraphs"])
        parts.append(
            f"<entry><title>{html.escape(item['title'])}</title>"
            f"<id>urn:{host}:{item['key']}</id>"
            f'<link rel="alternate" href="https://{host}/news/{item["key"]}"/>'
            f"<updated>{item['at'].isoformat()}</updated>"
            f"<author><name>{html.escape(item['outlet'].name)}</name></author>"
            f"<summary>{html.escape(item['lede'])}</summary>"
            f'<content type="html">{html.escape(body)}</content></entry>'
        )
    parts.append("</feed>")
    return "".join(parts).encode()


def page(item: dict[str, Any], rng: random.Random) -> bytes:
    """An article page as news sites serve them: the text is a small part."""
    outlet = item["outlet"]
    nav = "".join(
        f'<li><a href="/section/{s}">{s.title()}</a></li>'
        for s in ["world", "politics", "business", "sport", "culture", "science", "opinion"] * 6
    )
    related = "".join(
        f'<li><a href="/news/{rng.randint(1, 10**6)}">{html.escape(corpus.place(rng))} '
        f"council meets on {rng.choice(corpus.DAYS)}</a></li>"
        for _ in range(12)
    )
    script = "var cfg={" + ",".join(f'"k{n}":{n}' for n in range(600)) + "};"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item["paragraphs"])
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(item['title'])} | {html.escape(outlet.name)}</title>"
        f'<meta name="description" content="{html.escape(item["lede"])}">'
        f'<meta property="og:title" content="{html.escape(item["title"])}">'
        f'<meta name="author" content="{html.escape(outlet.name)} staff">'
        f'<meta property="article:published_time" content="{item["at"].isoformat()}">'
        f"<style>{'body{margin:0}.nav a{color:#333}' * 80}</style>"
        f"<script>{script}</script></head><body>"
        f'<header class="site"><a href="/">{html.escape(outlet.name)}</a>'
        f'<nav class="nav"><ul>{nav}</ul></nav></header>'
        '<div class="ad">Advertisement</div><main><article>'
        f"<h1>{html.escape(item['title'])}</h1>"
        f'<p class="byline">By {html.escape(outlet.name)} staff · '
        f'<time datetime="{item["at"].isoformat()}">{item["at"]:%d %B %Y}</time></p>'
        f'<div class="article-body">{body}</div></article>'
        f'<aside><h2>Related</h2><ul class="related">{related}</ul></aside></main>'
        '<div class="newsletter"><form><input name=email placeholder="Your email">'
        "<button>Sign up</button></form></div>"
        f"<footer><ul>{nav}</ul><p>Copyright {html.escape(outlet.name)}.</p></footer>"
        f"<script>{script}</script></body></html>"
    ).encode()


# Measurements --------------------------------------------------------------


def baseline_feeds(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        count += len(feedparser.parse(path.read_bytes()).entries)
    return count


def our_feeds(paths: list[Path]) -> tuple[int, float, similarity.Engine, dict[str, Any]]:
    engine = similarity.Engine()
    decisions: dict[str, Any] = {}
    parse_seconds = 0.0
    count = 0
    for path in paths:
        start = time.perf_counter()
        feed = parse.parse_feed(path.read_bytes(), "https://wire.example/")
        parse_seconds += time.perf_counter() - start
        for item in feed.items:
            seen = item.published_at or START
            decisions[item.url] = engine.add(item.url, item.title, item.summary, item.text, seen)
            count += 1
    return count, parse_seconds, engine, decisions


def corpus_scores(items: list[dict[str, Any]], decisions: dict[str, Any]) -> tuple[float, float]:
    """Pairwise near-duplicate precision and recall on the generated corpus,
    counted per group rather than enumerated (groups can be large)."""
    url = {i["key"]: f"https://{i['outlet'].host}/news/{i['key']}" for i in items}
    truth = {url[i["key"]]: i["copy"] for i in items}
    predicted = {u: (d.duplicate_of or u) for u, d in decisions.items()}
    both = Counter((predicted[u], truth[u]) for u in truth)

    def pairs(counter: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    hits = pairs(both)
    got = pairs(Counter(predicted[u] for u in truth))
    want = pairs(Counter(truth.values()))
    return (hits / got if got else 1.0), (hits / want if want else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--pushes", type=int, default=20, help="pushed reports timed")
    parser.add_argument(
        "--polls", type=int, default=3, help="polled reports timed (up to 90 s each)"
    )
    parser.add_argument("--latency", action="store_true", help="only the latency section")
    args = parser.parse_args()
    if args.latency:
        from bench import wire_latency

        wire_latency.run(args.pushes, args.polls)
        return

    start = time.perf_counter()
    items = generate(args.items)
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="newsdesk-wire-") as tmp:
        paths = []
        for n in range(0, len(items), PER_FEED):
            chunk = items[n : n + PER_FEED]
            path = Path(tmp) / f"feed{n // PER_FEED}.xml"
            path.write_bytes(atom(chunk, n) if (n // PER_FEED) % 5 == 4 else rss(chunk, n))
            paths.append(path)
        pages = [page(item, rng) for item in rng.sample(items, min(args.pages, len(items)))]
        size = sum(p.stat().st_size for p in paths)
        copies = sum(1 for i in items if i["copy"] != i["key"])
        print(
            f"corpus: {len(items)} items ({copies} republished copies) in {len(paths)} feeds "
            f"({size / 1e6:.0f} MB), {len(pages)} pages "
            f"({sum(map(len, pages)) / len(pages) / 1e3:.0f} KB each); "
            f"generated in {time.perf_counter() - start:.0f} s",
            flush=True,
        )

        t = time.perf_counter()
        base_count = baseline_feeds(paths)
        base_seconds = time.perf_counter() - t
        t = time.perf_counter()
        count, parse_seconds, engine, decisions = our_feeds(paths)
        ours_seconds = time.perf_counter() - t
    assert count == base_count == len(items), (count, base_count, len(items))

    base_rate, ours_rate = base_count / base_seconds, count / ours_seconds
    print(f"baseline: feedparser.parse alone: {base_rate:,.0f} items/s ({base_seconds:.1f} s)")
    print(
        f"parse + dedup + cluster: {ours_rate / base_rate:.2f}x baseline throughput "
        f"({ours_rate:,.0f} items/s, {ours_seconds:.1f} s: parse {parse_seconds:.1f} s, "
        f"dedup + cluster {ours_seconds - parse_seconds:.1f} s)"
    )
    duplicates = sum(1 for d in decisions.values() if d.duplicate_of is not None)
    print(
        f"  {duplicates} items marked copies, {len(engine.story_sizes)} stories; "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )

    base_pages = _rate(lambda p: trafilatura.extract(p), pages)
    ours_pages = _rate(lambda p: parse.parse_article(p, "https://wire.example/a"), pages)
    print(f"baseline: trafilatura.extract alone: {base_pages:,.1f} pages/s")
    print(
        f"extraction (parse_article): {ours_pages / base_pages:.2f}x baseline throughput "
        f"({ours_pages:,.1f} pages/s)"
    )

    p, r = corpus_scores(items, decisions)
    print(f"near-duplicates on the generated corpus: precision {p:.3f}, recall {r:.3f}")
    labelled = build.load()
    scores = evaluate.evaluate(labelled, similarity.DEFAULT)
    print(
        f"near-duplicates on the labelled set ({len(labelled)} items): precision "
        f"{scores.dup_precision:.3f}, recall {scores.dup_recall:.3f}; stories B-cubed "
        f"precision {scores.story_precision:.3f}, recall {scores.story_recall:.3f}"
    )

    from bench import wire_latency

    wire_latency.run(args.pushes, args.polls)


def _rate(fn: Any, pages: list[bytes]) -> float:
    fn(pages[0])  # imports and caches
    start = time.perf_counter()
    for data in pages:
        fn(data)
    return len(pages) / (time.perf_counter() - start)


if __name__ == "__main__":
    main()

"""Build the labelled set: items.json beside this file.

    python -m newsdesk.wire.labelled.build

Each item carries two labels:

* ``copy``: items with the same value are the same copy (one article and its
  republications with small edits) -- they are near-duplicates;
* ``event``: items with the same value are about the same event -- one story.
  Different articles about one event share the event, not the copy.

The set spans ten days. Events start at random times; their articles arrive
within a day and a half, the copies within hours of the article they copy.
Unrelated items are single articles about events nobody else covers, many of
them of the same kind as others (another flood, another strike), so that the
story threshold is tested on near misses and not only on obvious ones.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.wire.labelled import corpus

HERE = Path(__file__).resolve().parent
ITEMS = HERE / "items.json"
SEED = 7_2026
EVENTS = 70
SINGLES = 90
START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


def build(seed: int = SEED, events: int = EVENTS, singles: int = SINGLES) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - reproducible text, not secrets
    outlets = corpus.outlets(rng, 14)
    originators = [o for o in outlets if not o.republishes]
    republishers = [o for o in outlets if o.republishes]
    items: list[dict[str, Any]] = []

    def emit(article: corpus.Article, outlet: corpus.Outlet, at: datetime, ev: str, copy: str):
        n = len(items) + 1
        key = f"L{n:04d}"
        summary = article.lede if rng.random() < 0.8 else ""
        items.append(
            {
                "id": key,
                "outlet": outlet.name,
                "url": f"https://{outlet.host}/news/{n}",
                "title": article.title,
                "summary": summary,
                "text": article.text,
                "first_seen_at": at.isoformat(),
                "event": ev,
                "copy": copy or key,
            }
        )
        return key

    span = timedelta(days=10).total_seconds() / 3600
    for e in range(events):
        ev = corpus.event(rng, f"E{e:03d}", corpus.jitter(rng, START, span))
        writers = rng.sample(outlets, rng.randint(1, 4))
        for w, writer in enumerate(writers):
            at = corpus.jitter(rng, ev.start, 1 if w == 0 else 30)
            article = corpus.write(rng, ev)
            copy = emit(corpus.own(article, writer), writer, at, ev.key, "")
            wanted = rng.choice([0, 1, 2, 3, 4]) if writer in originators else rng.choice([0, 0, 1])
            others = [o for o in republishers if o is not writer]
            for client in rng.sample(others, min(wanted, len(others))):
                later = corpus.jitter(rng, at, 8)
                emit(corpus.republish(rng, article, ev, client), client, later, ev.key, copy)
    for s in range(singles):
        ev = corpus.event(rng, f"S{s:03d}", corpus.jitter(rng, START, span))
        writer = rng.choice(outlets)
        emit(corpus.own(corpus.write(rng, ev), writer), writer, ev.start, ev.key, "")
    items.sort(key=lambda item: (item["first_seen_at"], item["id"]))
    return items


def load() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(ITEMS.read_text(encoding="utf-8"))
    for item in items:
        item["first_seen_at"] = datetime.fromisoformat(item["first_seen_at"])
    return items


def main() -> None:
    items = build()
    ITEMS.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    copies = len({i["copy"] for i in items})
    events = len({i["event"] for i in items})
    print(f"{len(items)} items, {copies} distinct copies, {events} events -> {ITEMS}")  # noqa: T201


if __name__ == "__main__":
    main()

"""Search at scale: generated articles straight into the index, then query
mixes through ``search.find.ranked`` (what the reader page runs), each against
a plain ``ORDER BY rank`` baseline on the same index in the same run.

    python -m bench.search                          # SQLite, 1,000,000 articles
    python -m bench.search --articles 100000
    python -m bench.search --postgres postgres://postgres@127.0.0.1:5432/postgres

The vocabulary is Zipf-distributed (50,000 made-up words), with named
entities (places, people) and dates; the rows go into ``search_document``
and the tag table with foreign-key checks off, since only the index is
measured. Prints p50/p95/p99 per mix in milliseconds and our p95 over the
baseline's. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

SEED = 14
VOCABULARY = 50_000
RUNS = 60


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument(
        "--postgres", metavar="URL", help="a PostgreSQL server to create a database on"
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="queries per mix")
    return parser.parse_args()


ARGS = (
    _args() if __name__ == "__main__" else argparse.Namespace(articles=1000, postgres=None, runs=5)
)
BENCH_DB = "newsdesk_bench_search"
if ARGS.postgres:
    base = ARGS.postgres.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{BENCH_DB}"
else:
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-search-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

if __name__ == "__main__":
    if ARGS.postgres:
        import psycopg

        with psycopg.connect(ARGS.postgres, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from newsdesk.search import find  # noqa: E402
from newsdesk.search.query import parse  # noqa: E402

SYLLABLES = ["ka", "ro", "mi", "tel", "sa", "vor", "an", "dre", "li", "bo"]
SYLLABLES += ["nes", "ta", "quar", "ul", "fen", "dal", "mo", "ri", "ste", "van"]
TAGS = 40


def vocabulary(rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(words, key=lambda w: rng.random())


def documents(count: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    vocab = vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))  # Zipf
    places = [w.capitalize() for w in vocab[1000:3000]]
    people = [
        f"{a.capitalize()} {b.capitalize()}"
        for a, b in zip(vocab[3000:3500], vocab[4000:4500], strict=True)
    ]
    start = 1_700_000_000
    for pk in range(1, count + 1):
        text = rng.choices(vocab, cum_weights=cumulative, k=8 + 20 + 60)
        place = rng.choice(places)
        day = f"{rng.randint(1, 28)} {rng.choice(['january', 'march', 'june', 'october'])}"
        yield (
            pk,
            True,
            start + pk * 30,
            " ".join([place, *text[:7]]).lower(),
            " ".join([*text[8:28], day]).lower(),
            " ".join([*text[28:], rng.choice(people)]).lower(),
            f"tag{pk % TAGS}",
            rng.choice(people).lower(),
            "the harbour gazette",
        )


def load(count: int) -> dict[str, Any]:
    rng = random.Random(SEED)
    started = time.perf_counter()
    rows = documents(count, rng)
    through = "news_article_tags"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        else:
            cursor.execute("SET session_replication_role = replica")
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == 10_000:
                _insert(cursor, batch, through)
                batch = []
        if batch:
            _insert(cursor, batch, through)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("VACUUM ANALYZE search_document")
            cursor.execute(f"VACUUM ANALYZE {through}")
        else:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("ANALYZE")
    vocab = vocabulary(random.Random(SEED))
    return {"seconds": time.perf_counter() - started, "vocab": vocab}


def _insert(cursor: Any, batch: list[tuple[Any, ...]], through: str) -> None:
    cursor.executemany(
        "INSERT INTO search_document (article_id, public, stamp, headline, lede, body, tags,"
        " authors, outlets) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        batch,
    )
    cursor.executemany(
        f"INSERT INTO {through} (article_id, tag_id) VALUES (%s, %s)",  # noqa: S608  a constant
        [(row[0], row[0] % TAGS + 1) for row in batch],
    )


def baseline(text: str) -> Callable[[], None]:
    parsed = parse(text)
    if connection.vendor == "sqlite":
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 21"
        params: list[Any] = [parsed.fts5()]
    else:
        tsquery, params = find._tsquery(parsed)
        sql = (
            f"SELECT article_id FROM search_document, (SELECT {tsquery} AS q) q"  # noqa: S608
            " WHERE vector @@ q.q ORDER BY ts_rank_cd(vector, q.q) DESC LIMIT 21"
        )

    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def ours(text: str, filters: find.Filters) -> Callable[[], None]:
    parsed = parse(text)
    return lambda: find.ranked(parsed, filters, None, 20) and None


def timings(run: Callable[[], None], runs: int) -> list[float]:
    run()  # warm
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> None:
    call_command("migrate", verbosity=0)
    loaded = load(ARGS.articles)
    vocab = loaded["vocab"]
    print(f"{connection.vendor}: {ARGS.articles:,} articles loaded in {loaded['seconds']:.0f} s")
    rng = random.Random(SEED + 1)
    mixes = {
        "common word": [vocab[rng.randint(3, 10)] for _ in range(ARGS.runs)],
        "rare word": [vocab[rng.randint(20_000, 40_000)] for _ in range(ARGS.runs)],
        "two-word phrase": [
            f'"{vocab[rng.randint(0, 30)]} {vocab[rng.randint(0, 30)]}"' for _ in range(ARGS.runs)
        ],
        "prefix": [vocab[rng.randint(100, 2000)][:4] for _ in range(ARGS.runs)],
        "common word, tag": [vocab[rng.randint(3, 10)] for _ in range(ARGS.runs)],
    }
    print(f"{'mix':18} {'p50':>8} {'p95':>8} {'p99':>8} {'base p95':>9} {'ratio':>6}  (ms)")
    for name, queries in mixes.items():
        filters = find.Filters(tag_id=3) if "tag" in name else find.Filters()
        ours_ms: list[float] = []
        base_ms: list[float] = []
        for text in queries:
            ours_ms += timings(ours(text, filters), 1)
            base_ms += timings(baseline(text), 1)
        ours_ms.sort()
        base_ms.sort()
        ratio = pct(ours_ms, 95) / max(pct(base_ms, 95), 1e-6)
        print(
            f"{name:18} {pct(ours_ms, 50):8.1f} {pct(ours_ms, 95):8.1f} {pct(ours_ms, 99):8.1f}"
            f" {pct(base_ms, 95):9.1f} {ratio:6.2f}",
            flush=True,
        )
    print(f"p50 of all ours: {statistics.median(ours_ms):.1f} ms (last mix)")


if __name__ == "__main__":
    main()
    sys.exit(0)

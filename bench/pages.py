"""Reader pages rendered by Django (cache misses), as ratios to a trivial view.

The baseline is a view that returns a fixed 20 KB body through the same
middleware stack, so the ratio is the cost of our queries and templates.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402

from newsdesk.news import actions  # noqa: E402
from newsdesk.news.models import Article, Author  # noqa: E402

ARTICLES = 500
RUNS = 300
BASELINE_BODY = b"x" * 20_000


def baseline(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BASELINE_BODY)


urlpatterns = [
    path("bench/baseline", baseline),
    path("", include("newsdesk.urls")),
]


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    for _ in range(20):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def seed() -> Article:
    call_command("migrate", verbosity=0)
    author = Author.objects.create(name="Bench Writer", slug="bench-writer", bio="Writes.")
    tags = ["Energy", "Ceasefire talks", "Grid", "Transport", "Civilians", "Markets"]
    last = None
    for n in range(ARTICLES):
        draft = actions.create_draft(
            headline=f"Bench update {n}: repairs continue on the northern line",
            lede="Crews worked through the night to restore power to two districts. " * 2,
            body="A paragraph of body text for the benchmark. " * 40,
            tags=[tags[n % 6], tags[(n + 1) % 6]],
            authors=[author],
        )
        last = actions.publish(draft)
    assert last is not None
    return last


def main() -> None:
    argparse.ArgumentParser(
        prog="python -m bench.pages",
        description="Uncached reader pages rendered in-process, against a trivial view.",
    ).parse_args()
    settings.ROOT_URLCONF = __name__
    article = seed()
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/").status_code == 200
    base = median_ms(lambda: client.get("/bench/baseline"))
    results = {
        "feed page, 20 cards (miss)": median_ms(lambda: client.get("/")),
        "article page (miss)": median_ms(lambda: client.get(article.get_absolute_url())),
        "tag page, 20 cards (miss)": median_ms(lambda: client.get("/tag/energy/")),
    }
    print(f"baseline: fixed 20 KB response through the same middleware: {base:.2f} ms median")
    for name, value in results.items():
        print(f"{name}: {value / base:.1f}x baseline ({value:.2f} ms median)")


if __name__ == "__main__":
    main()

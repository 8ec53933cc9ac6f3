"""Prometheus metrics (docs/operations.md, "Metrics").

Import this module only once the process knows where multi-process values
go: ``newsdesk serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before it starts
the web processes, and prometheus-client reads it when it is first imported.
Hot paths never touch these objects: the page cache and the live hub count in
plain integers, which :func:`add` moves here about once a second.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter(
    "newsdesk_http_requests",
    "HTTP requests answered, by route pattern and status.",
    ["route", "status"],
)
LATENCY = Histogram(
    "newsdesk_http_request_duration_seconds",
    "Time from a request's arrival at the ASGI front to its response headers, by route. "
    "Page cache hits answered at the connection level are counted, not timed.",
    ["route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
PAGE_CACHE = Counter(
    "newsdesk_page_cache",
    "Page cache lookups and changes: hit, miss, stale (served while the database "
    "failed), invalidated (pages dropped).",
    ["result"],
)
LIVE_READERS = Gauge(
    "newsdesk_live_readers",
    "Open /live streams.",
    multiprocess_mode="livesum",
)
LIVE_DELIVERED = Counter(
    "newsdesk_live_events_delivered",
    "Events written to /live streams (one per event per reader).",
)
WIRE_FETCHES = Counter(
    "newsdesk_wire_fetches",
    "Wire source fetches by outcome (ok, not_modified, failed, gone).",
    ["outcome"],
)
WORKER_PASSES = Counter(
    "newsdesk_worker_passes",
    "Passes of the background worker, by outcome (ok, failed).",
    ["outcome"],
)


def add(counter: Counter, amount: float, *labels: str) -> None:
    if amount > 0:
        (counter.labels(*labels) if labels else counter).inc(amount)


def exposition(extra: Iterable[Collector] = ()) -> bytes:
    """The text format: every process's values, plus ``extra`` collectors
    (read now, in this process: the database's queue depths)."""
    if MULTIPROCESS:
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Default())
    for collector in extra:
        registry.register(collector)
    return generate_latest(registry)


class _Default(Collector):
    """The process-wide registry, through a registry of our own per scrape."""

    def collect(self) -> Iterable[Metric]:
        yield from REGISTRY.collect()

"""The worker counts its passes and the wire's fetch outcomes."""

from __future__ import annotations

from prometheus_client import REGISTRY

from newsdesk.ops import metrics
from newsdesk.wire.fetch import RefreshResult
from newsdesk.worker.loop import _count_fetches


def fetched(outcome: str) -> float:
    return REGISTRY.get_sample_value("newsdesk_wire_fetches_total", {"outcome": outcome}) or 0.0


def test_fetch_outcomes_are_counted_by_kind() -> None:
    assert not metrics.MULTIPROCESS  # the test process keeps values in memory
    before = {kind: fetched(kind) for kind in ("ok", "not_modified", "failed")}
    _count_fetches(
        [
            RefreshResult(source_id=1, status="ok", new=3),
            RefreshResult(source_id=2, status="ok"),
            RefreshResult(source_id=3, status="not_modified"),
            RefreshResult(source_id=4, status="failed", error="timed out"),
        ]
    )
    assert fetched("ok") - before["ok"] == 2
    assert fetched("not_modified") - before["not_modified"] == 1
    assert fetched("failed") - before["failed"] == 1

"""Precision and recall of near-duplicates and stories on the labelled set.

    python -m newsdesk.wire.labelled.evaluate          # the production values
    python -m newsdesk.wire.labelled.evaluate --grid   # the threshold grid

Items go through ``similarity.Engine`` (the code bench/wire.py measures and
``assign()`` shares) in the order they were first seen.

* Near-duplicates, pairwise: a predicted pair is two items with the same
  original (an item and its copies); a true pair is two items with the same
  ``copy`` label. Precision = true predicted pairs / predicted pairs, recall =
  true predicted pairs / true pairs.
* Stories, B-cubed: for each item, precision is the share of its predicted
  story that is about its event, recall the share of its event that is in its
  predicted story; both averaged over items. Pairwise figures are printed too.
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from newsdesk.wire import similarity
from newsdesk.wire.labelled.build import build, load


@dataclass(frozen=True)
class Scores:
    dup_precision: float
    dup_recall: float
    story_precision: float  # B-cubed
    story_recall: float
    story_pair_precision: float
    story_pair_recall: float

    def line(self) -> str:
        return (
            f"dedup P {self.dup_precision:.3f} R {self.dup_recall:.3f} | "
            f"stories B3 P {self.story_precision:.3f} R {self.story_recall:.3f} "
            f"(pairwise P {self.story_pair_precision:.3f} R {self.story_pair_recall:.3f})"
        )


def _pairs(labels: Mapping[str, Hashable]) -> set[tuple[str, str]]:
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for key, label in labels.items():
        groups[label].append(key)
    return set(similarity.iter_pairs(groups.values()))


def pairwise(
    predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]
) -> tuple[float, float]:
    got, want = _pairs(predicted), _pairs(truth)
    hits = len(got & want)
    return (hits / len(got) if got else 1.0), (hits / len(want) if want else 1.0)


def bcubed(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]) -> tuple[float, float]:
    by_pred: dict[Hashable, set[str]] = defaultdict(set)
    by_true: dict[Hashable, set[str]] = defaultdict(set)
    for key in truth:
        by_pred[predicted[key]].add(key)
        by_true[truth[key]].add(key)
    precision = recall = 0.0
    for key in truth:
        mine, real = by_pred[predicted[key]], by_true[truth[key]]
        both = len(mine & real)
        precision += both / len(mine)
        recall += both / len(real)
    return precision / len(truth), recall / len(truth)


def run(items: Iterable[dict[str, Any]], params: similarity.Params) -> tuple[dict, dict]:
    """Original and story of every item, as the engine decides them."""
    engine = similarity.Engine(params)
    originals: dict[str, Hashable] = {}
    stories: dict[str, Hashable] = {}
    for item in items:
        decision = engine.add(
            item["id"], item["title"], item["summary"], item["text"], item["first_seen_at"]
        )
        originals[item["id"]] = decision.duplicate_of or item["id"]
        stories[item["id"]] = decision.story
    return originals, stories


def evaluate(items: list[dict[str, Any]], params: similarity.Params) -> Scores:
    originals, stories = run(items, params)
    copies = {item["id"]: item["copy"] for item in items}
    events = {item["id"]: item["event"] for item in items}
    dp, dr = pairwise(originals, copies)
    sp, sr = bcubed(stories, events)
    pp, pr = pairwise(stories, events)
    return Scores(dp, dr, sp, sr, pp, pr)


def _f(p: float, r: float, beta: float = 1.0) -> float:
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def grid(items: list[dict[str, Any]]) -> similarity.Params:
    """Print the grids; return the best params by the rules in the docs."""
    print("near-duplicates (story settings as in production):")  # noqa: T201
    best: tuple[float, similarity.Params] | None = None
    for size in (2, 3, 4, 5):
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            params = similarity.Params.for_threshold(threshold, shingle_words=size)
            scores = evaluate(items, params)
            # A false duplicate hides an item from the desk: precision counts twice.
            score = _f(scores.dup_precision, scores.dup_recall, beta=0.5)
            print(  # noqa: T201
                f"  shingles {size} threshold {threshold:.1f} bands {params.bands}x{params.rows}"
                f": P {scores.dup_precision:.3f} R {scores.dup_recall:.3f} F0.5 {score:.3f}"
            )
            if best is None or score > best[0]:
                best = (score, params)
    assert best is not None
    chosen = best[1]
    print("stories (near-duplicate settings as chosen above):")  # noqa: T201
    best = None
    for lead, entity in itertools.product((40, 80, 150), (1, 3, 5)):
        for threshold in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            params = replace(
                chosen, story_threshold=threshold, lead_words=lead, entity_weight=entity
            )
            scores = evaluate(items, params)
            score = _f(scores.story_precision, scores.story_recall)
            print(  # noqa: T201
                f"  lead {lead} words, names x{entity}, threshold {threshold:.2f}: "
                f"B3 P {scores.story_precision:.3f} R {scores.story_recall:.3f} F1 {score:.3f}"
            )
            if best is None or score > best[0]:
                best = (score, params)
    assert best is not None
    return best[1]


def held_out(seed: int) -> list[dict[str, Any]]:
    """A set built like items.json from another seed: thresholds chosen on
    items.json are measured on text they were not tuned on."""
    items = build(seed)
    for item in items:
        item["first_seen_at"] = datetime.fromisoformat(item["first_seen_at"])
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", action="store_true", help="search the thresholds")
    parser.add_argument(
        "--held-out",
        type=int,
        metavar="SEED",
        help="evaluate on a set generated with this seed instead of items.json",
    )
    args = parser.parse_args()
    items = load() if args.held_out is None else held_out(args.held_out)
    if args.grid:
        best = grid(items)
        print(f"best: {best}")  # noqa: T201
        print(evaluate(items, best).line())  # noqa: T201
    print(f"production: {similarity.DEFAULT}")  # noqa: T201
    print(f"{len(items)} items: {evaluate(items, similarity.DEFAULT).line()}")  # noqa: T201


if __name__ == "__main__":
    main()

"""Run the benchmarks in bench/; each prints its results as ratios against a
baseline measured in the same run (absolute times on shared machines are noise).

    python -m bench.run                 # every benchmark
    python -m bench.run pages wire      # only these
    python -m bench.run --help
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

BENCHMARKS = {
    "pages": "uncached and cached page renders in one process",
    "http": "reader pages over HTTP against nginx serving the same bytes",
    "live": "/live readers: connections, delivery latency and memory per reader",
    "wire": "wire parsing, dedup and clustering against feedparser and trafilatura; push vs poll",
    "search": "full-text search at 1,000,000 articles against a plain ORDER BY rank",
    "imports": "a 1 GB WordPress export imported: peak memory against lxml streaming it alone",
    "alerts": "a breaking alert to 100,000 subscribers against the SMTP sink's own maximum rate",
    "push": "a breaking update pushed to 10,000 browsers against the push service's own maximum",
}


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Run newsdesk's benchmarks, each against a baseline measured in the same run.",
        epilog="\n".join(f"  {name:6} {what}" for name, what in BENCHMARKS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="benchmarks to run (default: all of them): " + ", ".join(BENCHMARKS),
    )
    found = parser.parse_args(argv)
    unknown = [n for n in found.names if n not in BENCHMARKS]
    if unknown:
        parser.error(
            f"no benchmark called {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}"
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    chosen = parse(argv).names or list(BENCHMARKS)
    root = Path(__file__).resolve().parent.parent
    failed = 0
    for name in chosen:
        module = f"bench.{name}"
        with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as data_dir:
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            env["NEWSDESK_DATA_DIR"] = data_dir
            env["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
            print(f"== {module} ==", flush=True)
            failed += subprocess.call([sys.executable, "-m", module], cwd=root, env=env) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

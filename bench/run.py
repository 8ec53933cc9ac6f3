"""Run every benchmark in bench/; each prints its results as ratios against a
baseline measured in the same run (absolute times on shared machines are noise)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCHMARKS = ["bench.pages", "bench.http", "bench.live", "bench.wire"]


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    failed = 0
    for module in BENCHMARKS:
        with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as data_dir:
            env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
            env["NEWSDESK_DATA_DIR"] = data_dir
            env["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
            print(f"== {module} ==", flush=True)
            failed += subprocess.call([sys.executable, "-m", module], cwd=root, env=env) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

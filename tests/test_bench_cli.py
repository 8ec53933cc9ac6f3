"""``python -m bench.run`` explains itself instead of starting every benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench.run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_help_lists_the_benchmarks_and_runs_none() -> None:
    done = bench_run("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: python -m bench.run [-h] [NAME ...]")
    for name in ("pages", "http", "live", "wire", "search"):
        assert f"  {name} " in done.stdout
    assert "== bench." not in done.stdout


def test_an_unknown_name_is_refused_before_anything_runs() -> None:
    done = bench_run("pages", "nope")
    assert done.returncode == 2
    assert "no benchmark called nope; choose from pages, http, live, wire, search" in done.stderr
    assert done.stdout == ""

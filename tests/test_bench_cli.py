"""``python -m bench.run`` and each benchmark explain themselves with --help instead of starting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Nothing runs against a database: the same in either half of make test.
pytestmark = pytest.mark.half("sqlite")

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


@pytest.mark.parametrize("name", ["pages", "http", "live", "wire", "search", "alerts"])
def test_each_benchmark_explains_itself_and_runs_nothing(name: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="newsdesk.settings", NEWSDESK_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: "), done.stdout
    assert list(tmp_path.glob("*.sqlite3")) == []

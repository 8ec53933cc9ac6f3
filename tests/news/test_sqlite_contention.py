"""SQLite under write contention: 8 processes publishing at once, and a long
reader, must see no "database is locked" and lose no row."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

WRITERS = 8
# Enough that the eight always overlap one another and the reader (each
# takes several seconds); more only makes the suite slower.
PER_WRITER = 150
READER_SECONDS = 10


def test_eight_writers_and_a_long_reader(tmp_path: Path) -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("SQLite-specific: runs in the SQLite half of the suite")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEWSDESK_DATA_DIR"] = str(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
    root = Path(__file__).resolve().parents[2]
    migrate = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "migrate", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    worker = [sys.executable, "-m", "tests.news.sqlite_worker"]
    reader = subprocess.Popen(
        [*worker, "reader", str(READER_SECONDS)],
        env=env,
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [*worker, "writer", str(PER_WRITER), f"writer-{i}"],
            env=env,
            cwd=root,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    failures = []
    for process in [*writers, reader]:
        _, stderr = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(stderr[-6000:])
    assert failures == [], failures
    assert not any("database is locked" in f for f in failures)

    db = sqlite3.connect(tmp_path / "newsdesk.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        published = db.execute(
            "SELECT count(*) FROM news_article WHERE status = 'published'"
        ).fetchone()[0]
        assert published == WRITERS * PER_WRITER
        events = db.execute("SELECT count(*), count(DISTINCT id) FROM news_event").fetchone()
        assert events == (2 * WRITERS * PER_WRITER, 2 * WRITERS * PER_WRITER)
        for i in range(WRITERS):
            rows = db.execute(
                "SELECT count(*) FROM news_article WHERE headline LIKE ?", (f"writer-{i} %",)
            ).fetchone()[0]
            assert rows == PER_WRITER
    finally:
        db.close()

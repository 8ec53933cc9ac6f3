"""A process that hammers the database through the actions (used by
test_sqlite_contention.py). ``writer N LABEL`` publishes N articles;
``reader SECONDS`` holds a read transaction open for that long."""

from __future__ import annotations

import sqlite3
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402

from newsdesk.news import actions  # noqa: E402


def writer(count: int, label: str) -> None:
    for n in range(count):
        draft = actions.create_draft(headline=f"{label} {n}", lede="Contention test.")
        actions.publish(draft)


def reader(seconds: float) -> None:
    """A long read transaction (a report, an export): in WAL mode it holds a
    snapshot without blocking writers. Django's atomic() would not do here:
    with transaction_mode=IMMEDIATE every atomic block takes the write lock,
    which is why read-only code paths never open one."""
    path = connection.settings_dict["NAME"]
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN")  # deferred: a read snapshot, no write lock
        first = db.execute("SELECT count(*) FROM news_article").fetchone()[0]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            # The snapshot does not move while the writers commit.
            assert db.execute("SELECT count(*) FROM news_article").fetchone()[0] == first
            time.sleep(0.05)
        db.execute("COMMIT")
    finally:
        db.close()


if __name__ == "__main__":
    if sys.argv[1] == "writer":
        writer(int(sys.argv[2]), sys.argv[3])
    else:
        reader(float(sys.argv[2]))

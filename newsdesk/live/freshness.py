"""Commits by other processes on SQLite, noticed at once.

On PostgreSQL a commit anywhere wakes every process through LISTEN/NOTIFY or
Redis. On SQLite, without Redis, a publish by ``newsdesk post``, a separate
worker or a second web process was noticed only at the hub's next poll
(``NEWSDESK_LIVE_POLL_SECONDS``, 0.5 s): until then this process answered
the page from before it.

SQLite counts commits for us. ``PRAGMA data_version`` on a connection
changes whenever another connection has committed to the file since it was
last asked; in WAL mode it reads the shared-memory index, no file I/O and
no lock, a microsecond or two. So:

- before answering a request from the page cache, the front asks; if the
  file moved since the hub last read the events table, the request waits
  for one read (``Hub.catch_up``: shared by every request waiting) and the
  pages it changes are dropped first. The next request after a commit
  anywhere sees it.
- a timer asks every ``NEWSDESK_LIVE_WATCH_SECONDS`` (0.05) and wakes the hub when the file
  moved, so live readers hear of a commit in another process within tens
  of milliseconds, not half a second.

Own-process commits move the counter too (Django's connections are not this
one); they cost one extra read, which the hub shares.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.conf import settings


class DataVersion:
    """``PRAGMA data_version`` of one SQLite file, on a private connection."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None
        #: The version the hub has read the events table after.
        self.seen = self.read()
        #: The version the timer last woke the hub for.
        self.ticked = self.seen

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=0.05, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA query_only = ON")
        return conn

    def read(self) -> int | None:
        """The counter now, or ``None`` when the file cannot be read (the
        caller then behaves as without a watcher)."""
        try:
            if self._conn is None:
                self._conn = self._connect()
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            self.close()
            return None

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def moved(self) -> bool:
        """Has anyone committed since the hub last read? (No change is
        recorded: see ``caught_up``.)"""
        now = self.read()
        return now is not None and now != self.seen

    def caught_up(self, version: int | None) -> None:
        """The hub finished a read that began after ``version`` was read."""
        if version is not None:
            self.seen = version

    def tick(self) -> bool:
        """For the timer: did the file move since the last tick?"""
        now = self.read()
        if now is None or now == self.ticked:
            return False
        self.ticked = now
        return True


def for_default_database() -> DataVersion | None:
    """A watcher for the default database when it is an SQLite file."""
    db = settings.DATABASES["default"]
    if db.get("ENGINE") != "django.db.backends.sqlite3":
        return None
    name = str(db.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    # An unreadable file reads as None on every ask (DataVersion.read): the
    # watcher then never moves and the hub's poll still applies.
    return DataVersion(name)

"""Fixtures of the server tests: two empty databases of the run's own kind."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection


class Databases:
    """Two empty databases of the test's own kind: the site and the restore."""

    def __init__(self, vendor: str, tmp: Path) -> None:
        self.vendor = vendor
        self.tmp = tmp
        suffix = f"{os.getpid()}_{time.monotonic_ns() % 10**9}"
        if vendor == "sqlite":
            self.urls = [
                f"sqlite:///{tmp / 'site.sqlite3'}",
                f"sqlite:///{tmp / 'restored.sqlite3'}",
            ]
        else:
            self.names = [f"nd_backup_site_{suffix}", f"nd_backup_restored_{suffix}"]
            self._admin("CREATE DATABASE {}")
            self.urls = [f"postgres://postgres@127.0.0.1:5432/{name}" for name in self.names]

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as db:
            for name in self.names:
                db.execute(statement.format(name))

    def env(self, n: int) -> dict[str, str]:
        return {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DATABASE_URL": self.urls[n],
            "NEWSDESK_MEDIA_ROOT": str(self.tmp / f"media-{n}"),
        }

    def drop(self) -> None:
        if self.vendor != "sqlite":
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


@pytest.fixture
def databases(django_db_blocker: Any, tmp_path: Path) -> Iterator[Databases]:
    with django_db_blocker.unblock():
        vendor = connection.vendor
    made = Databases(vendor, tmp_path)
    try:
        yield made
    finally:
        made.drop()

"""``newsdesk backup`` and ``restore``, as an operator runs them: a backup
taken during a burst of publishes restores to a site that passes the
database's integrity check and holds every publish acknowledged before the
backup began. On SQLite in the SQLite half, on PostgreSQL in the other."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.live.support import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


def newsdesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


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


def test_a_backup_during_a_burst_of_publishes_restores_whole(
    databases: Databases, tmp_path: Path
) -> None:
    site, restored = databases.env(0), databases.env(1)
    assert newsdesk(site, "migrate", "--verbosity", "0").returncode == 0
    (tmp_path / "media-0" / "images").mkdir(parents=True)
    (tmp_path / "media-0" / "images" / "harbour.webp").write_bytes(b"RIFF-not-really-an-image")

    burst = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "server" / "burst.py")],
        env=site,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acknowledged: list[int] = []

    def read() -> None:
        for line in burst.stdout or []:
            acknowledged.append(int(line))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while len(acknowledged) < 20:
            assert burst.poll() is None, burst.stderr.read() if burst.stderr else ""
            assert time.monotonic() < deadline, "the burst did not publish"
            time.sleep(0.05)
        before = list(acknowledged)  # acknowledged before the backup began
        made = newsdesk(site, "backup", str(tmp_path / "backups"))
        assert made.returncode == 0, made.stderr
        during = len(acknowledged) - len(before)
    finally:
        burst.kill()
        burst.wait()
    assert during > 0, "no publish happened while the backup ran: the test proves too little"
    folder = Path(made.stdout.splitlines()[0])
    assert folder.name.startswith("newsdesk-backup-") and folder.is_dir()
    assert not list((tmp_path / "backups").glob("*.partial"))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"] == databases.vendor
    assert manifest["articles"] >= len(before)
    assert "media/images/harbour.webp" in manifest["files"]

    done = newsdesk(restored, "restore", str(folder))
    assert done.returncode == 0, done.stderr
    assert (
        tmp_path / "media-1" / "images" / "harbour.webp"
    ).read_bytes() == b"RIFF-not-really-an-image"
    ids = set(restored_ids(databases, restored))
    assert set(before) <= ids  # every acknowledged publish is there
    if databases.vendor == "sqlite":
        with sqlite3.connect(tmp_path / "restored.sqlite3") as check:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    # A second restore into a site that now has articles is refused...
    again = newsdesk(restored, "restore", str(folder))
    assert again.returncode != 0 and "already holds articles" in again.stderr
    # ... and a damaged backup is refused before anything is touched.
    database_file = folder / (
        "database.sqlite3" if databases.vendor == "sqlite" else "database.dump"
    )
    with database_file.open("r+b") as damaged:
        damaged.seek(200)
        flipped = bytes(b ^ 0xFF for b in damaged.read(16))
        damaged.seek(200)
        damaged.write(flipped)
    broken = newsdesk(restored, "restore", str(folder))
    assert broken.returncode != 0 and "missing or damaged" in broken.stderr
    assert set(restored_ids(databases, restored)) == ids


def restored_ids(databases: Databases, env: dict[str, str]) -> list[int]:
    """Published article ids in the restored site, read by a process of its own."""
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsdesk.settings');"
        "django.setup(); from newsdesk.news.models import Article;"
        "print(' '.join(str(i) for i in Article.objects.filter(status='published')"
        ".values_list('id', flat=True)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [int(i) for i in done.stdout.split()]


def test_backup_refuses_what_it_cannot_do(databases: Databases, tmp_path: Path) -> None:
    site = databases.env(0)
    assert newsdesk(site, "migrate", "--verbosity", "0").returncode == 0
    (tmp_path / "not-a-backup").mkdir()
    done = newsdesk(site, "restore", str(tmp_path / "not-a-backup"))
    assert done.returncode != 0 and "is not a newsdesk backup" in done.stderr
    blocked = tmp_path / "file-in-the-way"
    blocked.write_text("x")
    done = newsdesk(site, "backup", str(blocked))
    assert done.returncode != 0 and "No backup was made" in done.stderr

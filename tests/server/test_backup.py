"""``newsdesk backup`` and ``restore``, as an operator runs them: a backup
taken during a burst of publishes restores to a site that passes the
database's integrity check and holds every publish acknowledged before the
backup began. On SQLite in the SQLite half, on PostgreSQL in the other."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.live.support import ROOT
from tests.live.support import run_newsdesk as newsdesk

from .conftest import Databases

pytestmark = pytest.mark.django_db(transaction=True)


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

"""Backups a newsroom can restore: ``newsdesk backup`` and ``newsdesk restore``.

A backup is a folder, ``newsdesk-backup-<UTC time>``, holding

- the database as one consistent snapshot taken while the site serves:
  SQLite's online backup API (``database.sqlite3``, checked with
  ``PRAGMA integrity_check`` before the backup is called done), or
  ``pg_dump --format=custom`` (``database.dump``, one repeatable-read
  transaction, checked by ``pg_restore --list``);
- the media folder (uploaded images and their renditions), copied;
- ``manifest.json``: when it was taken, the database kind, the newest
  outbox event and the counts of articles, authors and tags at that moment,
  the migrations applied, and a SHA-256 of every file, which ``restore``
  checks before it touches anything.

Everything committed before the backup began is in it: the snapshot starts
after the command starts. It is written under a temporary name and renamed
when complete, so a folder with the final name is always whole.

``restore`` puts a backup into the configured database, an empty one only:
SQLite through the backup API again, PostgreSQL through ``pg_restore``;
then the media, then ``migrate`` for a backup from an older version, then
the integrity check on the result.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA = "media"
FORMAT = 1


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why."""


@dataclass
class Done:
    path: Path
    manifest: dict[str, Any]


def _counts() -> dict[str, int]:
    from newsdesk.news.models import Article, Author, Event, Tag

    newest = Event.objects.order_by("-id").values_list("id", flat=True).first()
    return {
        "newest_event": int(newest or 0),
        "articles": Article.objects.count(),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
    }


def sha256(path: Path) -> str:
    """A file's SHA-256, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump and pg_restore (the password in the
    environment, never on the command line)."""
    db = settings.DATABASES["default"]
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> str:
    try:
        # Our own argument list (program, flags, settings' names): no shell.
        done = subprocess.run(  # noqa: S603
            command, env=env, capture_output=True, text=True, timeout=6 * 3600
        )
    except FileNotFoundError as exc:
        raise BackupError(
            f"{command[0]} is not installed (PostgreSQL's client programs are needed)."
        ) from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


def integrity_check(path: Path) -> None:
    with sqlite3.connect(path) as check:
        rows = check.execute("PRAGMA integrity_check").fetchall()
    if rows != [("ok",)]:
        raise BackupError(f"{path.name} fails PRAGMA integrity_check: {rows[:5]}")


def backup(destination: Path, *, media: bool = True) -> Done:
    """Write a complete backup folder under ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    name = "newsdesk-backup-" + started.strftime("%Y%m%dT%H%M%S%fZ")
    final = destination / name
    work = destination / (name + ".partial")
    if final.exists() or work.exists():
        raise BackupError(f"{final} exists already.")
    work.mkdir()
    try:
        vendor = connection.vendor
        if vendor == "sqlite":
            counts = _backup_sqlite(work / SQLITE_FILE)
        elif vendor == "postgresql":
            counts = _counts()  # read before the dump starts: the dump holds at least these
            args, env = _pg_env()
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(work / PG_FILE), *args],
                env,
            )
            _run(["pg_restore", "--list", str(work / PG_FILE)], env)
        else:
            raise BackupError(f"newsdesk cannot back up a {vendor} database.")
        if media and Path(settings.MEDIA_ROOT).is_dir():
            shutil.copytree(settings.MEDIA_ROOT, work / MEDIA, symlinks=False)
        from django.db.migrations.recorder import MigrationRecorder

        applied = sorted(
            f"{app}.{name}"
            for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
        )
        files = {
            str(path.relative_to(work)): sha256(path)
            for path in sorted(work.rglob("*"))
            if path.is_file()
        }
        manifest = {
            "format": FORMAT,
            "created_at": started.isoformat(),
            "database": vendor,
            **counts,
            "migrations": applied,
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Done(final, manifest)


def _backup_sqlite(target: Path) -> dict[str, int]:
    """SQLite's online backup: a consistent copy while others write (in WAL
    mode the copy is one read transaction; writers go on meanwhile)."""
    source_path = settings.DATABASES["default"]["NAME"]
    source = sqlite3.connect(source_path, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    integrity_check(target)
    with sqlite3.connect(target) as snapshot:

        def one(sql: str) -> int:
            return int(snapshot.execute(sql).fetchone()[0] or 0)

        return {
            "newest_event": one("SELECT MAX(id) FROM news_event"),
            "articles": one("SELECT COUNT(*) FROM news_article"),
            "authors": one("SELECT COUNT(*) FROM news_author"),
            "tags": one("SELECT COUNT(*) FROM news_tag"),
        }


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, with every file it lists present and unchanged."""
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} is not a newsdesk backup (no readable {MANIFEST}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is a backup in a format this version cannot read.")
    for relative, digest in manifest.get("files", {}).items():
        path = folder / relative
        if not path.is_file() or sha256(path) != digest:
            raise BackupError(
                f"{relative} is missing or damaged in {folder}; nothing was restored."
            )
    return manifest


def restore(folder: Path) -> dict[str, Any]:
    """Restore ``folder`` into the configured database (an empty one: a
    restore never overwrites a newsroom) and media folder."""
    manifest = read_manifest(folder)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest['database']} database; the site runs on {vendor}."
        )
    if _has_content():
        raise BackupError(
            "The site's database already holds articles; a backup is restored into an empty "
            "database only (point DATABASE_URL at a new one)."
        )
    if vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(folder / SQLITE_FILE)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        integrity_check(Path(settings.DATABASES["default"]["NAME"]))
    else:
        connection.close()
        args, env = _pg_env()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             *args, str(folder / PG_FILE)],
            env,
        )  # fmt: skip
    if (folder / MEDIA).is_dir():
        shutil.copytree(folder / MEDIA, settings.MEDIA_ROOT, dirs_exist_ok=True)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a backup from an older version
    if vendor == "postgresql":
        check_postgres()
    return manifest


def check_postgres() -> None:
    """PostgreSQL's nearest to ``PRAGMA integrity_check``: every B-tree index
    verified against its table by amcheck where the extension can be had,
    and every table read to the end."""
    from django.db import DatabaseError, transaction

    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            amcheck = True
        except DatabaseError:  # not installed here, or no right to create it
            amcheck = False
        if amcheck:
            try:
                with transaction.atomic():
                    cursor.execute(
                        "SELECT bt_index_check(c.oid, true) FROM pg_index i "
                        "JOIN pg_class c ON c.oid = i.indexrelid "
                        "JOIN pg_am a ON a.oid = c.relam "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE a.amname = 'btree' AND n.nspname = current_schema()"
                    )
            except DatabaseError as exc:
                raise BackupError(f"The restored database fails its check: {exc}") from exc
        for table in tables:
            quoted = connection.ops.quote_name(table)  # a name the database itself listed
            cursor.execute(f"SELECT count(*) FROM {quoted}")  # noqa: S608


def _has_content() -> bool:
    from django.db.utils import DatabaseError

    from newsdesk.news.models import Article

    try:
        return Article.objects.exists()
    except DatabaseError:  # no tables yet: an empty database
        return False

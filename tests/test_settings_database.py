"""Database connections persist however the database is configured.

Each case loads the settings in a fresh process with only its environment and
reads the connection settings Django will use (``connections[...]
.settings_dict``, after Django has filled in its own defaults), so a value
lost between ``DATABASE_URL`` and Django fails here. Nothing connects.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

READ_EFFECTIVE = """
import json, django
from django.conf import settings
from django.db import connections
django.setup()
print(json.dumps({
    alias: {key: connections[alias].settings_dict[key]
            for key in ("ENGINE", "NAME", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    for alias in settings.DATABASES
}))
"""


def effective(tmp_path: Path, **variables: str) -> dict[str, dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
        NEWSDESK_DATA_DIR=str(tmp_path / "var"),
        NEWSDESK_SECRET_KEY="x" * 50,
        **variables,
    )
    done = subprocess.run(
        [sys.executable, "-c", READ_EFFECTIVE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    databases: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return databases


def test_the_default_sqlite_database_keeps_its_connections(tmp_path: Path) -> None:
    default = effective(tmp_path)["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(tmp_path / "var" / "newsdesk.sqlite3")
    assert default["CONN_MAX_AGE"] == 600
    assert default["CONN_HEALTH_CHECKS"] is False


def test_sqlite_through_database_url_keeps_its_connections(tmp_path: Path) -> None:
    path = tmp_path / "site.sqlite3"
    default = effective(tmp_path, DATABASE_URL=f"sqlite:///{path}")["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(path)
    assert default["CONN_MAX_AGE"] == 600
    assert default["CONN_HEALTH_CHECKS"] is False


def test_postgresql_keeps_its_connections_and_checks_them(tmp_path: Path) -> None:
    default = effective(tmp_path, DATABASE_URL="postgres://news:secret@db.internal:5432/news")[
        "default"
    ]
    assert default["ENGINE"] == "django.db.backends.postgresql"
    assert default["CONN_MAX_AGE"] == 60
    assert default["CONN_HEALTH_CHECKS"] is True


def test_a_read_replica_keeps_its_connections_and_checks_them(tmp_path: Path) -> None:
    databases = effective(
        tmp_path,
        DATABASE_URL="postgres://news:secret@db.internal:5432/news",
        DATABASE_REPLICA_URL="postgres://news:secret@replica.internal:5432/news",
    )
    assert set(databases) == {"default", "replica"}
    for alias in ("default", "replica"):
        assert databases[alias]["CONN_MAX_AGE"] == 60, alias
        assert databases[alias]["CONN_HEALTH_CHECKS"] is True, alias

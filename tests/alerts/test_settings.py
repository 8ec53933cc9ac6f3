"""EMAIL_URL becomes Django's e-mail settings; a wrong one stops start-up with a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.live.support import ROOT, run_newsdesk

PRINT = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
    "s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT, s.DEFAULT_FROM_EMAIL]))"
)


def effective(tmp_path: Path, **env: str) -> list[object]:
    settings_env = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"}
    settings_env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings", NEWSDESK_DATA_DIR=str(tmp_path), **env
    )
    done = subprocess.run(
        [sys.executable, "-c", PRINT],
        env=settings_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found: list[object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_email_url_names_the_backend_and_the_server(tmp_path: Path) -> None:
    assert effective(tmp_path) == [
        "django.core.mail.backends.console.EmailBackend",
        "localhost",
        25,
        "",
        False,
        False,
        30,
        "newsdesk@localhost",
    ]
    assert effective(
        tmp_path,
        EMAIL_URL="smtp://alerts%40news.example:secret@smtp.news.example:587/?tls=True&timeout=10",
        NEWSDESK_ALERTS_FROM="Newsdesk Alerts <alerts@news.example>",
    ) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.news.example",
        587,
        "alerts@news.example",
        True,
        False,
        10,
        "Newsdesk Alerts <alerts@news.example>",
    ]


def test_an_unknown_scheme_stops_start_up(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(NEWSDESK_DATA_DIR=str(tmp_path), EMAIL_URL="smtq://mail.example")
    done = run_newsdesk(env, "check", timeout=60)
    assert done.returncode != 0
    assert "newsdesk.E091" in done.stderr
    assert "EMAIL_URL cannot be used: unknown scheme 'smtq'." in done.stderr

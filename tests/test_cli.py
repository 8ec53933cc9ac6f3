"""The ``newsdesk`` command end to end: real processes, real HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from tests.live.support import free_port

# The commands run on a data folder of their own, without DATABASE_URL: one half is enough.
pytestmark = pytest.mark.half("sqlite")

NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["NEWSDESK_DATA_DIR"] = str(tmp_path / "var")
    environment.pop("NEWSDESK_SECRET_KEY", None)
    return environment


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSDESK, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def server(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [*NEWSDESK, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(
                    "newsdesk serve exited:\n" + (process.stdout.read() if process.stdout else "")
                )
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        else:
            pytest.fail("newsdesk serve did not answer within 60 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def fetch(url: str) -> tuple[int, str, Message]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def test_post_publishes_and_serve_serves_it(env: dict[str, str], server: str) -> None:
    result = run(
        env,
        "post",
        "--headline",
        "Ferry service resumes across the estuary",
        "--lede",
        "The first crossing in nine days left at 06:10.",
        "--body",
        "-",
        "--tag",
        "Transport",
        "--tag",
        "Civilians",
        "--source",
        "the Harbour Gazette|https://harbour.example/ferry|according to",
        "--breaking",
        stdin="Passengers queued from **dawn**.\n\n<script>alert(1)</script>",
    )
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip()
    assert url == "http://127.0.0.1:8000/news/ferry-service-resumes-across-the-estuary/"

    status, html, headers = fetch(server + "/news/ferry-service-resumes-across-the-estuary/")
    assert status == 200
    assert '<h1 class="story-headline">Ferry service resumes across the estuary</h1>' in html
    assert "<strong>dawn</strong>" in html and "<script>alert" not in html
    assert "According to" in html and "Breaking" in html
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")

    # The server learns of a publish from another process within its poll
    # interval (0.5 s): only then is its cached feed page dropped.
    deadline = time.monotonic() + 3
    while True:
        status, html, _ = fetch(server + "/")
        if "Ferry service resumes across the estuary" in html or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 200 and "Ferry service resumes across the estuary" in html
    status, css, headers = fetch(server + "/static/public/site.css")
    assert ".card-headline" in css
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert fetch(server + "/news/missing/")[0] == 404


def test_post_reports_errors_and_publishes_nothing(env: dict[str, str]) -> None:
    assert run(env, "migrate", "--verbosity", "0").returncode == 0
    result = run(env, "post", "--headline", "No text at all")
    assert result.returncode == 1
    assert "body: An update needs a lede or a body before it can be published." in result.stderr
    result = run(env, "post", "--headline", "x", "--lede", "y", "--author", "ghost")
    assert result.returncode == 1
    assert 'No author "ghost"' in result.stderr
    result = run(env, "post", "--headline", "x", "--lede", "y", "--source", "a|b|c|d")
    assert result.returncode == 1
    assert 'must look like "Outlet|URL|as quoted by"' in result.stderr
    listed = run(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from newsdesk.news.models import Article; print(Article.objects.count())",
    )
    assert listed.stdout.strip() == "0"


def test_secret_key_is_generated_once_with_mode_0600(env: dict[str, str]) -> None:
    assert run(env, "check").returncode == 0
    key_file = Path(env["NEWSDESK_DATA_DIR"]) / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first = key_file.read_text()
    assert len(first.strip()) >= 50
    assert run(env, "check").returncode == 0
    assert key_file.read_text() == first


@pytest.mark.parametrize(
    ("name", "value", "message", "hint"),
    [
        ("NEWSDESK_TIME_ZONE", "Mars/Olympus", "is not a known time zone", "Use an IANA name"),
        ("NEWSDESK_DEBUG", "maybe", "is not a boolean", "Set NEWSDESK_DEBUG to one of"),
        ("NEWSDESK_PAGE_SIZE", "lots", "is not a whole number", "between 1 and 100"),
        ("DATABASE_URL", "mysql://root@localhost/x", "unsupported database", "SQLite"),
        ("NEWSDESK_SITE_URL", "news.example.org", "is not an absolute URL", "https://"),
        ("NEWSDESK_ALLOWED_HOSTS", " , ", "is empty", "comma-separated"),
    ],
)
def test_bad_configuration_stops_start_up_with_a_fix(
    env: dict[str, str], name: str, value: str, message: str, hint: str
) -> None:
    env[name] = value
    result = run(env, "check")
    assert result.returncode != 0
    assert message in result.stderr and hint in result.stderr
    served = run(env, "serve", "--port", str(free_port()))
    assert served.returncode != 0 and message in served.stderr


def test_createuser_makes_an_editor(env: dict[str, str]) -> None:
    assert run(env, "migrate", "--verbosity", "0").returncode == 0
    made = run(
        env,
        "createuser",
        "eddie",
        "--role",
        "editor",
        "--password-stdin",
        stdin="correct horse battery staple 2026\n",
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == 'Created editor "eddie".'
    check = run(
        env,
        "shell",
        "--no-imports",
        "-c",
        (
            "from django.contrib.auth.models import User; u = User.objects.get(username='eddie'); "
            "print(u.has_perm('news.publish_article'), u.password.startswith('argon2'))"
        ),
    )
    assert check.stdout.strip() == "True True"
    weak = run(env, "createuser", "wendy", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "too short" in weak.stderr
    # --as applies that account's rights: an editor does not manage accounts.
    refused = run(
        env,
        "createuser",
        "wendy",
        "--as",
        "eddie",
        "--password-stdin",
        stdin="correct horse battery staple 2026\n",
    )
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "CommandError: You do not have permission to manage accounts."
    )
    # Bytes that are not UTF-8 in an argument get a message, not a traceback.
    garbled = run(env, "createuser", "w\udcffndy", "--password-stdin", stdin="x\n")
    assert garbled.returncode == 1 and "Traceback" not in garbled.stderr
    assert "The username is not valid UTF-8 text" in garbled.stderr

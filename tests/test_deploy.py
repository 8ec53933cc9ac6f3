"""The production shape in deploy/: its settings pass ``check --deploy``, the
systemd units verify, and the files agree with each other and the docs."""

from __future__ import annotations

import base64
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Settings and files only: the same in either half of make test.
pytestmark = pytest.mark.half("sqlite")

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / "newsdesk.env.example"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
NGINX = DEPLOY / "nginx" / "newsdesk.conf"


def example() -> dict[str, str]:
    """The example's variables, read as systemd's EnvironmentFile= reads them."""
    found = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            found[name.strip()] = value.strip()
    return found


def production_env(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """The example as installed: a generated secret key and tips key, a data
    folder of this test's own, nothing else from the test's environment."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    env.update(example())
    env["NEWSDESK_SECRET_KEY"] = secrets.token_urlsafe(50)
    env["NEWSDESK_TIPS_KEY"] = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    env["NEWSDESK_DATA_DIR"] = str(tmp_path / "data")
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    done = check_deploy(production_env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_https_check_deploy_fails(tmp_path: Path) -> None:
    done = check_deploy(production_env(tmp_path, NEWSDESK_SECURE=None))
    assert done.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in done.stderr  # HSTS, the redirect, both secure cookies


def test_without_preload_check_deploy_reminds_of_it(tmp_path: Path) -> None:
    done = check_deploy(production_env(tmp_path, NEWSDESK_HSTS_PRELOAD="false"))
    assert done.returncode != 0
    assert "security.W021" in done.stderr


def test_the_secret_key_placeholder_left_as_it_is_fails(tmp_path: Path) -> None:
    placeholder = example()["NEWSDESK_SECRET_KEY"]
    done = check_deploy(production_env(tmp_path, NEWSDESK_SECRET_KEY=placeholder))
    assert done.returncode != 0
    assert "security.W009" in done.stderr


def test_production_without_a_usable_tips_key_fails(tmp_path: Path) -> None:
    placeholder = example()["NEWSDESK_TIPS_KEY"]
    done = check_deploy(production_env(tmp_path, NEWSDESK_TIPS_KEY=placeholder))
    assert done.returncode != 0
    assert "newsdesk.E071" in done.stderr
    done = check_deploy(production_env(tmp_path, NEWSDESK_TIPS_KEY=None))
    assert done.returncode != 0
    assert "newsdesk.E070" in done.stderr


def test_every_setting_in_the_example_is_documented() -> None:
    documented = set(
        re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "docs/operations.md").read_text(), re.M)
    )
    mentioned = set(re.findall(r"^#?([A-Z][A-Z_]+)=", ENV_EXAMPLE.read_text(), re.M))
    assert mentioned and mentioned <= documented, mentioned - documented


def test_nginx_takes_the_largest_image_and_streams_live() -> None:
    conf = NGINX.read_text()
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    assert size is not None
    assert int(size.group(1)) * 1024 * 1024 >= int(example()["NEWSDESK_IMAGE_MAX_BYTES"])
    live = conf[conf.index("location = /live") :]
    live = live[: live.index("}")]
    assert "proxy_buffering off;" in live and "proxy_read_timeout 1h;" in live
    for header in ("X-Forwarded-For", "X-Forwarded-Proto"):
        assert f"proxy_set_header {header} " in conf


def test_the_units_run_the_commands_with_the_settings_file() -> None:
    commands = {}
    for unit in UNITS:
        text = unit.read_text()
        assert "EnvironmentFile=/etc/newsdesk/newsdesk.env" in text
        assert "User=newsdesk" in text and "Restart=on-failure" in text
        assert "ProtectSystem=strict" in text and "ReadWritePaths=/var/lib/newsdesk" in text
        assert "NoNewPrivileges=yes" in text and "PrivateTmp=yes" in text
        commands[unit.name] = re.search(r"^ExecStart=\S+ (\w+)", text, re.M).group(1)  # type: ignore[union-attr]
    assert commands == {"newsdesk-web.service": "serve", "newsdesk-worker.service": "worker"}
    assert example()["NEWSDESK_DATA_DIR"] == "/var/lib/newsdesk"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_verifies_the_units(tmp_path: Path) -> None:
    """As installed: the console script and the settings file where the
    units name them are this checkout's."""
    script = Path(sys.executable).parent / "newsdesk"
    if not script.exists():
        pytest.skip(f"no console script at {script}")
    settings_file = tmp_path / "newsdesk.env"
    settings_file.write_text(ENV_EXAMPLE.read_text())
    for unit in UNITS:
        text = unit.read_text()
        text = text.replace("/opt/newsdesk/.venv/bin/newsdesk", str(script))
        text = text.replace("/etc/newsdesk/newsdesk.env", str(settings_file))
        (tmp_path / unit.name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / u.name) for u in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Unknown or misspelt keys are only warnings: none may appear.
    assert (done.returncode, done.stderr.strip()) == (0, "")

"""NEWSDESK_FETCH_ALLOW entries are validated as addresses or networks at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(value: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "NEWSDESK_FETCH_ALLOW": value,
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_host_name_in_the_allowlist_is_a_configuration_error(tmp_path: Path) -> None:
    result = _check("127.0.0.1, feeds.example, 10.20.0.0/16", tmp_path)
    assert result.returncode != 0
    assert "newsdesk.E031" in result.stderr
    assert "NEWSDESK_FETCH_ALLOW has 'feeds.example', which is not an IP address" in result.stderr


def test_addresses_and_networks_pass(tmp_path: Path) -> None:
    result = _check("127.0.0.1,10.20.0.0/16,::1", tmp_path)
    assert "E031" not in result.stderr
    assert result.returncode == 0, result.stderr

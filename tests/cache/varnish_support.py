"""varnishd with deploy/varnish/newsdesk.vcl in front of a real ``newsdesk serve``."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsdesk.hooks.models import Delivery
from newsdesk.news.models import Event
from tests.live.support import ROOT, Server, free_port, server_env

IN_CI = os.environ.get("CI", "").lower() == "true"
VCL = ROOT / "deploy" / "varnish" / "newsdesk.vcl"


def varnishd() -> str:
    path = shutil.which("varnishd") or "/usr/sbin/varnishd"
    reason = ""
    if not os.path.exists(path):
        reason = "Debian's varnish is not installed; `make varnish` installs it."
    else:
        # No jail, as when it runs below: varnishd's own user may not read a
        # checkout in a private folder (a fresh clone under mktemp -d).
        compiled = subprocess.run(
            [path, "-C", "-j", "none", "-f", str(VCL)], capture_output=True, text=True
        )
        if compiled.returncode != 0:
            reason = (
                "varnishd cannot compile deploy/varnish/newsdesk.vcl (is Debian's "
                f"varnish-modules installed? `make varnish`): {compiled.stderr[-500:]}"
            )
    if reason:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@dataclass
class Varnish:
    port: int
    process: subprocess.Popen[bytes]

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
            response = conn.getresponse()
            body = response.read().decode()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            conn.close()

    def cache(self, path: str) -> str:
        return self.get(path)[1]["x-varnish-cache"]


@contextmanager
def running_front(workdir: Path, database_url: str, **env: str) -> Iterator[tuple[Varnish, Server]]:
    """``newsdesk serve`` (its worker purging Varnish) and varnishd with the VCL."""
    varnishd()
    port = free_port()
    server_settings = server_env(
        database_url,
        NEWSDESK_PURGE="varnish",
        NEWSDESK_PURGE_VARNISH_URLS=f"http://127.0.0.1:{port}/",
        **env,
    )
    server = Server(server_settings, log_path=workdir / "serve.log").start()
    try:
        with varnish_in_front(workdir, server.port, port) as varnish:
            yield varnish, server
    finally:
        server.stop()


@contextmanager
def varnish_in_front(workdir: Path, backend_port: int, port: int) -> Iterator[Varnish]:
    """varnishd on ``port`` with the shipped VCL, its backend on ``backend_port``."""
    varnishd_path = varnishd()
    # The shipped VCL, with only the backend's port changed.
    vcl = workdir / "newsdesk.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    process = subprocess.Popen(
        [varnishd_path, "-F", "-j", "none", "-n", str(workdir / "state"), "-f", str(vcl),
         "-a", f"127.0.0.1:{port}", "-T", "127.0.0.1:0", "-s", "malloc,64m"],
        stdout=open(workdir / "varnishd.log", "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    varnish = Varnish(port, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if varnish.get("/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "varnishd did not start: " + (workdir / "varnishd.log").read_text()
                )
            time.sleep(0.1)
        yield varnish
    finally:
        process.terminate()
        process.wait(15)


def purged() -> None:
    """Wait until the server's worker has purged Varnish for every public event."""
    newest = Event.objects.filter(public=True).order_by("-id").values_list("id", flat=True).first()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        done = Delivery.objects.filter(
            consumer="purge", event_id__gte=newest or 0, status=Delivery.Status.DELIVERED
        ).exists()
        if done and not Delivery.objects.filter(consumer="purge", status="pending").exists():
            return
        time.sleep(0.05)
    raise AssertionError(f"no purge delivered: {list(Delivery.objects.values())}")

"""Loopback port helpers for benchmarks and tests; as a script, exit 0 when
something accepts TCP connections at HOST PORT, 1 otherwise."""

from __future__ import annotations

import socket
import sys
import time


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open("127.0.0.1", port, timeout=0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


if __name__ == "__main__":
    sys.exit(0 if port_open(sys.argv[1], int(sys.argv[2])) else 1)

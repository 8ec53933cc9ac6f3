"""Exit 0 when something accepts TCP connections at HOST PORT, 1 otherwise."""

from __future__ import annotations

import socket
import sys


def port_open(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if port_open(sys.argv[1], int(sys.argv[2])) else 1)

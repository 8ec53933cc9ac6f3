"""Live stream fan-out: N concurrent SSE readers, 20 publishes.

For each N it migrates a fresh SQLite file in a process of its own, then
starts ``newsdesk serve --no-migrate`` on it (with Redis for wake-ups when a
Redis server answers at 127.0.0.1:6379), opens N ``/live`` streams from a
separate client process,
publishes 20 articles through ``actions.publish`` in this process, and
reports: streams connected, events delivered, p50/p99 publish-to-receive
latency, and server memory per open stream (RSS growth / N).

In the same run it measures a minimal asyncio SSE server written here (the
baseline: one coroutine per stream, a shared future to broadcast) with the
same client, and prints our figures divided by the baseline's. Both servers
start in a fresh process that has done nothing but start: had ours run the
migrations itself, as ``newsdesk serve`` does by default, the streams would
reuse the memory the migrations freed (0.8 KiB per stream measured that way
against 2.9 KiB on a server migrated beforehand), and the figure would flatter
us against a baseline that never had that memory to give back.

    python -m bench.live [--clients 1000,5000,10000] [--events 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.support.port_open import free_port, wait_port

ROOT = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)


# The client process ------------------------------------------------------


async def _reader(host: str, port: int, path: str, times: dict[int, float], sem: Any) -> bool:
    async with sem:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            return False
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
            return False
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            return False
    CONNECTED.append(1)
    pattern = re.compile(rb"\nid: (\d+)\n")
    buffer = b""
    try:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                break
            now = time.time()
            buffer = (buffer + chunk)[-4096:]
            for match in pattern.finditer(b"\n" + chunk):
                times.setdefault(int(match.group(1)), now)
    except OSError:
        pass
    return True


CONNECTED: list[int] = []


async def _client_main(host: str, port: int, path: str, count: int, stop_file: str) -> None:
    sem = asyncio.Semaphore(200)  # connection attempts in flight
    per_stream: list[dict[int, float]] = [{} for _ in range(count)]
    tasks = [
        asyncio.create_task(_reader(host, port, path, per_stream[i], sem)) for i in range(count)
    ]
    reported = -1
    while not os.path.exists(stop_file):
        if len(CONNECTED) != reported:
            reported = len(CONNECTED)
            print(json.dumps({"connected": reported}), flush=True)
        await asyncio.sleep(0.2)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps({"connected": len(CONNECTED), "times": per_stream}), flush=True)


def client(argv: list[str]) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    host, port, path, count, stop_file = argv
    try:
        import uvloop

        uvloop.run(_client_main(host, int(port), path, int(count), stop_file))
    except ImportError:
        asyncio.run(_client_main(host, int(port), path, int(count), stop_file))


# The baseline server ---------------------------------------------------------


class Baseline:
    """A minimal SSE server: read the request, then write whatever is broadcast."""

    def __init__(self) -> None:
        self.changed: asyncio.Future[bytes] | None = None

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
            writer.close()
            return
        if request.startswith(b"POST /publish"):
            length = int(re.search(rb"content-length: (\d+)", request.lower()).group(1))  # type: ignore[union-attr]
            body = await reader.readexactly(length)
            self.broadcast(body)
            writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
            b"Transfer-Encoding: identity\r\n\r\nretry: 3000\n\n"
        )
        try:
            while True:
                assert self.changed is not None
                frame = await self.changed
                writer.write(frame)
                await writer.drain()
        except (OSError, ConnectionError):
            writer.close()

    def broadcast(self, frame: bytes) -> None:
        assert self.changed is not None
        changed, self.changed = self.changed, asyncio.get_running_loop().create_future()
        changed.set_result(frame)

    async def main(self, port: int) -> None:
        self.changed = asyncio.get_running_loop().create_future()
        server = await asyncio.start_server(self.handle, "127.0.0.1", port, backlog=4096)
        print("ready", flush=True)
        async with server:
            await server.serve_forever()


def baseline(argv: list[str]) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    import gc

    gc.collect()
    gc.freeze()
    if argv[1] == "uvloop":
        import uvloop

        uvloop.run(Baseline().main(int(argv[0])))
    else:
        asyncio.run(Baseline().main(int(argv[0])))


# The driver ---------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


class Clients:
    def __init__(self, port: int, path: str, count: int, workdir: Path) -> None:
        self.stop_file = workdir / f"stop-{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.live", "--client", "127.0.0.1", str(port), path,
             str(count), str(self.stop_file)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        self.count = count

    def wait_connected(self, timeout: float) -> int:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        connected = 0
        last_change = time.monotonic()
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            now = int(json.loads(line)["connected"])
            if now != connected:
                connected, last_change = now, time.monotonic()
            if connected >= self.count or time.monotonic() - last_change > 10:
                break
        return connected

    def finish(self) -> tuple[int, list[dict[str, float]]]:
        self.stop_file.write_text("stop")
        out, _ = self.process.communicate(timeout=120)
        result = json.loads(out.strip().splitlines()[-1])
        return int(result["connected"]), result["times"]


def latencies(
    times: list[dict[str, float]], published: dict[int, float]
) -> tuple[list[float], int]:
    values = []
    delivered = 0
    for stream in times:
        for event_id, at in stream.items():
            if int(event_id) in published:
                delivered += 1
                values.append(at - published[int(event_id)])
    return values, delivered


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def run_ours(count: int, events: int, workdir: Path) -> dict[str, Any]:
    data_dir = workdir / f"ours-{count}"
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env["NEWSDESK_DATA_DIR"] = str(data_dir)
    use_redis = redis_up()
    if use_redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    else:
        env.pop("REDIS_URL", None)
    # Migrated beforehand, as an operator's deploy step does: the server's
    # heap then holds nothing freed that the streams could reuse.
    subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "migrate", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port), "--no-migrate"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port)
        time.sleep(1)
        before = rss_kib(server.pid)
        clients = Clients(port, "/live", count, workdir)
        connected = clients.wait_connected(timeout=120)
        time.sleep(2)
        after = rss_kib(server.pid)
        published = publish_ours(env, events)
        time.sleep(3)
        _connected_end, times = clients.finish()
    finally:
        server.terminate()
        server.wait(timeout=30)
    values, delivered = latencies(times, published)
    return {
        "connected": connected,
        "delivered": delivered,
        "p50": statistics.median(values) if values else float("nan"),
        "p99": pct(values, 0.99),
        "kib_per_stream": (after - before) / max(1, connected),
        "broker": "redis" if use_redis else "memory (polling across processes)",
    }


def publish_ours(env: dict[str, str], events: int) -> dict[int, float]:
    """Publish through the action in a child process; returns event id -> commit time."""
    script = (
        "import django, json, time\n"
        "django.setup()\n"
        "from newsdesk.news import actions\n"
        "from newsdesk.news.models import Event\n"
        "out = {}\n"
        f"for n in range({events}):\n"
        "    d = actions.create_draft(headline=f'Bench live {n}', lede='Fan-out test.')\n"
        "    a = actions.publish(d)\n"
        "    e = Event.objects.filter(article=a, type='article.published').get()\n"
        "    out[e.id] = time.time()\n"
        "    time.sleep(0.25)\n"
        "print(json.dumps(out))\n"
    )
    child_env = {**env, "DJANGO_SETTINGS_MODULE": "newsdesk.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=child_env, capture_output=True, text=True,
        timeout=300, check=True,
    )  # fmt: skip
    return {int(k): v for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}


def run_baseline(count: int, events: int, workdir: Path, loop: str) -> dict[str, Any]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.live", "--baseline", str(port), loop],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_port(port)
        time.sleep(1)
        before = rss_kib(server.pid)
        clients = Clients(port, "/live", count, workdir)
        connected = clients.wait_connected(timeout=120)
        time.sleep(2)
        after = rss_kib(server.pid)
        published: dict[int, float] = {}
        for n in range(1, events + 1):
            frame = f'id: {n}\nevent: article.published\ndata: {{"n": {n}}}\n\n'.encode()
            with socket.create_connection(("127.0.0.1", port)) as sock:
                published[n] = time.time()
                sock.sendall(
                    b"POST /publish HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + str(len(frame)).encode() + b"\r\n\r\n" + frame
                )  # fmt: skip
                sock.recv(100)
            time.sleep(0.25)
        time.sleep(3)
        _, times = clients.finish()
    finally:
        server.terminate()
        server.wait(timeout=30)
    values, delivered = latencies(times, published)
    return {
        "connected": connected,
        "delivered": delivered,
        "p50": statistics.median(values) if values else float("nan"),
        "p99": pct(values, 0.99),
        "kib_per_stream": (after - before) / max(1, connected),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.live",
        description="/live readers on newsdesk against a minimal asyncio SSE server.",
    )
    parser.add_argument(
        "--clients", default="1000,5000,10000", help="streams to open, one run per number"
    )
    parser.add_argument("--events", type=int, default=20, help="publishes per run (20)")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with tempfile.TemporaryDirectory(prefix="newsdesk-live-bench-") as tmp:
        workdir = Path(tmp)
        for count in [int(c) for c in args.clients.split(",")]:
            ours = run_ours(count, args.events, workdir)
            base = run_baseline(count, args.events, workdir, "asyncio")
            fast = run_baseline(count, args.events, workdir, "uvloop")
            expected = count * args.events
            print(f"-- {count} streams, {args.events} publishes (wake-ups: {ours['broker']})")
            print(
                f"newsdesk: {ours['connected']}/{count} connected, "
                f"{ours['delivered']}/{expected} events delivered, "
                f"p50 {ours['p50'] * 1000:.0f} ms, p99 {ours['p99'] * 1000:.0f} ms, "
                f"{ours['kib_per_stream']:.1f} KiB per stream"
            )
            print(
                f"baseline: {base['connected']}/{count} connected, "
                f"{base['delivered']}/{expected} events delivered, "
                f"p50 {base['p50'] * 1000:.0f} ms, p99 {base['p99'] * 1000:.0f} ms, "
                f"{base['kib_per_stream']:.1f} KiB per stream"
            )
            print(
                f"baseline on uvloop: {fast['connected']}/{count} connected, "
                f"{fast['delivered']}/{expected} events delivered, "
                f"p50 {fast['p50'] * 1000:.0f} ms, p99 {fast['p99'] * 1000:.0f} ms, "
                f"{fast['kib_per_stream']:.1f} KiB per stream"
            )
            print(
                f"ratio to baseline: p50 {ours['p50'] / base['p50']:.2f}x, "
                f"p99 {ours['p99'] / base['p99']:.2f}x, "
                f"memory per stream {ours['kib_per_stream'] / base['kib_per_stream']:.2f}x",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        client(sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--baseline":
        baseline(sys.argv[2:])
    else:
        main()

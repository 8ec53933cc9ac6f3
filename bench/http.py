"""Reader pages over HTTP, against nginx serving the same bytes.

Generates 10,000 articles (``--articles 1000000`` for a million, with the
latency ratios of feed, article and tag pages against 10,000), migrates, and
starts ``newsdesk serve --no-migrate`` with ``DATABASE_URL`` set
(``sqlite:////abs/path``), as operators run it. It saves the bytes of the
feed page and of an article and starts nginx (Debian's nginx-light) serving
each copy at the same path, then measures with wrk, in rounds that alternate
nginx and newsdesk (who goes first alternates too): the feed page and the
article from the page cache against nginx serving that page's bytes, and a
304 revalidation of the feed against nginx's own 304 for its copy. Each
figure is a ratio to the nginx measurement next to it; the summary is the
median over the rounds. Then the first request to show a publish on the feed
page (a hit when the server has rendered the page again by itself, a miss
otherwise), besides the median time of uncached renders.

    [BENCH_WORKERS=2] [BENCH_REDIS_URL=redis://127.0.0.1:6379/0] \
    python -m bench.http [--articles 10000] [--duration 8] [--rounds 3]
                         [--connections 64] [--data-dir var/bench]

``--data-dir`` keeps the seeded sites between runs (seeding a million
articles takes minutes); a later run with the same directory reuses them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.support.port_open import free_port, wait_port

ROOT = Path(__file__).resolve().parent.parent
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
#: ``BENCH_REDIS_URL=redis://127.0.0.1:6379/0``: the site runs with Redis.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def need(tool: str, package: str) -> str:
    path = shutil.which(tool) or (
        f"/usr/sbin/{tool}" if os.path.exists(f"/usr/sbin/{tool}") else None
    )
    if path is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})  # fmt: skip
        path = shutil.which(tool) or f"/usr/sbin/{tool}"
    return path


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, connections: int, headers: dict[str, str] | None = None) -> Load:
    options: list[str] = []
    for name, value in (headers or {}).items():
        options += ["-H", f"{name}: {value}"]
    binary = need("wrk", "wrk")
    # A short warm-up first, so every server process has the page cached.
    subprocess.run([binary, "-t2", f"-c{connections}", "-d1s", *options, url],
                   capture_output=True, check=True)  # fmt: skip
    command = [binary, "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *options, url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(g) for g in match.groups())
    assert p50 and p99
    return Load(rps, _ms(*p50.groups()), _ms(*p99.groups()), errors, total)


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes, float]:
    request = urllib.request.Request(url, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            status, got = response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        body, status, got = (
            error.read(),
            error.code,
            {k.lower(): v for k, v in error.headers.items()},
        )
    return status, got, body, (time.perf_counter() - started) * 1000


#: nginx serves a saved page at the path newsdesk serves it at
#: (``www/index.html`` for ``/``, ``www/news/SLUG/index.html`` for an article).
NGINX_CONF = """
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    client_body_temp_path {prefix}/tmp;
    proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp;
    uwsgi_temp_path {prefix}/tmp;
    scgi_temp_path {prefix}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/www;
        index index.html;
    }}
}}
"""


class Site:
    """``newsdesk serve`` on a data directory of its own."""

    def __init__(self, data_dir: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        data_dir.mkdir(parents=True, exist_ok=True)
        self.env["NEWSDESK_DATA_DIR"] = str(data_dir)
        # Configured as operators do (docs/operations.md), not by the default
        # path: the same file a run without DATABASE_URL used, so --data-dir
        # sites seeded before are reused.
        self.env["DATABASE_URL"] = f"sqlite:///{data_dir.resolve() / 'newsdesk.sqlite3'}"
        if REDIS_URL:  # pages shared between the web processes through Redis
            self.env["REDIS_URL"] = REDIS_URL
            self.env["NEWSDESK_PAGE_CACHE_REDIS_PREFIX"] = (
                f"newsdesk-bench:{os.getpid()}:{data_dir.name}:"
            )
        self.env["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def django(self, code: str) -> str:
        script = "import django\ndjango.setup()\n" + code
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, check=True)  # fmt: skip
        return result.stdout.strip()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(self.port),
             "--workers", str(WORKERS), "--no-migrate"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_port(self.port)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
        if prefix := self.env.get("NEWSDESK_PAGE_CACHE_REDIS_PREFIX"):
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=prefix + "*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
            client.close()


def seed(site: Site, count: int) -> tuple[str, str]:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "newsdesk.cli", "migrate", "-v0"], cwd=ROOT,
                   env=site.env, check=True)  # fmt: skip
    out = site.django(
        "from bench.support.seed import seed\n"
        f"seed({count})\n"
        "from newsdesk.news.models import Article\n"
        "a = Article.published.filter(slug__startswith='bench-update-')"
        ".order_by('-published_at').first()\n"
        "print(a.get_absolute_url(), a.tags.first().slug)\n"
    )
    print(f"   seeded {count:,} articles in {time.monotonic() - started:.0f} s", flush=True)
    article, tag = out.splitlines()[-1].split()
    return article, tag


@dataclass(frozen=True)
class Render:
    """Median times of one page's uncached renders, in milliseconds."""

    client: float  # as this client sees it: connect, request, the whole body
    server: float  # the server's own Server-Timing: hand-off to Django and render


def _server_ms(headers: dict[str, str]) -> float:
    match = re.search(r"app;dur=([0-9.]+)", headers.get("server-timing", ""))
    return float(match.group(1)) if match else float("nan")


def render_latency(
    pages: dict[int, tuple[Site, list[str]]], rounds: int = 45
) -> dict[int, dict[str, Render]]:
    """Median time to render each page from the database (a query string
    bypasses the cache), for every site at once. Sites and pages take turns,
    request by request, so that a pause of the shared machine slows all of
    them rather than one site's; the first 5 rounds warm up."""
    times: dict[int, dict[str, list[tuple[float, float]]]] = {
        count: {path: [] for path in paths} for count, (_site, paths) in pages.items()
    }
    for n in range(rounds + 5):
        for count, (site, paths) in pages.items():
            for path in paths:
                _status, headers, _body, ms = fetch(f"{site.url}{path}?nocache={n}")
                if n >= 5:
                    times[count][path].append((ms, _server_ms(headers)))
    return {
        count: {
            path: Render(
                statistics.median(c for c, _ in values), statistics.median(s for _, s in values)
            )
            for path, values in by_path.items()
        }
        for count, by_path in times.items()
    }


def after_publish(site: Site, rounds: int) -> list[tuple[float, str]]:
    """Publish, then time the first request that shows it, with its X-Cache
    (``hit`` once the server has rendered the new page again by itself,
    ``miss`` if this request rendered it or waited for that render)."""
    times = []
    for n in range(rounds):
        headline = f"Benchmark publish {n} {time.time()}"
        site.django(
            "from newsdesk.news import actions\n"
            f"actions.publish(actions.create_draft(headline={headline!r}, lede='x'))\n"
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            _status, headers, body, ms = fetch(site.url + "/")
            if headline.encode() in body:
                times.append((ms, headers.get("x-cache", "")))
                break
            time.sleep(0.01)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.http",
        description="Reader pages over HTTP against nginx serving the same bytes.",
    )
    parser.add_argument("--articles", type=int, default=10_000, help="archive size (10000)")
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run (8)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of nginx and newsdesk in turn (3)"
    )
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (64)")
    parser.add_argument("--data-dir", type=Path, help="keep seeded sites here, reuse them")
    args = parser.parse_args()
    nginx = need("nginx", "nginx-light")
    with tempfile.TemporaryDirectory(prefix="newsdesk-http-bench-") as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers run unprivileged
        sites = args.data_dir.resolve() if args.data_dir else work
        sizes = [10_000] if args.articles == 10_000 else [10_000, args.articles]
        pages: dict[int, tuple[Site, list[str]]] = {}
        for count in sizes:
            site = Site(sites / f"site-{count}")
            print(f"-- {count:,} articles", flush=True)
            article, tag = seed(site, count)
            pages[count] = (site, ["/", article, f"/tag/{tag}/"])
        try:
            for site, paths in pages.values():
                site.start()
                for path in paths:
                    fetch(site.url + path)
            renders = render_latency(pages)
            for count, medians in renders.items():
                shown = ", ".join(
                    f"{p} {r.server:.1f} ms ({r.client:.1f} ms at the client)"
                    for p, r in medians.items()
                )
                print(f"   {count:,} articles, uncached render, server time (median): {shown}",
                      flush=True)  # fmt: skip
            for count in sizes[1:]:  # only the first site takes the load
                pages[count][0].stop()
            site, (_feed, article, _tag) = pages[sizes[0]]
            www = work / "nginx" / "www"
            (work / "nginx" / "tmp").mkdir(parents=True)
            headers: dict[str, dict[str, str]] = {}
            for path in ("/", article):
                status, got, page, _ = fetch(site.url + path)
                assert status == 200 and got.get("x-cache") == "hit", (path, status, got)
                headers[path] = got
                saved = www / path.strip("/") / "index.html"
                saved.parent.mkdir(parents=True, exist_ok=True)
                saved.write_bytes(page)
            nginx_port = free_port()
            conf = work / "nginx" / "nginx.conf"
            conf.write_text(NGINX_CONF.format(prefix=work / "nginx", port=nginx_port))
            server = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work / "nginx"),
                                       "-g", "daemon off;"])  # fmt: skip
            try:
                wait_port(nginx_port)
                measure(site, f"http://127.0.0.1:{nginx_port}", www, article, headers, args)
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            for site, _paths in pages.values():
                site.stop()
        if len(sizes) > 1:
            small, large = renders[sizes[0]], renders[sizes[1]]
            print(f"-- render latency at {sizes[1]:,} vs {sizes[0]:,} articles (median, uncached)")
            for (path, r_small), r_large in zip(small.items(), large.values(), strict=True):
                kind = "feed" if path == "/" else "tag" if path.startswith("/tag/") else "article"
                print(
                    f"{kind}: {r_large.server:.1f} ms vs {r_small.server:.1f} ms = "
                    f"{r_large.server / r_small.server:.2f}x (at the client "
                    f"{r_large.client:.1f} vs {r_small.client:.1f} ms = "
                    f"{r_large.client / r_small.client:.2f}x)"
                )


@dataclass(frozen=True)
class Case:
    """One thing measured against nginx: a path and the request headers sent
    to each server (a 304 needs each server's own validator)."""

    name: str
    path: str
    ours: dict[str, str]
    nginx: dict[str, str]


def measure(site: Site, static: str, www: Path, article: str,
            headers: dict[str, dict[str, str]], args: argparse.Namespace) -> None:  # fmt: skip
    d, c = args.duration, args.connections
    _status, got, _body, _ms = fetch(static + "/")
    nginx_etag = got["etag"]
    status, _got, _body, _ms = fetch(static + "/", **{"If-None-Match": nginx_etag})
    assert status == 304, status
    cases = [
        Case("feed page (cached)", "/", {}, {}),
        Case("article (cached)", article, {}, {}),
        Case("304 revalidation of the feed", "/", {"If-None-Match": headers["/"]["etag"]},
             {"If-None-Match": nginx_etag}),
    ]  # fmt: skip
    for case in cases[:2]:
        size = (www / case.path.strip("/") / "index.html").stat().st_size
        print(f"   {case.name}: nginx serves the same {size:,} bytes at {case.path}")
    # Rounds: nginx and newsdesk measured next to each other, each case in
    # turn, who goes first alternating, so that a change in the shared
    # machine's load falls on both sides of a ratio rather than on one.
    runs: dict[str, list[tuple[Load, Load]]] = {case.name: [] for case in cases}
    for round_ in range(args.rounds):
        for case in cases:
            if round_ % 2 == 0:
                theirs = wrk(static + case.path, d, c, case.nginx)
                ours = wrk(site.url + case.path, d, c, case.ours)
            else:
                ours = wrk(site.url + case.path, d, c, case.ours)
                theirs = wrk(static + case.path, d, c, case.nginx)
            runs[case.name].append((ours, theirs))
            print(f"   round {round_ + 1}, {case.name}: {ours.rps:,.0f} req/s against nginx "
                  f"{theirs.rps:,.0f} = {ours.rps / theirs.rps:.2f}x; errors {ours.errors} / "
                  f"{theirs.errors}", flush=True)  # fmt: skip
    for name, pairs in runs.items():
        ratio = statistics.median(o.rps / t.rps for o, t in pairs)
        ours_rps = statistics.median(o.rps for o, _ in pairs)
        nginx_rps = statistics.median(t.rps for _, t in pairs)
        print(f"{name}: {ours_rps:,.0f} req/s against nginx {nginx_rps:,.0f} (medians), "
              f"{ratio:.2f}x nginx (median of {len(pairs)} rounds, "
              f"{min(o.rps / t.rps for o, t in pairs):.2f}-"
              f"{max(o.rps / t.rps for o, t in pairs):.2f}x); "
              f"p50 {statistics.median(o.p50_ms for o, _ in pairs):.2f} ms against "
              f"{statistics.median(t.p50_ms for _, t in pairs):.2f} ms; "
              f"errors {sum(o.errors for o, _ in pairs)} / {sum(o.requests for o, _ in pairs):,} "
              f"(nginx {sum(t.errors for _, t in pairs)})")  # fmt: skip
    feed_p50 = statistics.median(t.p50_ms for _, t in runs[cases[0].name])
    shown = after_publish(site, 20)
    if shown:
        p50 = statistics.median(ms for ms, _ in shown)
        print(f"feed page right after a publish, first request showing it: p50 {p50:.1f} ms, "
              f"max {max(ms for ms, _ in shown):.1f} ms over {len(shown)} publishes "
              f"= {p50 / feed_p50:.1f}x nginx's p50 for the feed under load")  # fmt: skip
        for source in ("hit", "miss"):
            times = [ms for ms, s in shown if s == source]
            if times:
                print(f"   {source}: {len(times)}, p50 {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()

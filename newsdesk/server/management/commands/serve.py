from __future__ import annotations

import os
import resource
import shutil
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

#: Bound to every address: links name this machine's loopback instead.
WILDCARDS = {"0.0.0.0": "127.0.0.1", "[::]": "[::1]"}  # noqa: S104


def default_site_url(shown_host: str, port: int) -> None:
    """Without NEWSDESK_SITE_URL, absolute links (canonical, feeds, sitemaps,
    the API) name the address being served rather than the setting's default
    port. Set in the environment too, so the web processes uvicorn starts
    read the same value when they load the settings."""
    if os.environ.get("NEWSDESK_SITE_URL", "").strip():
        return
    url = f"http://{WILDCARDS.get(shown_host, shown_host)}:{port}"
    os.environ["NEWSDESK_SITE_URL"] = url
    settings.NEWSDESK_SITE_URL = url


def metrics_dir(pid: int) -> None:
    """Where every process of this server keeps its metric values, so that
    ``/metrics`` in any web process reports them all (prometheus-client's
    multi-process mode). An operator's PROMETHEUS_MULTIPROC_DIR is kept;
    otherwise one folder per server under the data directory, emptied now:
    values of a server that stopped must not be added to this one's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    if "prometheus_client" in sys.modules:  # too late: values stay per process
        return
    path = settings.DATA_DIR / "metrics" / f"serve-{pid}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)


class Command(BaseCommand):
    help = "Apply migrations and serve newsdesk through the ASGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to bind (127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Port to bind (8000).")
        parser.add_argument(
            "--no-migrate", action="store_true", help="Do not apply migrations first."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.NEWSDESK_WEB_PROCESSES,
            help="Web processes (default NEWSDESK_WEB_PROCESSES). Each has its own page "
            "cache and live hub, kept current by the outbox.",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run the delivery worker (webhooks, WebSub) in this process; "
            "run `newsdesk worker` separately instead.",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        no_migrate: bool,
        no_worker: bool,
        workers: int,
        **options: Any,
    ) -> None:
        metrics_dir(os.getpid())
        # Every open live stream is a socket: allow as many as the system does.
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        shown = f"[{host}]" if ":" in host else host
        default_site_url(shown, port)
        self.stdout.write(
            f"newsdesk is serving {settings.NEWSDESK_SITE_NAME} at http://{shown}:{port}/"
        )
        self.stdout.flush()
        # The embedded shape is one process: the delivery worker runs beside
        # the server, in a thread, until the server stops.
        stop = threading.Event()
        worker = None
        if not no_worker:
            from newsdesk.worker.loop import run as run_worker

            worker = threading.Thread(
                target=run_worker,
                args=(stop,),
                kwargs={"listen": True},
                name="newsdesk-worker",
                daemon=True,
            )
            worker.start()
        try:
            self._serve(host, port, workers)
        finally:
            stop.set()
            if worker is not None:
                worker.join(timeout=10)
            folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
            if folder.endswith(f"serve-{os.getpid()}"):
                shutil.rmtree(folder, ignore_errors=True)

    def _serve(self, host: str, port: int, workers: int) -> None:
        import uvicorn

        http: Any = "httptools"
        if settings.NEWSDESK_LIVE_HANDLER == "connection":
            from newsdesk.live.protocol import NewsdeskHttpProtocol

            http = NewsdeskHttpProtocol
        uvicorn.run(
            "newsdesk.server.asgi:application",
            http=http,
            loop="uvloop",
            host=host,
            port=port,
            lifespan="on",
            backlog=4096,
            limit_concurrency=None,
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=5,
            log_level="warning",
            access_log=False,
            workers=workers if workers > 1 else None,
        )

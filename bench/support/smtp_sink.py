"""A local SMTP sink for the alerts benchmark: aiosmtpd in a process of its
own, counting what it accepts into a shared counter (the bench reads it)."""

from __future__ import annotations

import asyncio
import logging
from multiprocessing.sharedctypes import Synchronized
from typing import Any

from aiosmtpd.smtp import SMTP


class Counting:
    def __init__(self, counter: Synchronized[int]) -> None:
        self.counter = counter

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.counter.get_lock():
            self.counter.value += 1
        return "250 OK"


def serve(port: int, counter: Synchronized[int], ready: Any) -> None:
    """Run until the process is terminated."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    handler = Counting(counter)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(handler, hostname="sink.local", data_size_limit=10_000_000),
            host="127.0.0.1",
            port=port,
            backlog=256,
        )
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())

"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it accepts.

Tests read the messages it received, parsed, and can make it answer a
recipient with a temporary (4xx) or permanent (5xx) refusal, as a mail
server does.
"""

from __future__ import annotations

import email
import email.policy
import logging
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from tests.live.support import free_port

# aiosmtpd logs every command at INFO; only its problems matter here.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def part(self, kind: str) -> str:
        body = self.message.get_body(preferencelist=(kind,))
        assert body is not None, f"no {kind} part"
        return str(body.get_content())


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    #: recipient -> the refusal its RCPT TO gets ("451 ...", "550 ...").
    refuse: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        answer = self.refuse.get(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 Message accepted for delivery"


class Sink:
    def __init__(self) -> None:
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, data_size_limit=10_000_000
        )

    def start(self) -> Sink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]

    def clear(self) -> None:
        with self.handler.lock:
            self.handler.received.clear()
        self.handler.refuse.clear()

    def env(self) -> dict[str, str]:
        """EMAIL_URL for a newsdesk process that sends here."""
        return {"EMAIL_URL": f"smtp://127.0.0.1:{self.port}"}

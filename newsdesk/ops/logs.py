"""Structured logs and the request id (docs/operations.md, "Logs").

Every request gets an id at the ASGI front (``X-Request-ID``); Django's
thread binds it here for the request's duration, the outbox writes it on the
events the request caused, and the worker binds it again while it delivers
them. With ``NEWSDESK_LOG_FORMAT=json`` each line is one JSON object with the
time, level, logger, message, the request id when there is one, and the
fields passed as ``extra`` (``article_id``, ``event_id``...): bound context
rather than ids formatted into messages.

Nothing personal goes in by this module's doing: it logs what callers pass,
and the access log leaves out query strings, cookies, credentials and, unless
``NEWSDESK_LOG_ADDRESSES`` is set, client addresses: never for the paths in
:data:`NO_ADDRESSES` (the tip line), whatever the setting says.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

REQUEST_ID: ContextVar[str] = ContextVar("newsdesk_request_id", default="")
#: What an incoming X-Request-ID may look like to be kept (a proxy's id).
SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
#: Attributes every LogRecord has; the rest came in ``extra``.
STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "request_id"}
#: Paths whose requests never have their client address logged: a reader
#: sending a tip must leave no trace of where from.
NO_ADDRESSES = ("/tips",)


def may_log_address(path: str) -> bool:
    return not path.startswith(NO_ADDRESSES)


def new_request_id(given: bytes | str | None = None) -> str:
    """The id a proxy in front gave, if it looks like one, else a new one."""
    if isinstance(given, bytes):
        given = given.decode("latin-1")
    if given and SAFE_ID.fullmatch(given):
        return given
    return secrets.token_hex(8)


def request_id() -> str:
    return REQUEST_ID.get()


@contextlib.contextmanager
def bound(request_id: str) -> Iterator[None]:
    """Log under ``request_id`` inside the block (this thread or task only)."""
    token = REQUEST_ID.set(request_id)
    try:
        yield
    finally:
        REQUEST_ID.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", "") or REQUEST_ID.get()
        if rid:
            line["request_id"] = rid
        for name, value in record.__dict__.items():
            if name not in STANDARD and not name.startswith("_"):
                line[name] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .sink import Sink


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[Sink]:
    """One aiosmtpd server on a free port for the whole run."""
    sink = Sink().start()
    yield sink
    sink.stop()


@pytest.fixture
def sink(smtp_sink: Sink, settings: Any) -> Iterator[Sink]:
    """The sink, emptied, and Django's SMTP backend pointed at it."""
    smtp_sink.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.NEWSDESK_SITE_URL = "http://testserver"
    # One connection sends in the test's own thread, inside its transaction;
    # several (their own threads and database connections) are test_crash.py's.
    settings.NEWSDESK_ALERTS_CONNECTIONS = 1
    yield smtp_sink
    smtp_sink.clear()

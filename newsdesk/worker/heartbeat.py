"""The worker's heartbeat: a row per host, moved after a pass at most every
``EVERY`` seconds (a write each second would queue behind SQLite's write lock
for nothing), read by ``/readyz``."""

from __future__ import annotations

import socket
import time
from datetime import datetime

from django.db.models import Max
from django.utils import timezone

from .models import Heartbeat

#: Seconds between two writes of the heartbeat by one worker.
EVERY = 5.0

_last_write = 0.0


def beat(now: datetime | None = None, *, force: bool = False) -> bool:
    """Record that a pass finished now (unless one was recorded lately)."""
    global _last_write
    tick = time.monotonic()
    if not force and tick - _last_write < EVERY:
        return False
    Heartbeat.objects.update_or_create(
        host=socket.gethostname()[:255], defaults={"beat_at": now or timezone.now()}
    )
    _last_write = tick
    return True


def latest() -> datetime | None:
    """The most recent pass of any worker, or ``None`` if none ever ran."""
    value: datetime | None = Heartbeat.objects.aggregate(latest=Max("beat_at"))["latest"]
    return value

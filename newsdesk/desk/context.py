"""Who is acting in this thread, for records made far from the request
(a role change saved by the admin site knows the user, not who changed it)."""

from __future__ import annotations

import threading
from typing import Any

_local = threading.local()


def current_actor() -> Any:
    return getattr(_local, "actor", None)


def set_actor(user: Any) -> None:
    _local.actor = user

"""The audit log's one writer: who did what, in the change's own transaction.

The actions call :func:`record` next to the outbox event; the desk calls it
for sign-ins and sign-outs. A system actor (the scheduler, the command line
without ``--as``) is named in ``actor_name``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import AuditEntry
from .permissions import SystemActor

Action = AuditEntry.Action


def record(
    action: str,
    *,
    actor: Any = None,
    target: str = "",
    address: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one entry; ``actor`` is a user, a system actor or ``None`` (the system)."""
    detail = dict(detail or {})
    if actor is None or isinstance(actor, SystemActor):
        name = actor.name if actor is not None else "system"
        detail.setdefault("by", name)
        user = None
    else:
        user = actor if getattr(actor, "pk", None) else None
        name = actor.get_username() if user is not None else ""
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=user,
        actor_name=name,
        action=action,
        target=target[:300],
        address=address,
        detail=detail,
    )

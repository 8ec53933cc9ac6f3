"""The audit log's one writer: who did what, from where, in the change's own
transaction.

The actions call :func:`record` next to the outbox event; the desk calls it
for sign-ins and sign-outs. A system actor (the scheduler, the command line
without ``--as``) is named in ``actor_name``; :data:`VISITOR` is someone not
signed in (a failed sign-in).

The actions run without a request, so the client's address reaches them
through :func:`client_address`: the desk's middleware binds it for each
request (desk, admin and API alike) and unbinds it afterwards, and
:func:`record` reads it when no address is given. The address is written to
the audit log and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils import timezone

from .models import AuditEntry
from .permissions import SystemActor

Action = AuditEntry.Action

_address: ContextVar[str | None] = ContextVar("newsdesk_audit_address", default=None)


class Visitor:
    """Someone who is not signed in: no account, no rights, no name."""

    def __repr__(self) -> str:
        return "VISITOR"


VISITOR = Visitor()


@contextmanager
def client_address(address: str | None) -> Iterator[None]:
    """Entries written inside this block carry ``address`` (the request's client)."""
    token = _address.set(address)
    try:
        yield
    finally:
        _address.reset(token)


def current_address() -> str | None:
    return _address.get()


def record(
    action: str,
    *,
    actor: Any = None,
    target: str = "",
    address: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one entry; ``actor`` is a user, a system actor, :data:`VISITOR`,
    or ``None`` (the system)."""
    detail = dict(detail or {})
    user = None
    if isinstance(actor, Visitor):
        name = ""
    elif actor is None or isinstance(actor, SystemActor):
        name = actor.name if actor is not None else "system"
        detail.setdefault("by", name)
    else:
        user = actor if getattr(actor, "pk", None) else None
        name = actor.get_username() if user is not None else ""
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor=user,
        actor_name=name,
        action=action,
        target=target[:300],
        address=address if address is not None else _address.get(),
        detail=detail,
    )

"""The audit log: who signed in (or failed to), who published, corrected or
withdrew what, and who changed whose role. Admins read it at /desk/audit/.

The actions write their own entries (``newsdesk.news.audit``) inside the
change's transaction, so an entry exists exactly when the change does,
whichever door made it (desk, API, command line, scheduler); account and
role changes are the desk's actions (``desk.actions``). This module adds the
desk's own entries (sign-ins, sign-outs, second factors) and ends sessions.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from newsdesk.net.clients import client_address
from newsdesk.news import audit as news_audit
from newsdesk.news.models import AuditEntry

from .models import SessionEpoch

Action = AuditEntry.Action


def record(
    action: str,
    *,
    actor: Any = None,
    target: str = "",
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """An entry from the desk itself (sign-ins, sign-outs), with the address.

    Without an ``actor`` the entry is a visitor's (someone not signed in yet),
    never the system's."""
    address = client_address(request) if request is not None else None
    if actor is None and request is not None:
        actor = news_audit.VISITOR
    return news_audit.record(action, actor=actor, target=target, address=address, detail=detail)


def own(action: str, request: HttpRequest, **detail: Any) -> AuditEntry:
    """An entry about the signed-in person's own account (password, second factor)."""
    user = request.user
    return record(action, actor=user, target=user.get_username(), request=request, detail=detail)


def bump_epoch(user_id: int) -> None:
    """End every session of this person that began before now."""
    with transaction.atomic():
        row, _ = SessionEpoch.objects.select_for_update().get_or_create(user_id=user_id)
        row.epoch += 1
        row.save(update_fields=["epoch"])

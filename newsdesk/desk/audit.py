"""The audit log: who signed in (or failed to), who published, corrected or
withdrew what, and who changed whose role. Admins read it at /desk/audit/.

The actions write their own entries (``newsdesk.news.audit``) inside the
change's transaction, so an entry exists exactly when the change does,
whichever door made it (desk, API, command line, scheduler). This module
adds the desk's own: sign-ins, sign-outs and the person's account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.http import HttpRequest

from newsdesk.news import audit as news_audit
from newsdesk.news.models import AuditEntry

from .addresses import client_address
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
    """An entry from the desk itself (sign-ins, sign-outs), with the address."""
    address = client_address(request) if request is not None else None
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


def _roles(user: Any) -> dict[str, Any]:
    return {
        "groups": sorted(user.groups.values_list("name", flat=True)) if user.pk else [],
        "is_superuser": user.is_superuser,
        "is_staff": user.is_staff,
        "is_active": user.is_active,
    }


def on_user_pre_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw or not instance.pk:
        return
    before = (
        sender.objects.filter(pk=instance.pk)
        .values("is_superuser", "is_staff", "is_active")
        .first()
    )
    instance._newsdesk_flags_before = before


def on_user_post_save(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    before = getattr(instance, "_newsdesk_flags_before", None)
    instance._newsdesk_flags_before = None
    if raw or created or before is None:
        return
    after = {k: getattr(instance, k) for k in before}
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changed:
        _role_changed(instance, changed)


def on_groups_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kw: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    if action != "post_clear" and not pk_set:
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    _role_changed(instance, {action.removeprefix("post_"): names})


def _role_changed(user: Any, changed: dict[str, Any]) -> None:
    from .context import current_actor

    bump_epoch(user.pk)
    record(
        Action.ROLE,
        actor=current_actor(),
        target=user.get_username(),
        detail={"changed": changed, "now": _roles(user)},
    )


def connect() -> None:
    user_model = get_user_model()
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid="desk-audit-user-pre")
    post_save.connect(on_user_post_save, sender=user_model, dispatch_uid="desk-audit-user-post")
    m2m_changed.connect(
        on_groups_changed, sender=user_model.groups.through, dispatch_uid="desk-audit-groups"
    )

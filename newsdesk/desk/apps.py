from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "newsdesk.desk"
    label = "desk"
    verbose_name = _("Desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        user_logged_in.connect(_logged_in, dispatch_uid="desk-logged-in")
        user_logged_out.connect(_logged_out, dispatch_uid="desk-logged-out")


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from . import audit
    from .middleware import EPOCH_KEY, current_epoch

    if request is not None and hasattr(request, "session"):
        request.session[EPOCH_KEY] = current_epoch(user.pk)
    audit.record(audit.Action.LOGIN, actor=user, target=user.get_username(), request=request)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from . import audit

    if user is None or not getattr(user, "pk", None):
        return
    audit.record(audit.Action.LOGOUT, actor=user, target=user.get_username(), request=request)

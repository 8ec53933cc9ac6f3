from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HooksConfig(AppConfig):
    name = "newsdesk.hooks"
    label = "hooks"
    verbose_name = _("Webhooks and deliveries")

    def ready(self) -> None:
        from . import checks, purge, webhooks  # noqa: F401  (checks registers the system checks)
        from .consumers import register

        register(webhooks.consumer)
        register(purge.consumer)

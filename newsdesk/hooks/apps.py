from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HooksConfig(AppConfig):
    name = "newsdesk.hooks"
    label = "hooks"
    verbose_name = _("Webhooks and deliveries")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .consumers import register
        from .webhooks import consumer

        register(consumer)

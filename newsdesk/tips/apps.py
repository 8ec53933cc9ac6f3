from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "newsdesk.tips"
    label = "tips"
    verbose_name = _("Tips")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)

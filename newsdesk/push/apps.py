from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PushConfig(AppConfig):
    name = "newsdesk.push"
    label = "push"
    verbose_name = _("Browser push")

    def ready(self) -> None:
        from . import checks  # noqa: F401  # registers the system checks

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "newsdesk.feeds"
    label = "feeds"
    verbose_name = _("Feeds and search engines")

    def ready(self) -> None:
        from newsdesk.hooks.consumers import register

        from . import checks  # noqa: F401  (registers the checks)
        from .websub import consumer

        register(consumer)

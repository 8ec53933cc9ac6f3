from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "newsdesk.live"
    label = "live"
    verbose_name = _("Live stream")

    def ready(self) -> None:
        from newsdesk.news.outbox import events_committed

        from .brokers import announce

        events_committed.connect(announce, dispatch_uid="newsdesk-live-announce")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServerConfig(AppConfig):
    name = "newsdesk.server"
    label = "server"
    verbose_name = _("Server")

    def ready(self) -> None:
        from django.conf import settings

        if "replica" in settings.DATABASES:
            from django.core.signals import got_request_exception

            from newsdesk.news.outbox import keep_in_step

            from . import replica

            # The newest event this process committed, known before the page
            # cache drops what it changed (newsdesk/server/replica.py).
            keep_in_step(replica.note_event)
            got_request_exception.connect(replica.request_failed, dispatch_uid="newsdesk-replica")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from newsdesk.news import outbox

        from .index import keep

        # The index moves inside the change's own transaction: every article
        # change writes an outbox event, and that one hook hands it here.
        outbox.keep_in_step(keep)

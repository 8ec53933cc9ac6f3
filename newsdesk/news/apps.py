from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "newsdesk.news"
    label = "news"
    verbose_name = _("News")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="newsdesk-roles")

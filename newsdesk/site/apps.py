from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "newsdesk.site"
    label = "site"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # news.permissions may not import this app; it is told how to read the
        # settings its rules depend on (see ``permissions.register_switch``).
        from newsdesk.news import languages
        from newsdesk.news.permissions import register_switch

        from . import current

        register_switch(
            "wire_sources_editors_only", lambda: current.current().wire_sources_editors_only
        )
        # So are the languages an article may be written in, the default first.
        languages.register(lambda: current.current().all_languages)

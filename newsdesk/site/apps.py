from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "newsdesk.site"
    label = "site"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

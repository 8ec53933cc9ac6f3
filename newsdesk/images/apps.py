import mimetypes

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "newsdesk.images"
    label = "images"
    verbose_name = _("Images")

    def ready(self) -> None:
        # Django's media view types files by extension; older mimetypes
        # tables lack WebP, and with nosniff a wrong type would not display.
        mimetypes.add_type("image/webp", ".webp")

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When a worker last finished a pass, one row per host: ``/readyz`` reads
    it to tell a stuck or absent worker from an idle one."""

    host = models.CharField(_("host"), max_length=255, primary_key=True)
    beat_at = models.DateTimeField(_("last pass"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.host} at {self.beat_at.isoformat()}"

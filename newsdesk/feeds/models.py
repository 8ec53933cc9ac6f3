"""One row that changes whenever something readers see changes outside the outbox.

Articles change only through the actions, which write an outbox event; the
public event ids are what page and feed validators are made of (see
``conditional.py``). Authors and tags are edited elsewhere (the admin, the
demo loader), so a save or delete of either bumps this stamp instead.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils import timezone

SITE = 1


class Stamp(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=SITE)
    generation = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"generation {self.generation}"

    @classmethod
    def bump(cls) -> None:
        now = timezone.now()
        if not cls.objects.filter(pk=SITE).update(generation=F("generation") + 1, changed_at=now):
            cls.objects.update_or_create(pk=SITE, defaults={"generation": 1, "changed_at": now})

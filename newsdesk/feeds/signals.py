"""Keep page and feed validators honest about edits that bypass the outbox."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.news.models import Author, Tag

from .models import Stamp


@receiver(post_save, sender=Author, dispatch_uid="feeds-stamp-author-save")
@receiver(post_delete, sender=Author, dispatch_uid="feeds-stamp-author-delete")
@receiver(post_save, sender=Tag, dispatch_uid="feeds-stamp-tag-save")
@receiver(post_delete, sender=Tag, dispatch_uid="feeds-stamp-tag-delete")
def bump_stamp(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata: the fixture's own rows, nothing was edited
        return
    Stamp.bump()

"""The VAPID public key for the Follow page's push button."""

from __future__ import annotations

from django import template

from newsdesk.push import keys

register = template.Library()


@register.simple_tag
def vapid_public_key() -> str:
    return keys.public_key()

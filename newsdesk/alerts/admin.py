"""How many readers get alerts, for admins: read-only, and without their addresses.

Subscriptions change only through the reader's own signed links
(``alerts.actions``); the admin shows the counts per state (the filter's
facets) and each subscription's choices and times, never the address.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("id", "state", "breaking", "digest", "digest_hour", "language", "created_at")
    list_filter = ("state", "breaking", "digest", "language")
    show_facets = admin.ShowFacets.ALWAYS
    exclude = ("address", "key")
    readonly_fields = (
        "state",
        "language",
        "breaking",
        "digest",
        "digest_hour",
        "tags",
        "failures",
        "created_at",
        "confirmed_at",
        "ended_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

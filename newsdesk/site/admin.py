"""The site settings in Django's admin (admins only): saved through the action,
and shown without writing anything, even before the row exists."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .actions import settings_row, update_settings
from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "description", "logo", "contact_line", "default_author"]}),
        (_("Time and language"), {"fields": ["time_zone", "language", "languages"]}),
        (_("Security"), {"fields": ["require_admin_second_factor"]}),
        (_("Wire"), {"fields": ["wire_sources_editors_only"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # there is one row, edited in place

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        return settings_row() if object_id == "1" else None

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        return redirect("admin:site_sitesettings_change", 1)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes:
            update_settings(user=request.user, **changes)

"""Django's admin holds people and the site settings; articles live on the desk."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import urlencode

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "description", "logo", "contact_line"]}),
        ("Time and language", {"fields": ["time_zone", "language"]}),
        ("Security", {"fields": ["require_admin_second_factor"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser and not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        row, _created = SiteSettings.objects.get_or_create(pk=1)
        return redirect("admin:desk_sitesettings_change", row.pk)


def _login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin signs in through the desk (throttling, second factor, audit)."""
    target = request.GET.get("next") or "/admin/"
    return redirect("/desk/login/?" + urlencode({"next": target}))


_has_permission = admin.site.has_permission


def _admin_permission(request: HttpRequest) -> bool:
    from .access import needs_factor

    return bool(_has_permission(request) and not needs_factor(request))


# Roles are the two groups the code defines (news.roles): assigned on the
# user form, never edited here.
admin.site.unregister(Group)
admin.site.login = _login  # type: ignore[method-assign]
admin.site.has_permission = _admin_permission  # type: ignore[method-assign]
admin.site.site_header = "Newsdesk administration"

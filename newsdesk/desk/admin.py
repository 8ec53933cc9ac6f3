"""Django's admin, for admins only: people (and the site settings, in
``newsdesk.site.admin``); articles live on the desk."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def _login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin signs in through the desk (throttling, second factor, audit)."""
    target = request.GET.get("next") or "/admin/"
    return redirect("/desk/login/?" + urlencode({"next": target}))


_has_permission = admin.site.has_permission


def _admin_permission(request: HttpRequest) -> bool:
    """Admins only: contributors and editors work on the desk, never here."""
    from .access import needs_factor

    user = request.user
    return bool(_has_permission(request) and user.is_superuser and not needs_factor(request))


def _password_change(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """One place to change a password, throttled and audited: the desk's account page."""
    return redirect(reverse("desk:account"))


# Roles are the two groups the code defines (news.roles): assigned on the
# user form, never edited here.
admin.site.unregister(Group)
admin.site.login = _login  # type: ignore[method-assign]
admin.site.has_permission = _admin_permission  # type: ignore[method-assign]
admin.site.password_change = _password_change  # type: ignore[method-assign,assignment]
admin.site.site_header = "Newsdesk administration"

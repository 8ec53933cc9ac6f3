"""API tokens in the admin: listed, revocable; made only by ``newsdesk apitoken``,
so a secret is shown once, on the terminal of whoever made it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "kind", "user", "label", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["kind", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "prefix", "user__username"]
    readonly_fields = ["kind", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    fields = [*readonly_fields[:2], "label", *readonly_fields[2:]]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("Revoked %(count)d tokens.") % {"count": count}, messages.INFO)

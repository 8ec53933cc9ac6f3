"""Admins register webhooks here and read every delivery's log of attempts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from newsdesk.net.guard import Refused, check_target

from .models import Attempt, Delivery, Webhook


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=2000, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=Webhook.event_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The event types this receiver wants."),
    )

    class Meta:
        model = Webhook
        fields = ["url", "description", "events", "active"]

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        try:
            check_target(url)
        except Refused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["url", "description", "event_list", "active", "created_at", "log"]
    list_filter = ["active"]
    readonly_fields = ["secret", "created_at"]

    @admin.display(description=_("events"))
    def event_list(self, webhook: Webhook) -> str:
        return ", ".join(webhook.events)

    @admin.display(description=_("deliveries"))
    def log(self, webhook: Webhook) -> SafeString:
        url = reverse("admin:hooks_delivery_changelist") + f"?webhook__id__exact={webhook.pk}"
        return format_html('<a href="{}">{}</a>', url, _("log"))


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    fields = ["number", "started_at", "duration_ms", "status_code", "error", "response"]
    readonly_fields = ["number", "started_at", "duration_ms", "status_code", "error", "response"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "consumer",
        "webhook",
        "event_type",
        "event_id",
        "status",
        "attempts",
        "last_status",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "consumer", "event_type"]
    list_select_related = ["webhook"]
    inlines = [AttemptInline]
    readonly_fields = [
        "consumer",
        "key",
        "event_id",
        "event_type",
        "webhook",
        "url",
        "content_type",
        "body",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status",
        "last_error",
        "created_at",
        "delivered_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

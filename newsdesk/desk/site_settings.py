"""The desk's site settings page (admins): every field of ``SiteSettings``.

Saving calls ``site.actions.update_settings`` with the fields that changed;
the action checks the rule, validates with the model's validators and stores
a new logo through the image pipeline. Empty fields fall back to the
environment (``NEWSDESK_SITE_NAME``, ``NEWSDESK_TIME_ZONE``,
``NEWSDESK_LANGUAGE``), which the form shows as placeholders.
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from newsdesk.news.models import Author
from newsdesk.site.actions import settings_row, update_settings
from newsdesk.site.models import SiteSettings

from .access import DeskRequest, desk_view
from .editing import errors_to_form, too_large

FIELDS = (
    "site_name",
    "description",
    "contact_line",
    "time_zone",
    "language",
    "languages",
    "default_author",
    "require_admin_second_factor",
    "wire_sources_editors_only",
    "tips_retention_days",
)


@cache
def zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def _model_field(name: str) -> Any:
    return SiteSettings._meta.get_field(name)


class SettingsForm(forms.Form):
    """The model's labels and help texts; the action is the judge of values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("site_name", "contact_line", "time_zone", "language", "languages"):
            field = _model_field(name)
            self.fields[name] = forms.CharField(
                label=field.verbose_name.capitalize(),
                required=False,
                help_text=field.help_text,
                widget=forms.TextInput(attrs={"maxlength": field.max_length}),
            )
        description = _model_field("description")
        self.fields["description"] = forms.CharField(
            label=description.verbose_name.capitalize(),
            required=False,
            help_text=_("For search engines and feed readers: one or two sentences."),
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": description.max_length}),
        )
        logo = _model_field("logo")
        self.fields["logo"] = forms.FileField(
            label=logo.verbose_name.capitalize(), required=False, help_text=logo.help_text
        )
        self.fields["remove_logo"] = forms.BooleanField(label=_("Remove the logo"), required=False)
        author = _model_field("default_author")
        self.fields["default_author"] = forms.ModelChoiceField(
            label=author.verbose_name.capitalize(),
            queryset=Author.objects.order_by("name"),
            required=False,
            empty_label=_("None"),
            help_text=author.help_text,
        )
        for name in ("require_admin_second_factor", "wire_sources_editors_only"):
            switch = _model_field(name)
            self.fields[name] = forms.BooleanField(
                label=switch.verbose_name.capitalize(), required=False, help_text=switch.help_text
            )
        retention = _model_field("tips_retention_days")
        self.fields["tips_retention_days"] = forms.IntegerField(
            label=retention.verbose_name.capitalize(),
            help_text=retention.help_text,
            required=False,  # left empty: unchanged (the action judges the number)
        )
        self.fields["site_name"].widget.attrs["placeholder"] = settings.NEWSDESK_SITE_NAME
        self.fields["time_zone"].widget.attrs.update(
            {"placeholder": settings.TIME_ZONE, "list": "zones", "autocomplete": "off"}
        )
        self.fields["language"].widget.attrs["placeholder"] = settings.LANGUAGE_CODE
        self.fields["languages"].widget.attrs["placeholder"] = settings.LANGUAGE_CODE


def _initial(row: SiteSettings) -> dict[str, Any]:
    return {name: getattr(row, name) for name in FIELDS if name != "default_author"} | {
        "default_author": row.default_author_id
    }


def _changes(form: SettingsForm) -> dict[str, Any]:
    changes = {n: form.cleaned_data[n] for n in form.changed_data if n in FIELDS}
    if changes.get("tips_retention_days", 0) is None:
        del changes["tips_retention_days"]  # an empty number keeps the one saved
    if form.cleaned_data.get("logo"):
        changes["logo"] = form.cleaned_data["logo"]  # stored by the action, through the pipeline
    elif form.cleaned_data.get("remove_logo"):
        changes["logo"] = ""
    return changes


@desk_view(methods=("GET", "POST"), rule="site.change")
def site_settings(request: DeskRequest) -> HttpResponse:
    refused = too_large(request) if request.method == "POST" else None
    if refused is not None:
        return refused
    row = settings_row()
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST, request.FILES, initial=_initial(row))
        if form.is_valid():
            changes = _changes(form)
            try:
                if changes:
                    update_settings(user=request.user, **changes)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Saved.") if changes else _("Nothing changed."))
                return redirect("desk:site_settings")
        status = 400
    else:
        form = SettingsForm(initial=_initial(row))
    context = {"form": form, "row": row, "zones": zones()}
    return render(request, "desk/site_settings.html", context, status=status)

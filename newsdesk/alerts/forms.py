"""The subscribe and manage forms: what a reader typed, checked, handed to the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.news.models import Tag

from .actions import HOURS


def _hours() -> list[tuple[int, str]]:
    return [(h, f"{h:02d}:00") for h in HOURS]


class ChoicesForm(forms.Form):
    breaking = forms.BooleanField(label=_("Breaking updates, as they happen"), required=False)
    digest = forms.BooleanField(label=_("A daily digest"), required=False)
    digest_hour = forms.TypedChoiceField(
        label=_("Digest time"), choices=_hours, coerce=int, initial=7
    )
    tags = forms.MultipleChoiceField(
        label=_("Only these tags (none chosen: everything)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tags"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(Tag.objects.order_by("name").values_list("slug", "name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("breaking") or data.get("digest")):
            raise forms.ValidationError(_("Choose breaking updates, the daily digest or both."))
        return data


class SubscribeForm(ChoicesForm):
    address = forms.EmailField(label=_("Your e-mail address"), max_length=254)

    field_order = ["address", "breaking", "digest", "digest_hour", "tags"]

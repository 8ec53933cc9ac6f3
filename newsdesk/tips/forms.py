"""The tip form: the text fields, checked here; the files are read by
``uploads.CappedMemoryUpload`` and judged by ``actions.submit_tip``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import MAX_CONTACT, MAX_MESSAGE

#: The field a person never sees (``tips.css`` hides it); a
#: program that fills it is answered as if its tip had been kept.
TRAP = "website"
ACCEPT = "image/jpeg,image/png,image/webp,image/gif,application/pdf"


class TipForm(forms.Form):
    message = forms.CharField(
        label=_("Your tip"),
        help_text=_("What happened, where and when, and how you know."),
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": MAX_MESSAGE}),
        error_messages={"required": _("Write your tip first: what happened, where and when.")},
        strip=False,
    )
    contact = forms.CharField(
        label=_("How to reach you (optional)"),
        help_text=_(
            "An e-mail address, a phone number or a Signal name, if you want us to be "
            "able to reply. Leave it empty to stay anonymous."
        ),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": MAX_CONTACT, "autocomplete": "off"}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def trapped(self) -> bool:
        return bool(self.data.get(TRAP, "").strip())

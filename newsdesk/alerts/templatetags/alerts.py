"""``{% alerts_form %}``: the subscribe form wherever a page includes it (the Follow page)."""

from __future__ import annotations

from typing import Any

from django import template

from ..forms import SubscribeForm

register = template.Library()


@register.inclusion_tag("alerts/_form.html", takes_context=True)
def alerts_form(context: template.Context) -> dict[str, Any]:
    form = context.get("alerts_form") or SubscribeForm(initial={"breaking": True})
    # No CSRF token: the form goes on cached reader pages (views._from_this_site).
    return {"form": form, "request": context.get("request")}

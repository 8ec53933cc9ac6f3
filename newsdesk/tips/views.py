"""The reader's tip line at /tips/: a form that works without JavaScript,
and a thank-you page.

Decided for privacy, and stated in docs/architecture.md ("Tips"):

- No cookie is set or read: the form carries no CSRF token, because a
  token needs a cookie or a session, and the tip line must not give a
  reader either. Leaving CSRF out is safe here because sending a tip acts
  on behalf of nobody: the view never looks at the session or the
  signed-in user, and a forged post can do no more than anyone can do by
  sending a tip themselves.
- Nothing about the sender is kept: the address is only hashed for the
  rate limit (``limits.py``), the access log leaves it out for /tips/ even
  when addresses are logged elsewhere, and no audit entry is written.
- The files never touch the disk in clear (``uploads.py``), and the page
  loads nothing from another site (the CSP allows only our own origin).
- Both pages are ``private, no-store`` with ``Referrer-Policy: no-referrer``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsdesk.net.clients import client_address

from . import limits
from .actions import Upload, submit_tip, too_large_message
from .forms import ACCEPT, TipForm
from .uploads import TOO_LARGE, CappedMemoryUpload


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _page(request: HttpRequest, form: TipForm, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "accept": ACCEPT,
        "max_mb": settings.NEWSDESK_TIPS_MAX_BYTES // 1_000_000,
    }
    return _private(render(request, "tips/form.html", context, status=status))


def _errors_to_form(form: TipForm, exc: ValidationError) -> None:
    """The action's refusals under their field; the files' above the form."""
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    for field, messages in by_field.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TipForm())
    # Before anything reads the body: files in memory, and only up to the limit.
    request.upload_handlers = [CappedMemoryUpload(request)]
    form = TipForm(request.POST)
    if form.trapped():
        return _private(HttpResponseRedirect(reverse("tips:thanks"), status=303))
    if not form.is_valid():
        return _page(request, form, status=400)
    if getattr(request, TOO_LARGE, False):
        form.add_error(None, too_large_message(settings.NEWSDESK_TIPS_MAX_BYTES))
        return _page(request, form, status=413)
    if not limits.allow(client_address(request), timezone.now()):
        form.add_error(
            None,
            _(
                "You have sent several tips in the last hour. Please wait an hour and "
                "send this one again; your text is still here."
            ),
        )
        return _page(request, form, status=429)
    files = [Upload(name=f.name or "", data=f.read()) for f in request.FILES.getlist("attachments")]
    try:
        submit_tip(
            message=form.cleaned_data["message"],
            contact=form.cleaned_data["contact"],
            files=files,
            limit=settings.NEWSDESK_TIPS_MAX_BYTES,
        )
    except ValidationError as exc:
        _errors_to_form(form, exc)
        return _page(request, form, status=400)
    return _private(HttpResponseRedirect(reverse("tips:thanks"), status=303))


@require_http_methods(["GET", "HEAD"])
def thanks(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "tips/thanks.html"))

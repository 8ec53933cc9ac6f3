"""The reader's side of e-mail alerts: subscribe, confirm, manage, unsubscribe.

Nothing here needs an account. The subscribe form answers the same whether
the address is new, waiting or subscribed already. Links from e-mails carry
a signed token (``tokens.py``); a GET only shows a page with a button, and
the change is a POST, so a mail scanner that follows links changes nothing.
The one-click unsubscribe (RFC 8058) is a POST without a CSRF token, as mail
clients send it, and acts only on a valid token. Every page is private,
never stored, and sends a referrer only to this site (the token is in the address).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import actions, throttle, tokens
from .forms import ChoicesForm, SubscribeForm
from .models import Subscription


def private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        # Our own pages may see the token in a referrer, no other site (and
        # "no-referrer" would make browsers post "Origin: null", which CSRF refuses).
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


def _page(
    request: HttpRequest, form: SubscribeForm, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(request, "alerts/page.html", {"alerts_form": form, **extra}, status=status)


@private
@require_http_methods(["GET", "HEAD"])
def page(request: HttpRequest) -> HttpResponse:
    """/alerts/: the form on a page of its own (and its answer without JavaScript)."""
    return _page(request, SubscribeForm())


def _from_this_site(request: HttpRequest) -> bool:
    """The sign-up form carries no CSRF token: the Follow page is one cached
    page for every reader and sets no cookie, and a forged sign-up can only
    ask for the confirmation mail anyone could ask for by typing the address
    (double opt-in does the rest). A browser's post from another site is
    still refused, by what the browser says of where it comes from."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser that names origins: nothing to go on, as with a typed form
    return urlsplit(origin).netloc == request.get_host()


@csrf_exempt  # see _from_this_site
@private
@require_http_methods(["POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if not _from_this_site(request):
        error = _("Sign up on this site's own page: a form on another site cannot do it for you.")
        return _page(request, SubscribeForm(), status=403, error=error)
    form = SubscribeForm(request.POST)
    if not throttle.allow(request):
        response = _page(
            request,
            form,
            status=429,
            error=_("Too many sign-ups from your connection. Try again in an hour."),
        )
        response["Retry-After"] = str(throttle.WINDOW)
        return response
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        actions.subscribe(
            data["address"],
            language=get_language() or "en",
            breaking=data["breaking"],
            digest=data["digest"],
            digest_hour=data["digest_hour"],
            tags=data["tags"],
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _page(request, form, status=400)
    return render(request, "alerts/check_inbox.html")


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/invalid.html", status=404)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    sub = tokens.read(token, "confirm")
    if sub is None or sub.state not in (Subscription.State.PENDING, Subscription.State.CONFIRMED):
        return _invalid(request)
    if request.method == "POST":
        sub = actions.confirm(sub)
    if sub.state == Subscription.State.CONFIRMED:
        return render(
            request, "alerts/confirmed.html", {"manage_token": tokens.make(sub, "manage")}
        )
    return render(request, "alerts/confirm.html", {"token": token})


@private
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    sub = tokens.read(token, "manage")
    if sub is None or sub.state != Subscription.State.CONFIRMED:
        return _invalid(request)
    saved = False
    if request.method == "POST" and "unsubscribe" in request.POST:
        actions.unsubscribe(sub)
        return render(request, "alerts/unsubscribed.html")
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            sub = actions.change(
                sub,
                breaking=data["breaking"],
                digest=data["digest"],
                digest_hour=data["digest_hour"],
                tags=data["tags"],
            )
            saved = True
    else:
        form = ChoicesForm(
            initial={
                "breaking": sub.breaking,
                "digest": sub.digest,
                "digest_hour": sub.digest_hour,
                "tags": list(sub.tags.values_list("slug", flat=True)),
            }
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "alerts/manage.html",
        {"form": form, "token": token, "address": sub.address, "saved": saved},
        status=status,
    )


@csrf_exempt  # RFC 8058: mail clients post without a token; the signed link is the proof
@private
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    sub = tokens.read(token, "manage")
    if sub is None:
        return _invalid(request)
    if request.method == "POST":
        actions.unsubscribe(sub)
        return render(request, "alerts/unsubscribed.html")
    if sub.state != Subscription.State.CONFIRMED:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"token": token})

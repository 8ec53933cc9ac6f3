"""Set-password links: how an invited person (or one who lost their
password) chooses a password without an admin ever knowing it.

A link carries the account id and a token from Django's
``PasswordResetTokenGenerator`` under its own salt: signed with the secret
key, expiring after ``PASSWORD_RESET_TIMEOUT`` (three days), and made from
the account's password hash and active flag, so it stops working as soon as
the password is set or the account is switched off. The page needs no
sign-in; it sets the password through the ``set_password`` action (audited,
every session ends) and sends the person to sign in.

As in Django's own password-reset view, the first visit moves the token
into the session and sends the browser on to an address without it, so the
live token never reaches a log line (a form error, a refused POST) or a
Referer header.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from .access import no_store
from .actions import set_password


class LinkTokens(PasswordResetTokenGenerator):
    key_salt = "newsdesk.desk.welcome.LinkTokens"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


tokens = LinkTokens()

SESSION_KEY = "newsdesk_set_password_token"
#: Stands in for the token in the address once it is in the session.
IN_SESSION = "set-password"


def link_for(request: HttpRequest, account: User) -> str:
    """The full address of a new set-password link for ``account``."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    path = reverse("desk:welcome", kwargs={"uid": uid, "token": tokens.make_token(account)})
    return request.build_absolute_uri(path)


def _account(uid: str, token: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uid).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    account = User.objects.filter(pk=pk, is_active=True).first()
    if account is None or not tokens.check_token(account, token):
        return None
    return account


def _private(response: HttpResponse, *, referrer: str = "no-referrer") -> HttpResponse:
    """Never cached; and the token never leaves in a Referer header.

    Only the address with the token needs ``no-referrer``. The form's own
    address has no token, and there the browser must name its origin when it
    posts the form: under ``no-referrer`` it sends ``Origin: null``, which the
    CSRF check refuses, so nobody could set a password. ``same-origin`` sends
    the origin to this site and nothing to any other."""
    response["Referrer-Policy"] = referrer
    return no_store(response)


def _form_page(response: HttpResponse) -> HttpResponse:
    return _private(response, referrer="same-origin")


@sensitive_variables("token")
@sensitive_post_parameters("new_password1", "new_password2")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def welcome(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    if token != IN_SESSION:
        if _account(uid, token) is None:
            return _private(render(request, "desk/welcome.html", {"form": None}, status=404))
        request.session[SESSION_KEY] = token
        target = reverse("desk:welcome", kwargs={"uid": uid, "token": IN_SESSION})
        return _private(redirect(target))
    token = str(request.session.get(SESSION_KEY, ""))
    account = _account(uid, token)
    if account is None:
        request.session.pop(SESSION_KEY, None)
        return _private(render(request, "desk/welcome.html", {"form": None}, status=404))
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            set_password(
                account, password=form.cleaned_data["new_password1"], user=account, link=True
            )
        except ValidationError as exc:
            form.add_error("new_password1", exc.messages)
        else:
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("Your password is set. Sign in with it now."))
            return _form_page(redirect("desk:login"))
    context = {"form": form, "username": account.get_username()}
    status = 400 if form.errors else 200
    return _form_page(render(request, "desk/welcome.html", context, status=status))

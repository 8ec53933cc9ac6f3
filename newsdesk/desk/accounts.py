"""Signing in and out, second factors, passwords and the desk's language."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import (
    authenticate,
    get_user_model,
    login,
    logout,
    update_session_auth_hash,
)
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from newsdesk.net.clients import client_address
from newsdesk.site import current as site
from newsdesk.site.interface import LANGUAGES, interface_language

from . import audit, recovery, throttle, totp
from .access import DeskRequest, desk_view, no_store
from .actions import desk_language_of, set_desk_language, set_password
from .middleware import EPOCH_KEY, current_epoch
from .models import SecondFactor

PENDING = "newsdesk_pending_second_factor"
PENDING_SECONDS = 300


class LoginForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        max_length=settings.NEWSDESK_PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class RecoveryForm(forms.Form):
    """The same step with a recovery code: letters too, so no number pad."""

    code = forms.CharField(
        label=gettext_lazy("One of your recovery codes"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "autofocus": True}
        ),
    )


def safe_next(request: HttpRequest, default: str = "/desk/") -> str:
    """Only a path on this site: never ``//elsewhere``, ``/\\elsewhere`` or a scheme."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def _throttled(request: HttpRequest, form: forms.Form, username: str, address: str | None) -> bool:
    minutes = throttle.wait_minutes(username, address)
    if minutes:
        audit.record(
            audit.Action.LOGIN_THROTTLED,
            target=throttle.normalise(username),
            request=request,
            detail={"wait_minutes": minutes},
        )
        form.add_error(
            None,
            _("Too many failed sign-ins. Try again in %(minutes)d minutes.") % {"minutes": minutes}
            if minutes != 1
            else _("Too many failed sign-ins. Try again in 1 minute."),
        )
        return True
    return False


def _complete(request: HttpRequest, user: Any) -> HttpResponse:
    login(request, user)  # a new session key; records the epoch and the audit entry
    return HttpResponseRedirect(safe_next(request))


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method != "POST":
        return redirect(safe_next(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = client_address(request)
        if not _throttled(request, form, username, address):
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                throttle.fail(username, address)
                audit.record(
                    audit.Action.LOGIN_FAILED, target=throttle.normalise(username), request=request
                )
                form.add_error(None, _("That username and password do not match an account."))
            elif totp.has_confirmed(user):
                request.session.cycle_key()
                request.session[PENDING] = {
                    "user": user.pk,
                    "backend": user.backend,  # type: ignore[attr-defined]
                    "at": time.time(),
                    "next": safe_next(request),
                }
                return redirect("desk:login_code")
            else:
                return _complete(request, user)
    response = render(
        request,
        "desk/login.html",
        {"form": form, "next": safe_next(request, "")},
        status=400 if form.errors else 200,
    )
    return no_store(response)


def _second_step(request: HttpRequest, user: Any, factor: SecondFactor, code: str) -> bool:
    """A code from the app, or else an unused recovery code (audited)."""
    if totp.verify(factor, code):
        return True
    left = recovery.use(factor, code)
    if left is None:
        return False
    audit.record(
        audit.Action.SECOND_FACTOR,
        actor=user,
        target=user.get_username(),
        request=request,
        detail={"change": "recovery code used", "left": left},
    )
    messages.warning(
        request,
        _(
            "You signed in with a recovery code; %(left)d left. Make new ones on your "
            "account page if your authenticator app is lost."
        )
        % {"left": left},
    )
    return True


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in again: the code was not entered in time."))
        return redirect("desk:login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    factor = SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
    if user is None or factor is None:
        request.session.pop(PENDING, None)
        return redirect("desk:login")
    use_recovery = request.GET.get("recovery") == "1" or request.POST.get("recovery") == "1"
    form: forms.Form = (RecoveryForm if use_recovery else CodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        if not _throttled(request, form, user.get_username(), address):
            if _second_step(request, user, factor, form.cleaned_data["code"]):
                request.session.pop(PENDING, None)
                user.backend = pending["backend"]  # type: ignore[attr-defined]
                login(request, user)
                return HttpResponseRedirect(pending["next"])
            throttle.fail(user.get_username(), address)
            audit.record(
                audit.Action.LOGIN_FAILED,
                actor=user,
                target=user.get_username(),
                request=request,
                detail={"step": "second factor"},
            )
            form.add_error("code", _("That code is not right, or it was used already."))
    return no_store(
        render(
            request,
            "desk/login_code.html",
            {"form": form, "recovery": use_recovery},
            status=400 if form.errors else 200,
        )
    )


@desk_view(methods=("POST",), factor_exempt=True)
def logout_view(request: DeskRequest) -> HttpResponse:
    """Sign out here and everywhere else: every session of this person ends."""
    user = request.user
    audit.bump_epoch(user.pk)
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("desk:login")


class SecondFactorForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code shown by the app"), max_length=12)


@sensitive_post_parameters()
@desk_view(methods=("GET", "POST"), factor_exempt=True)
def account_view(request: DeskRequest) -> HttpResponse:
    user = request.user
    password_form = PasswordChangeForm(user)
    code_form = SecondFactorForm()
    factor = SecondFactor.objects.filter(user=user).first()
    do = request.POST.get("do", "")
    if request.method == "POST" and do == "password":
        password_form = PasswordChangeForm(user, request.POST)
        if password_form.is_valid():  # the form proves the old password
            try:
                changed = set_password(
                    user, password=password_form.cleaned_data["new_password1"], user=user
                )
            except ValidationError as exc:
                password_form.add_error("new_password1", exc.messages)
            else:
                # Every session of theirs ended; this one carries on.
                update_session_auth_hash(request, changed)
                request.session[EPOCH_KEY] = current_epoch(user.pk)
                messages.success(
                    request, _("Password changed. You are signed out everywhere else.")
                )
                return redirect("desk:account")
    elif request.method == "POST" and do == "language":
        try:
            set_desk_language(user, language=request.POST.get("language", ""), user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            own = desk_language_of(user) or interface_language(site.of(request).language)
            with translation.override(own):  # said in the language it now speaks
                messages.success(request, _("Your desk language is saved."))
        return redirect("desk:account")
    elif request.method == "POST" and do == "factor-start":
        if factor is None or factor.confirmed_at is None:
            SecondFactor.objects.update_or_create(user=user, defaults={"secret": totp.new_secret()})
        return redirect("desk:account")
    elif request.method == "POST" and do == "factor-confirm" and factor is not None:
        code_form = SecondFactorForm(request.POST)
        if code_form.is_valid():
            if totp.confirm(factor, code_form.cleaned_data["code"]):
                codes = recovery.make(factor)
                audit.own(
                    audit.Action.SECOND_FACTOR, request, change="added", recovery_codes=len(codes)
                )
                messages.success(request, _("Your authenticator app is set up."))
                return _recovery_codes(request, codes)
            code_form.add_error("code", _("That code is not right; check the app's clock."))
    elif request.method == "POST" and do == "codes-new" and factor and factor.confirmed_at:
        codes = recovery.make(factor)
        audit.own(audit.Action.SECOND_FACTOR, request, change="recovery codes")
        messages.success(request, _("New recovery codes made; the old ones no longer work."))
        return _recovery_codes(request, codes)
    elif request.method == "POST" and do == "factor-remove" and factor is not None:
        if site.of(request).require_admin_second_factor and user.is_superuser:
            messages.error(request, _("Admins must keep a second factor on this site."))
        else:
            factor.delete()
            audit.own(audit.Action.SECOND_FACTOR, request, change="removed")
            messages.success(request, _("Second factor removed."))
        return redirect("desk:account")
    factor = SecondFactor.objects.filter(user=user).first()
    setup = None
    if factor is not None and factor.confirmed_at is None:
        uri = totp.provisioning_uri(factor.secret, user.get_username(), site.of(request).name)
        setup = {"secret": factor.secret, "qr": totp.qr_svg(uri)}
    return render(
        request,
        "desk/account.html",
        {
            "password_form": password_form,
            "code_form": code_form,
            "factor": factor,
            "setup": setup,
            "codes_left": recovery.left(factor) if factor and factor.confirmed_at else None,
            "next": safe_next(request, ""),
            "languages": LANGUAGES,
            "desk_language": desk_language_of(user),
            "site_language": dict(LANGUAGES)[interface_language(site.of(request).language)],
        },
        status=400 if (password_form.errors or code_form.errors) else 200,
    )


def _recovery_codes(request: DeskRequest, codes: list[str]) -> HttpResponse:
    """The codes, once: they are kept only as hashes from here on."""
    return render(
        request,
        "desk/recovery_codes.html",
        {"codes": codes, "continue_to": safe_next(request, reverse("desk:account"))},
    )

"""The newsroom's accounts on the desk (admins only): who can sign in, with
which role, and which author profile is theirs.

Every change goes through an action (``desk.actions`` for accounts,
``news.actions`` for author profiles), which checks the rule again, writes
the audit entry and the private event, and ends sessions where it should;
this module only collects the forms. An invitation makes the account with no
usable password and shows a set-password link (``desk.welcome``) once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.news import actions as news_actions
from newsdesk.news.models import Author

from .access import DeskRequest, desk_view
from .actions import MAX_EMAIL, MAX_USERNAME, create_account, role_of, set_active, set_role
from .welcome import link_for


def role_names() -> dict[str, str]:
    return {
        "contributor": _("contributor"),
        "editor": _("editor"),
        "admin": _("admin"),
        "": _("no role"),
    }


def _role_choices() -> list[tuple[str, str]]:
    return [
        ("contributor", _("Contributor: writes drafts, submits them for review")),
        ("editor", _("Editor: also publishes, corrects, pins")),
        ("admin", _("Admin: also manages accounts and the site settings")),
    ]


class InviteForm(forms.Form):
    """Only these three fields are read: anything else posted is ignored."""

    username = forms.CharField(
        label=gettext_lazy("Username"),
        max_length=MAX_USERNAME,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    email = forms.CharField(
        label=gettext_lazy("E-mail (optional)"),
        required=False,
        max_length=MAX_EMAIL,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=_role_choices)


def _errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error.messages)
    else:
        form.add_error(None, exc.messages)


def _link_page(request: DeskRequest, account: User, *, invited: bool) -> HttpResponse:
    """The set-password link, shown once (a new one can be made later)."""
    context = {"account": account, "link": link_for(request, account), "invited": invited}
    return render(request, "desk/staff_link.html", context)


@desk_view(superuser=True, methods=("GET", "POST"))
def staff_list(request: DeskRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = create_account(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                password=None,
                user=request.user,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return _link_page(request, account, invited=True)
    accounts = User.objects.select_related("author").prefetch_related("groups")
    page = Paginator(accounts.order_by("username"), 100).get_page(request.GET.get("page"))
    names = role_names()
    rows = [(account, names[role_of(account)]) for account in page]
    context = {"form": form, "page": page, "rows": rows}
    return render(request, "desk/staff.html", context, status=400 if form.errors else 200)


def _authors_for(account: User) -> Any:
    """Profiles the account could take: its own and those nobody has."""
    return Author.objects.filter(Q(user__isnull=True) | Q(user=account)).order_by("name")


def _link_author(account: User, value: str, user: Any) -> str:
    current = Author.objects.filter(user=account).first()
    chosen = None
    if value:
        known = value.isdigit() and len(value) < 19
        chosen = _authors_for(account).filter(pk=int(value) if known else 0).first()
        if chosen is None:
            raise ValidationError(_("Choose an author profile that has no account yet."))
    if chosen == current:
        return _("Nothing to change.")
    with transaction.atomic():
        if current is not None:
            news_actions.update_author(current, account=None, user=user)
        if chosen is not None:
            news_actions.update_author(chosen, account=account, user=user)
    if chosen is None:
        return _("%(username)s no longer has an author profile.") % {
            "username": account.get_username()
        }
    return _("%(username)s now writes as %(name)s.") % {
        "username": account.get_username(),
        "name": chosen.name,
    }


def _new_author(account: User, name: str, user: Any) -> str:
    if Author.objects.filter(user=account).exists():
        raise ValidationError(_("This account already has an author profile."))
    author = news_actions.create_author(
        name=name or account.get_full_name() or account.get_username(), account=account, user=user
    )
    return _("Author profile %(name)s made for %(username)s.") % {
        "name": author.name,
        "username": account.get_username(),
    }


@desk_view(superuser=True, methods=("GET", "POST"))
def staff_account(request: DeskRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User.objects.select_related("author"), pk=int(pk))
    if request.method == "POST":
        do = request.POST.get("do", "")
        user = request.user
        name = {"username": account.get_username()}
        try:
            if do == "role":
                account = set_role(account, role=request.POST.get("role", ""), user=user)
                role = role_names()[role_of(account)]
                done = _("%(username)s is now: %(role)s.") % {**name, "role": role}
            elif do == "active":
                active = request.POST.get("active") == "1"
                set_active(account, active=active, user=user)
                done = (
                    _("%(username)s can sign in again.")
                    if active
                    else _("%(username)s is switched off and signed out everywhere.")
                ) % name
            elif do == "author":
                done = _link_author(account, request.POST.get("author", ""), user)
            elif do == "author-new":
                done = _new_author(account, request.POST.get("name", "").strip(), user)
            elif do == "link":
                if not account.is_active:
                    raise ValidationError(_("Switch the account on before making a link."))
                return _link_page(request, account, invited=False)
            else:
                return HttpResponse(_("Unknown action."), status=400)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect("desk:staff_account", pk=account.pk)
    context = {
        "account": account,
        "role": role_of(account),
        "role_name": role_names()[role_of(account)],
        "roles": _role_choices(),
        "author": getattr(account, "author", None),
        "authors": _authors_for(account),
        "is_self": account.pk == request.user.pk,
    }
    return render(request, "desk/staff_account.html", context)

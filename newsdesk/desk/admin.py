"""Django's admin, for admins only: people (and the site settings, in
``newsdesk.site.admin``); articles live on the desk.

The user pages save through the account actions (``desk.actions``): a role
is one choice (contributor, editor, admin), never groups or flags, and
passwords change through ``set_password``. Accounts are switched off, never
deleted, so the audit log keeps naming who did what.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UsernameField
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from newsdesk.news.permissions import can

from . import actions
from .middleware import EPOCH_KEY, current_epoch

ROLE_CHOICES = [
    ("contributor", _("Contributor")),
    ("editor", _("Editor")),
    ("admin", _("Admin")),
]


def _login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin signs in through the desk (throttling, second factor, audit)."""
    target = request.GET.get("next") or "/admin/"
    return redirect("/desk/login/?" + urlencode({"next": target}))


_has_permission = admin.site.has_permission


def _admin_permission(request: HttpRequest) -> bool:
    """Admins only: contributors and editors work on the desk, never here."""
    from .access import needs_factor

    user = request.user
    return bool(_has_permission(request) and user.is_superuser and not needs_factor(request))


def _password_change(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """One place to change a password, throttled and audited: the desk's account page."""
    return redirect(reverse("desk:account"))


# Roles are the two groups the code defines (news.roles): assigned on the
# user form, never edited here.
admin.site.unregister(Group)
admin.site.login = _login  # type: ignore[method-assign]
admin.site.has_permission = _admin_permission  # type: ignore[method-assign]
admin.site.password_change = _password_change  # type: ignore[method-assign,assignment]
admin.site.site_header = _("Newsdesk administration")


# People -------------------------------------------------------------------


def _password_fields() -> tuple[forms.CharField, forms.CharField]:
    def field(label: Any) -> forms.CharField:
        return forms.CharField(
            label=label,
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        )

    return field(_("Password")), field(_("Password (again)"))


def _check_passwords(form: forms.BaseForm, account: Any) -> None:
    first = form.cleaned_data.get("password1")
    second = form.cleaned_data.get("password2")
    if first and second and first != second:
        form.add_error("password2", _("The two passwords are not the same."))
    elif first:
        try:
            actions.clean_password(first, account)
        except ValidationError as exc:
            form.add_error("password1", exc)


class AccountAddForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial="contributor")
    password1, password2 = _password_fields()

    class Meta:
        model = User
        fields = ("username", "email")

    def clean_username(self) -> str:
        return actions.clean_username(self.cleaned_data.get("username"))

    def clean_email(self) -> str:
        return actions.clean_email(self.cleaned_data.get("email"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        candidate = User(username=cleaned.get("username", ""), email=cleaned.get("email", ""))
        _check_passwords(self, candidate)
        return cleaned


class AccountChangeForm(UserChangeForm):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)

    class Meta:
        model = User
        fields = ("username", "email", "is_active")
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["role"] = actions.role_of(self.instance)
        if not self.initial["role"]:  # an account without a desk role (API tokens only)
            field = self.fields["role"]
            field.choices = [("", _("No desk role")), *ROLE_CHOICES]  # type: ignore[attr-defined]
            field.required = False

    def clean_username(self) -> str:
        return actions.clean_username(self.cleaned_data.get("username"), account=self.instance)

    def clean_email(self) -> str:
        return actions.clean_email(self.cleaned_data.get("email"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("role") and "is_active" in cleaned:
            try:
                actions.keeps_an_admin(
                    self.instance, role=cleaned["role"], active=cleaned["is_active"]
                )
            except ValidationError as exc:
                self.add_error("role", exc)
        return cleaned


class AccountPasswordForm(forms.Form):
    password1, password2 = _password_fields()

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        _check_passwords(self, self.user)
        return cleaned


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    form = AccountChangeForm
    add_form = AccountAddForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Desk"), {"fields": ("role", "is_active")}),
        (_("Contact"), {"fields": ("email",)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "email", "role", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "role", "email", "is_active", "last_login")
    list_filter = ("is_active", "is_superuser", "groups")
    search_fields = ("username", "email")
    filter_horizontal = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("Role"))
    def role(self, obj: User) -> str:
        return str(dict(ROLE_CHOICES).get(actions.role_of(obj), "—"))

    # One rule on every door: the account actions' own.
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, "account.manage", obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, "account.manage", obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return can(request.user, "account.manage")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switch the account off instead: the audit log keeps its name

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            account = actions.create_account(
                username=data["username"],
                password=data["password1"],
                role=data["role"],
                email=data.get("email", ""),
                user=request.user,
            )
            obj.pk = account.pk
            obj.refresh_from_db()
            return
        account = User.objects.get(pk=obj.pk)  # as saved; obj holds the form's values
        details = {n: data[n] for n in ("username", "email") if n in form.changed_data}
        if details:
            account = actions.update_account(account, user=request.user, **details)
        if "role" in form.changed_data and data["role"]:
            account = actions.set_role(account, role=data["role"], user=request.user)
        if "is_active" in form.changed_data:
            actions.set_active(account, active=data["is_active"], user=request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing else to save: roles are not groups on this form."""

    @method_decorator(sensitive_post_parameters())
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        account = self.get_object(request, unquote(id))
        if account is None:
            raise Http404
        if not self.has_change_permission(request, account):
            raise PermissionDenied
        form = AccountPasswordForm(account, request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                account = actions.set_password(
                    account, password=form.cleaned_data["password1"], user=request.user
                )
            except ValidationError as exc:
                form.add_error("password1", exc.messages)
            else:
                messages.success(request, gettext("Password changed successfully."))
                if account.pk == request.user.pk:  # this session stays; the others end
                    update_session_auth_hash(request, account)
                    request.session[EPOCH_KEY] = current_epoch(account.pk)
                return redirect(reverse("admin:auth_user_change", args=(account.pk,)))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Change password: %s") % account.get_username(),
            "form": form,
            "form_url": form_url,
            "opts": self.opts,
            "original": account,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "desk/admin_password.html", context)

"""The desk's author pages: the list, adding an author, editing one.

Saving calls ``news.actions.create_author``/``update_author``, which hold the
rules (editors manage every author, a contributor edits only the profile
linked to their own account, only admins link accounts) and validate; this
module only collects the form, stores an avatar through the image pipeline
and shows the card readers will see.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.images.processing import store_upload
from newsdesk.news import actions
from newsdesk.news.actions import authors as rules_of
from newsdesk.news.models import Author
from newsdesk.news.permissions import author_of, can
from newsdesk.site import current as site

from .access import DeskRequest, desk_view
from .editing import discard, errors_to_form, too_large

WRITE = "news.add_article"
TEXT = ("name", "slug", "bio", "contact", "email", "signal", "website")


def _line(label: Any, limit: int, **attrs: Any) -> forms.CharField:
    """A one-line field; the action judges what was typed."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": limit, **attrs}),
    )


class AuthorForm(forms.Form):
    name = _line(gettext_lazy("Name"), rules_of.MAX_NAME, autocomplete="off")
    slug = _line(
        gettext_lazy("URL name"),
        rules_of.MAX_SLUG,
        autocomplete="off",
    )
    bio = forms.CharField(
        label=gettext_lazy("Bio"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": rules_of.MAX_BIO}),
    )
    contact = _line(gettext_lazy("Public contact line"), rules_of.MAX_CONTACT)
    email = _line(gettext_lazy("Public e-mail"), 200, inputmode="email", autocomplete="off")
    signal = _line(gettext_lazy("Signal"), 64, autocomplete="off")
    website = _line(gettext_lazy("Website"), 300, inputmode="url", autocomplete="off")
    avatar = forms.FileField(
        label=gettext_lazy("Picture"),
        required=False,
        help_text=gettext_lazy("JPEG, PNG, WebP or GIF; up to 20 MB and 50 megapixels."),
    )
    remove_avatar = forms.BooleanField(label=gettext_lazy("Remove the picture"), required=False)
    account = forms.ModelChoiceField(
        label=gettext_lazy("Desk account"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("None"),
    )

    def __init__(self, *args: Any, link_accounts: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].help_text = _("Leave empty to make it from the name.")
        self.fields["signal"].help_text = _("A Signal number (+44 7700 900123) or username.")
        if link_accounts:
            users = get_user_model().objects.filter(is_active=True).order_by("username")
            self.fields["account"].queryset = users  # type: ignore[attr-defined]
        else:
            # Only admins link profiles to accounts: for anyone else the field
            # is not on the form, so a posted value is never read.
            del self.fields["account"]


def _initial(author: Author) -> dict[str, Any]:
    return {**{name: getattr(author, name) for name in TEXT}, "account": author.user_id}


def author_slug(name: str) -> str:
    """The URL name the action makes from a name."""
    return slugify(name, allow_unicode=True)[: rules_of.MAX_SLUG].strip("-_")


def _changes(form: AuthorForm, author: Author | None) -> dict[str, Any]:
    """What the form changes (everything, for a new author)."""
    data = form.cleaned_data
    changed = set(form.changed_data)
    changes = {n: data[n] for n in TEXT if author is None or n in changed}
    if (
        author is not None
        and "name" in changes
        and "slug" not in changes
        and author.slug == author_slug(author.name)
    ):
        # A URL name made from the name follows it; the old URL answers 301.
        changes["slug"] = ""
    if "account" in form.fields and (author is None or "account" in changed):
        changes["account"] = data["account"]
    return changes


def _preview(form: AuthorForm, author: Author | None) -> Author:
    """An unsaved author with what the form says, for the card."""
    shown = Author(pk=author.pk if author else None)
    data = form.cleaned_data
    for name in TEXT:
        setattr(shown, name, " ".join(str(data.get(name) or "").split()))
    shown.bio = str(data.get("bio") or "").strip()
    shown.slug = shown.slug or author_slug(shown.name) or (author.slug if author else "")
    if author is not None and not data.get("remove_avatar"):
        shown.avatar = author.avatar
    return shown


def _save(request: DeskRequest, form: AuthorForm, author: Author | None) -> Author:
    """Apply the form through the actions; a stored picture goes again on failure."""
    changes = _changes(form, author)
    upload = form.cleaned_data.get("avatar")
    image = None
    if upload:
        alt = str(form.cleaned_data.get("name") or (author.name if author else ""))
        try:
            image = store_upload(upload, user=request.user, alt=alt)
        except ValidationError as exc:
            raise ValidationError({"avatar": exc.messages}) from exc
        changes["avatar"] = image
    elif author is not None and form.cleaned_data.get("remove_avatar"):
        changes["avatar"] = None
    try:
        if author is None:
            return actions.create_author(user=request.user, **changes)
        return actions.update_author(author, user=request.user, **changes)
    except BaseException:
        discard(image)
        raise


def _page(request: DeskRequest, author: Author | None) -> HttpResponse:
    refused = too_large(request) if request.method == "POST" else None
    if refused is not None:
        return refused
    link = can(request.user, "author.link_account", author)
    status = 200
    preview = author
    new_picture = False
    if request.method == "POST":
        form = AuthorForm(
            request.POST,
            request.FILES,
            initial=_initial(author) if author else None,
            link_accounts=link,
        )
        if form.is_valid():
            if request.POST.get("do") == "preview":
                preview = _preview(form, author)
                new_picture = bool(form.cleaned_data.get("avatar"))
            else:
                try:
                    saved = _save(request, form, author)
                except ValidationError as exc:
                    errors_to_form(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("desk:author", pk=saved.pk)
        if form.errors:
            status = 400
    else:
        form = AuthorForm(initial=_initial(author) if author else None, link_accounts=link)
    context = {
        "form": form,
        "author": author,
        "preview": preview,
        "new_picture": new_picture,
        "is_desk_card": author is not None and author.pk == site.of(request).default_author_id,
    }
    return render(request, "desk/author.html", context, status=status)


def _author(kwargs: dict[str, Any]) -> Author:
    return get_object_or_404(Author.objects.select_related("avatar", "user"), pk=int(kwargs["pk"]))


@desk_view(WRITE)
def author_list(request: DeskRequest) -> HttpResponse:
    """Every author, with an edit link where the rules allow one."""
    authors = (
        Author.objects.select_related("avatar", "user")
        .annotate(updates=Count("bylines"))
        .order_by("name", "id")
    )
    page = Paginator(authors, 100).get_page(request.GET.get("page"))
    user = request.user
    rows = [(a, can(user, "author.edit", a)) for a in page]
    context = {
        "page": page,
        "rows": rows,
        "own": author_of(user),
        "can_add": can(user, "author.create"),
        "show_accounts": can(user, "author.link_account"),
        "desk_card": site.of(request).default_author_id,
    }
    return render(request, "desk/authors.html", context)


@desk_view(WRITE, methods=("GET", "POST"), rule="author.create")
def author_new(request: DeskRequest) -> HttpResponse:
    return _page(request, None)


@desk_view(WRITE, methods=("GET", "POST"), rule="author.edit", record=_author)
def author_edit(request: DeskRequest, pk: int) -> HttpResponse:
    author: Author = request.desk_record  # type: ignore[attr-defined]
    return _page(request, author)

"""The desk's tag pages: the list with article counts, rename or describe, merge.

Saving calls ``news.actions.update_tag``/``merge_tags``, which hold the rules
(editors rename and merge) and validate. A merge is two steps: choose the tag
to merge into, then confirm on a page that says what will happen.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.news import actions
from newsdesk.news.actions.tags import MAX_DESCRIPTION, MAX_NAME, MAX_SLUG, tag_slug
from newsdesk.news.models import Article, Tag
from newsdesk.news.permissions import can

from .access import DeskRequest, desk_view
from .editing import errors_to_form

WRITE = "news.add_article"
MAX_SEARCH = 100


class TagForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": MAX_NAME, "autocomplete": "off"}),
    )
    slug = forms.CharField(
        label=gettext_lazy("URL name"),
        required=False,
        help_text=gettext_lazy(
            "Made from the name when empty or when it was made from the old name; "
            "the old address then leads to the new one."
        ),
        widget=forms.TextInput(attrs={"maxlength": MAX_SLUG, "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_DESCRIPTION}),
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"),
        queryset=Tag.objects.none(),
        empty_label=gettext_lazy("Choose a tag"),
        error_messages={"required": gettext_lazy("Choose the tag to merge into.")},
    )

    def __init__(self, *args: Any, source: Tag, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Tag.objects.exclude(pk=source.pk).order_by("name")
        self.fields["into"].queryset = others  # type: ignore[attr-defined]


def _tag(kwargs: dict[str, Any]) -> Tag:
    return get_object_or_404(Tag, pk=int(kwargs["pk"]))


def _counted(tags: Any) -> Any:
    return tags.annotate(updates=Count("articles"))


@desk_view(WRITE)
def tag_list(request: DeskRequest) -> HttpResponse:
    """Every tag with how many updates carry it; the buttons the rules allow."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_SEARCH]
    tags = _counted(Tag.objects.all()).order_by("name", "id")
    if query:
        tags = tags.filter(name__icontains=query)
    page = Paginator(tags, 100).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "can_edit": can(request.user, "tag.edit"),
        "can_merge": can(request.user, "tag.merge"),
    }
    return render(request, "desk/tags.html", context)


def _changes(form: TagForm, tag: Tag) -> dict[str, Any]:
    changes = {name: form.cleaned_data[name] for name in form.changed_data}
    if "name" in changes and "slug" not in changes and tag.slug == tag_slug(tag.name):
        changes["slug"] = ""  # the URL name follows a name it was made from
    return changes


@desk_view(WRITE, methods=("GET", "POST"), rule="tag.edit", record=_tag)
def tag_edit(request: DeskRequest, pk: int) -> HttpResponse:
    tag: Tag = request.desk_record  # type: ignore[attr-defined]
    initial = {"name": tag.name, "slug": tag.slug, "description": tag.description}
    status = 200
    if request.method == "POST":
        form = TagForm(request.POST, initial=initial)
        if form.is_valid():
            changes = _changes(form, tag)
            try:
                if changes:
                    actions.update_tag(tag, user=request.user, **changes)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Saved.") if changes else _("Nothing changed."))
                return redirect("desk:tag", pk=tag.pk)
        status = 400
    else:
        form = TagForm(initial=initial)
    count = tag.articles.count()
    context = {
        "form": form,
        "tag": tag,
        "count": count,
        "can_merge": can(request.user, "tag.merge", tag),
    }
    return render(request, "desk/tag.html", context, status=status)


@desk_view(WRITE, methods=("GET", "POST"), rule="tag.merge", record=_tag)
def tag_merge(request: DeskRequest, pk: int) -> HttpResponse:
    """Choose the tag to merge into, then confirm (the second POST merges)."""
    source: Tag = request.desk_record  # type: ignore[attr-defined]
    form = MergeForm(request.POST if request.method == "POST" else None, source=source)
    if request.method != "POST":
        return _merge_page(request, source, form)
    if not form.is_valid():
        return _merge_page(request, source, form, status=400)
    into: Tag = form.cleaned_data["into"]
    if request.POST.get("confirm") != "yes":
        return _merge_page(request, source, form, into=into)
    try:
        actions.merge_tags(source, into, user=request.user)
    except ValidationError as exc:
        errors_to_form(form, exc)
        return _merge_page(request, source, form, status=400)
    messages.success(
        request,
        _("“%(source)s” is merged into “%(into)s”; its address now leads there.")
        % {"source": source.name, "into": into.name},
    )
    return redirect("desk:tag", pk=into.pk)


def _merge_page(
    request: DeskRequest,
    source: Tag,
    form: MergeForm,
    *,
    into: Tag | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "tag": source,
        "form": form,
        "into": into,
        "count": source.articles.count(),
        # Two filters, two joins: updates carrying both tags.
        "shared": Article.objects.filter(tags=source).filter(tags=into).count() if into else 0,
    }
    return render(request, "desk/tag_merge.html", context, status=status)

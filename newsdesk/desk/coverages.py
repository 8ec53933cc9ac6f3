"""The desk's live coverage pages: the list (open first), open one, edit its
title, key points (with a preview), start, language and lead image, add and
remove its updates, pin one, end it with a confirm step, reopen it.

Every save calls ``news.actions`` (``open_coverage``, ``update_coverage``,
``pin_in_coverage``, ``end_coverage``, ``reopen_coverage``,
``add_to_coverage``, ``remove_from_coverage``), which hold the rules: editors
manage coverages; adding an update is an edit of that update. A lead image is
stored through the image pipeline first and removed again if the change
fails.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.images.processing import store_upload
from newsdesk.news import actions, languages
from newsdesk.news.actions.coverages import MAX_KEY_POINTS, MAX_TITLE
from newsdesk.news.models import Article, Coverage
from newsdesk.news.permissions import can, visible_articles
from newsdesk.news.rendering import render_markdown

from .access import DeskRequest, desk_view
from .editing import discard, errors_to_form, too_large

WRITE = "news.add_article"
#: The recent updates offered in "Add an update".
CANDIDATES = 50


class CoverageForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": MAX_TITLE, "autocomplete": "off"}),
    )
    key_points = forms.CharField(
        label=gettext_lazy("Key points"),
        required=False,
        help_text=gettext_lazy("Markdown: a short list the desk keeps current."),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_KEY_POINTS}),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=())
    started_at = forms.DateTimeField(
        label=gettext_lazy("Start"),
        required=False,
        help_text=gettext_lazy("In the site's time zone; now when left empty."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    image = forms.FileField(label=gettext_lazy("Lead image"), required=False)
    image_alt = forms.CharField(
        label=gettext_lazy("Image alt text"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    remove_image = forms.BooleanField(label=gettext_lazy("Remove the image"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            (code, languages.name_local(code)) for code in languages.site_languages()
        ]


def _coverage(kwargs: dict[str, Any]) -> Coverage:
    return get_object_or_404(Coverage.objects.select_related("image"), pk=int(kwargs["pk"]))


@desk_view(WRITE)
def coverage_list(request: DeskRequest) -> HttpResponse:
    """Every coverage, open ones first, with how many updates each holds."""
    coverages = Coverage.objects.annotate(updates=Count("articles")).order_by(
        F("ended_at").desc(nulls_first=True), "-started_at", "-id"
    )
    context = {"coverages": coverages[:200], "can_manage": can(request.user, "coverage.manage")}
    return render(request, "desk/coverages.html", context)


def _initial(coverage: Coverage | None) -> dict[str, Any]:
    if coverage is None:
        return {"language": languages.default_language()}
    return {
        "title": coverage.title,
        "key_points": coverage.key_points,
        "language": coverage.language,
        "started_at": timezone.localtime(coverage.started_at),
        "image_alt": coverage.image_alt,
    }


def _save(request: DeskRequest, form: CoverageForm, coverage: Coverage | None) -> Coverage:
    data = form.cleaned_data
    changes: dict[str, Any] = {
        "title": data["title"],
        "key_points": data["key_points"],
        "language": data["language"],
    }
    started: datetime | None = data.get("started_at")
    if started is not None:
        changes["started_at"] = started
    upload = data.get("image")
    image = None
    if upload:
        try:
            image = store_upload(upload, user=request.user, alt=data.get("image_alt") or "")
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc
        changes["image"] = image
        changes["image_alt"] = data.get("image_alt") or ""
    elif coverage is not None and data.get("remove_image"):
        changes["image"] = None
    elif coverage is not None and coverage.image_id is not None:
        changes["image_alt"] = data.get("image_alt") or ""
        changes["image"] = coverage.image
    try:
        if coverage is None:
            return actions.open_coverage(user=request.user, **changes)
        return actions.update_coverage(coverage, user=request.user, **changes)
    except BaseException:
        discard(image)
        raise


def _form_page(request: DeskRequest, coverage: Coverage | None) -> HttpResponse:
    refused = too_large(request) if request.method == "POST" else None
    if refused is not None:
        return refused
    status = 200
    preview = ""
    if request.method == "POST":
        form = CoverageForm(request.POST, request.FILES, initial=_initial(coverage))
        if form.is_valid():
            if request.POST.get("do") == "preview":
                preview = render_markdown(form.cleaned_data["key_points"] or "")
            else:
                try:
                    saved = _save(request, form, coverage)
                except ValidationError as exc:
                    errors_to_form(form, exc)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("desk:coverage", pk=saved.pk)
        if form.errors:
            status = 400
    else:
        form = CoverageForm(initial=_initial(coverage))
    context: dict[str, Any] = {"form": form, "coverage": coverage, "preview": preview}
    if coverage is not None:
        context.update(_members(request, coverage))
    return render(request, "desk/coverage.html", context, status=status)


def _members(request: DeskRequest, coverage: Coverage) -> dict[str, Any]:
    """The coverage's updates, and the recent ones that could join it."""
    inside = list(
        coverage.articles.only("id", "headline", "status", "published_at", "modified_at").order_by(
            "-published_at", "-modified_at", "-id"
        )[:200]
    )
    candidates = (
        visible_articles(request.user, Article.objects.all())
        .exclude(coverages=coverage)
        .exclude(status=Article.Status.UNPUBLISHED)
        .only("id", "headline", "status")
        .order_by("-modified_at", "-id")[:CANDIDATES]
    )
    return {
        "members": inside,
        "candidates": list(candidates) if coverage.is_open else [],
        "can_manage": can(request.user, "coverage.manage", coverage),
    }


@desk_view(WRITE, methods=("GET", "POST"), rule="coverage.manage")
def coverage_new(request: DeskRequest) -> HttpResponse:
    return _form_page(request, None)


@desk_view(WRITE, methods=("GET", "POST"), rule="coverage.manage", record=_coverage)
def coverage_edit(request: DeskRequest, pk: int) -> HttpResponse:
    return _form_page(request, request.desk_record)  # type: ignore[attr-defined]


@desk_view(WRITE, methods=("GET", "POST"), rule="coverage.manage", record=_coverage)
def coverage_end(request: DeskRequest, pk: int) -> HttpResponse:
    """Ending takes a second step: a page that says what will happen."""
    coverage: Coverage = request.desk_record  # type: ignore[attr-defined]
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            if coverage.is_open:
                actions.end_coverage(coverage, user=request.user)
                messages.success(request, _("The coverage has ended; its page says so."))
            else:
                actions.reopen_coverage(coverage, user=request.user)
                messages.success(request, _("The coverage is live again."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("desk:coverage", pk=coverage.pk)
    return render(request, "desk/coverage_end.html", {"coverage": coverage})


def _article(request: DeskRequest) -> Article | None:
    raw = request.POST.get("article", "")
    if not raw.isdigit() or len(raw) > 18:
        return None
    return visible_articles(request.user, Article.objects.all()).filter(pk=int(raw)).first()


@desk_view(WRITE, methods=("POST",))
def coverage_updates(request: DeskRequest, pk: int) -> HttpResponse:
    """Add, remove or pin one update (``do``: add, remove, pin, unpin); the
    actions say who may (adding is an edit of the update)."""
    coverage = _coverage({"pk": pk})
    article = _article(request)
    do = request.POST.get("do", "")
    if article is None and do != "unpin":
        messages.error(request, _("Choose an update."))
        return redirect("desk:coverage", pk=coverage.pk)
    try:
        if do == "add" and article is not None:
            actions.add_to_coverage(article, coverage, user=request.user)
            messages.success(request, _("Added to the coverage."))
        elif do == "remove" and article is not None:
            actions.remove_from_coverage(article, coverage, user=request.user)
            messages.success(request, _("Taken out of the coverage."))
        elif do == "pin":
            actions.pin_in_coverage(coverage, article, user=request.user)
            messages.success(request, _("Pinned on the coverage's page."))
        elif do == "unpin":
            actions.pin_in_coverage(coverage, None, user=request.user)
            messages.success(request, _("Unpinned."))
        else:
            messages.error(request, _("Choose an update."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("desk:coverage", pk=coverage.pk)


def join_chosen(article: Article, chosen: Any, user: Any) -> None:
    """The composer's choice of live coverages, applied after the save (an
    edit of the update through ``actions.update``, only when it changed)."""
    if chosen is None:
        return
    wanted = list(chosen)
    if {c.pk for c in wanted} == set(article.coverages.values_list("pk", flat=True)):
        return
    actions.update(article, user=user, coverages=wanted)
    article.refresh_from_db()

"""The desk: article lists, the composer, workflow buttons, history, audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.news import actions, embeds, languages, permissions
from newsdesk.news.models import Article, ArticleAuthor, AuditEntry, Revision, Tag
from newsdesk.news.rendering import inline_line, render_markdown
from newsdesk.site import current as site

from . import diff, editing
from .access import DeskRequest, desk_view
from .coverages import join_chosen
from .forms import (
    BYLINE_SLOTS,
    SOURCE_SLOTS,
    ComposerForm,
    initial_for,
    initial_from_data,
    unsafe_links,
)
from .models import Autosave

WRITE = "news.add_article"
PUBLISH = "news.publish_article"
CORRECT = "news.correct_article"
PIN = "news.pin_article"


def _article(request: DeskRequest, pk: int, *, edit: bool = False) -> Article:
    """The URL's article, already read by the access rule where it ran."""
    article = getattr(request, "desk_article", None)
    if article is None or article.pk != int(pk):
        article = get_object_or_404(Article, pk=int(pk))
    allowed = permissions.can(request.user, "article.edit" if edit else "article.view", article)
    if not allowed:
        raise PermissionDenied
    return article


def _lists(request: DeskRequest) -> dict[str, Any]:
    everything = Article.objects.prefetch_related("bylines__author").order_by("-modified_at")
    base = permissions.visible_articles(request.user, everything)
    mine = request.GET.get("mine") == "1" or not permissions.is_editor(request.user)
    if mine:
        base = permissions.own_articles(request.user, base)
    return {
        "drafts": base.filter(status=Article.Status.DRAFT)[:50],
        "review": base.filter(status=Article.Status.REVIEW)[:50],
        "scheduled": base.filter(status=Article.Status.SCHEDULED).order_by("published_at")[:50],
        "published": base.filter(status=Article.Status.PUBLISHED).order_by("-published_at")[:30],
        "unpublished": base.filter(status=Article.Status.UNPUBLISHED)[:10],
        "mine": mine,
    }


@desk_view(WRITE)
def home(request: DeskRequest) -> HttpResponse:
    return render(request, "desk/home.html", _lists(request))


# The composer ------------------------------------------------------------


def _autosave_for(request: DeskRequest, article: Article | None) -> Autosave | None:
    return Autosave.objects.filter(user=request.user, article=article).first()


def _store_image(form: ComposerForm, user: Any) -> Any:
    upload = form.cleaned_data.get("image")
    if not upload:
        return None
    from newsdesk.images.processing import store_upload

    try:
        return store_upload(upload, user=user, alt=form.cleaned_data.get("image_alt") or "")
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc


def _image_changes(form: ComposerForm, image: Any, article: Article | None) -> dict[str, Any]:
    data = form.cleaned_data
    alt = (data.get("image_alt") or "").strip()
    words = {
        "image_caption": data.get("image_caption") or "",
        "image_credit": data.get("image_credit") or "",
    }
    if image is not None:
        return {"image": image, "image_alt": alt, **words}
    if data.get("remove_image"):
        return {"image": None, "image_alt": ""}
    if article is not None and getattr(article, "image_id", None):
        return {"image_alt": alt, **words}
    return {}


def _store_inline(form: ComposerForm, user: Any) -> str:
    """Store the body's image; return the Markdown line that shows it."""
    from newsdesk.images.processing import store_upload

    data = form.cleaned_data
    upload = data.get("inline_image")
    alt = " ".join((data.get("inline_alt") or "").split())
    errors: dict[str, list[str]] = {}
    if not upload:
        errors["inline_image"] = [_("Choose an image to put in the body.")]
    if not alt:
        errors["inline_alt"] = [_("Describe the image for readers who cannot see it.")]
    if errors:
        raise ValidationError(errors)
    try:
        image = store_upload(upload, user=user, alt=alt)
    except ValidationError as exc:
        raise ValidationError({"inline_image": exc.messages}) from exc
    return inline_line(
        image, alt, data.get("inline_caption") or "", data.get("inline_credit") or ""
    )


def _save(request: DeskRequest, article: Article | None, form: ComposerForm, do: str) -> Article:
    """Apply the form through the actions, all or nothing."""
    user = request.user
    changes = form.changes()
    data = form.cleaned_data
    image = _store_image(form, user)
    is_new = article is None
    if not changes["is_breaking"] and not permissions.can(user, "article.breaking", article):
        # The form shows the flag to editors only: anyone else's save leaves it
        # as it is. A flag sent anyway goes on to the action, which refuses it.
        changes.pop("is_breaking")
    try:
        with transaction.atomic():
            changes.update(_image_changes(form, image, article))
            if article is None:
                if changes["language"] is None:
                    changes["language"] = site.of(request).language
                article = actions.create_draft(user=user, **changes)
            elif article.is_published and data.get("change") == "correction":
                fixes = {k: v for k, v in changes.items() if k not in {"is_breaking", "language"}}
                actions.correct(
                    article,
                    note=data["note"],
                    user=user,
                    expected_version=data.get("version"),
                    **fixes,
                )
                breaking = changes.get("is_breaking", article.is_breaking)
                if breaking != article.is_breaking:
                    actions.update(article, user=user, is_breaking=breaking)
            else:
                if changes["language"] is None:
                    changes.pop("language")
                actions.update(article, user=user, expected_version=data.get("version"), **changes)
            article.refresh_from_db()
            join_chosen(article, data.get("coverages"), user)
            if do == "submit":
                actions.submit(article, user=user)
            elif do == "publish":
                actions.publish(article, user=user)
            elif do == "schedule":
                when = data.get("publish_at")
                if when is None:
                    raise ValidationError({"publish_at": [_("Choose when to publish.")]})
                actions.schedule(article, publish_at=when, user=user)
    except BaseException:
        editing.discard(image)
        raise
    # The work is saved: its autosave (and, for a new update, the one kept
    # before it had an id) is no longer needed.
    Autosave.objects.filter(user=user, article=article).delete()
    if is_new:
        Autosave.objects.filter(user=user, article=None).delete()
    return article


_DONE = {
    "save": _("Saved."),
    "submit": _("Submitted for review."),
    "publish": _("Published."),
    "schedule": _("Scheduled."),
}


def _composer(request: DeskRequest, article: Article | None) -> HttpResponse:
    user = request.user
    refused = editing.too_large(request) if request.method == "POST" else None
    if refused is not None:
        return refused
    conflict: list[diff.FieldDiff] | None = None
    preview = None
    inserted = None
    status = 200
    if request.method == "POST":
        form = ComposerForm(request.POST, request.FILES)
        do = request.POST.get("do", "save")
        needs = {"publish": PUBLISH, "schedule": PUBLISH, "submit": WRITE, "save": WRITE}
        if do == "preview":
            # Shown with whatever the form says about the rest; nothing is saved.
            if form.is_valid() or "body" not in form.errors:
                preview = _preview(form.cleaned_data, article)
        elif do == "insert_image":
            # Without JavaScript: the image is stored and the composer comes
            # back with everything typed so far and the line to paste.
            form.is_valid()
            try:
                inserted = _store_inline(form, user)
            except ValidationError as exc:
                editing.errors_to_form(form, exc)
        elif do not in needs:
            return HttpResponse(_("Unknown action."), status=400)
        elif not user.has_perm(needs[do]):
            raise PermissionDenied
        elif form.is_valid():
            try:
                saved = _save(request, article, form, do)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "conflict" and article is not None:
                    current = Article.objects.get(pk=article.pk)
                    conflict = diff.compare(actions.snapshot(current), _submitted(form))
                    form.add_error(None, exc.messages)
                    # The writer's text stays in the form (and in the autosave);
                    # saving again now is a deliberate choice over the newer version.
                    data = request.POST.copy()
                    data["version"] = str(current.version)
                    form = _rebound(data, request, form)
                    _autosave(request, current, form.data, current.version)
                else:
                    editing.errors_to_form(form, exc)
            else:
                messages.success(request, _DONE[do])
                return redirect("desk:edit", pk=saved.pk)
        status = 400 if form.errors else 200
        if conflict is not None:
            status = 409
    elif article is None:
        saved_work = _autosave_for(request, None)
        fresh = {"change": "minor", "language": site.of(request).language}
        own = permissions.author_of(user)
        if own is not None:  # a writer with a profile starts on the byline
            fresh["author_0"] = str(own.pk)
        form = ComposerForm(initial=initial_from_data(saved_work.data) if saved_work else fresh)
    else:
        form = ComposerForm(initial=initial_for(article))
    restore = None
    if request.method != "POST":
        restore = _autosave_for(request, article)
        if restore is not None and article is not None and restore.saved_at <= article.modified_at:
            restore = None
    extra = {"conflict": conflict, "preview": preview, "restore": restore, "inserted": inserted}
    return _render_composer(request, form, article, status=status, **extra)


def _render_composer(
    request: DeskRequest,
    form: ComposerForm,
    article: Article | None,
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = {
        "form": form,
        "article": article,
        "is_editor": permissions.is_editor(request.user),
        "can_correct": request.user.has_perm(CORRECT),
        "notes": list(article.notes.select_related("created_by")) if article else [],
        "can_send_back": article is not None
        and permissions.can(request.user, "article.send_back", article),
        "bylines": [form[f"author_{i}"] for i in range(BYLINE_SLOTS)],
        "source_rows": [
            (form[f"source_{i}_outlet"], form[f"source_{i}_url"], form[f"source_{i}_style"])
            for i in range(SOURCE_SLOTS)
        ],
        **(_translation_context(request, article) if article is not None else {}),
        **extra,
    }
    return render(request, "desk/compose.html", context, status=status)


def _rebound(data: Any, request: DeskRequest, old: ComposerForm) -> ComposerForm:
    form = ComposerForm(data, request.FILES)
    form.is_valid()
    for error in old.non_field_errors():
        form.add_error(None, error)
    return form


def _submitted(form: ComposerForm) -> dict[str, Any]:
    c = form.changes()
    return {
        "headline": c["headline"],
        "lede": c["lede"],
        "body": c["body"],
        "tags": c["tags"],
        "authors": [a.slug for a in c["authors"]],
        "sources": [
            {"outlet": s.outlet, "url": s.url, "quote_style": s.quote_style} for s in c["sources"]
        ],
        "is_breaking": c["is_breaking"],
    }


@desk_view(WRITE, methods=("GET", "POST"))
def new(request: DeskRequest) -> HttpResponse:
    return _composer(request, None)


@desk_view(WRITE, methods=("GET", "POST"), article="view")
def edit(request: DeskRequest, pk: int) -> HttpResponse:
    article = _article(request, pk, edit=request.method == "POST")
    if request.method != "POST" and not permissions.can(request.user, "article.edit", article):
        return redirect("desk:preview", pk=pk)
    return _composer(request, article)


def _autosave(request: DeskRequest, article: Article | None, data: Any, version: int) -> Autosave:
    names = set(ComposerForm().fields)
    kept = {k: str(data.get(k, ""))[: actions.MAX_BODY] for k in names if k in data}
    saved, _created = Autosave.objects.update_or_create(
        user=request.user,
        article=article,
        defaults={"data": kept, "version": version, "saved_at": timezone.now()},
    )
    return saved


@desk_view(WRITE, methods=("POST",))
def autosave(request: DeskRequest) -> HttpResponse:
    """Keep the composer's unsaved work (never touches the article)."""
    raw_pk = request.POST.get("article") or ""
    article = None
    if raw_pk:
        if not raw_pk.isdigit():
            return JsonResponse({"error": _("Unknown article.")}, status=400)
        article = _article(request, int(raw_pk), edit=True)
    version = request.POST.get("version") or "0"
    saved = _autosave(request, article, request.POST, int(version) if version.isdigit() else 0)
    return JsonResponse({"saved_at": saved.saved_at.isoformat()})


@desk_view(WRITE, methods=("POST",))
def discard_autosave(request: DeskRequest) -> HttpResponse:
    raw_pk = request.POST.get("article") or ""
    article = _article(request, int(raw_pk), edit=True) if raw_pk.isdigit() else None
    Autosave.objects.filter(user=request.user, article=article).delete()
    return redirect("desk:edit", pk=article.pk) if article else redirect("desk:new")


@desk_view(WRITE, methods=("GET", "POST"), article="edit")
def restore_autosave(request: DeskRequest, pk: int) -> HttpResponse:
    article = _article(request, pk, edit=True)
    saved = _autosave_for(request, article)
    if saved is None:
        return redirect("desk:edit", pk=pk)
    data = dict(initial_from_data(saved.data))
    data["version"] = saved.version
    form = ComposerForm(initial=data)
    return _render_composer(request, form, article, restored=saved)


def _preview(data: dict[str, Any], article: Article | None) -> str:
    """The whole update as readers will see it, from the composer's fields:
    headline, lede, featured image with caption and credit, body (embedded
    posts as their cards, with any preview text already fetched), sources."""
    body = render_markdown(str(data.get("body") or ""))
    image = getattr(article, "image", None) if not data.get("remove_image") else None
    sources = [
        {"outlet": s.outlet, "url": s.url, "style": s.quote_style}
        for s in data.get("sources") or []
        if isinstance(s, actions.SourceInput)
    ]
    context = {
        "headline": data.get("headline") or "",
        "lede": data.get("lede") or "",
        "image": image,
        "image_alt": data.get("image_alt") or "",
        "image_caption": data.get("image_caption") or "",
        "image_credit": data.get("image_credit") or "",
        "body": embeds.page_body(body, interactive=False)[0],
        "sources": sources,
    }
    return render_to_string("desk/_preview.html", context)


@desk_view(WRITE, methods=("POST",))
def render_preview(request: DeskRequest) -> HttpResponse:
    """The whole update as the public page renders it (same renderer), for the
    live preview beside the form."""
    body = request.POST.get("body", "")
    if len(body) > actions.MAX_BODY:
        return JsonResponse({"error": _("The body is too long to preview.")}, status=400)
    form = ComposerForm(request.POST)
    form.is_valid()  # a preview shows what it can of a form still being written
    data = {**form.cleaned_data, "body": body}
    article = None
    raw_pk = request.POST.get("article") or ""
    if raw_pk.isdigit():
        article = _article(request, int(raw_pk))
    return JsonResponse({"html": _preview(data, article), "unsafe": unsafe_links(body)})


@desk_view(WRITE, methods=("POST",))
def upload_image(request: DeskRequest) -> HttpResponse:
    """Store an image for the body; answer the Markdown line that shows it
    (the composer's script puts it at the cursor)."""
    refused = editing.too_large(request)
    if refused is not None:
        return refused
    form = ComposerForm(request.POST, request.FILES)
    form.is_valid()
    try:
        line = _store_inline(form, request.user)
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=400)
    return JsonResponse({"line": line})


@desk_view(WRITE, article="view")
def preview(request: DeskRequest, pk: int) -> HttpResponse:
    """The article as readers will see it, whatever its state; never cached."""
    _article(request, pk)
    bylines = ArticleAuthor.objects.select_related("author").order_by("position", "id")
    article = (
        Article.objects.prefetch_related(
            Prefetch("bylines", queryset=bylines),
            Prefetch("tags", queryset=Tag.objects.order_by("name")),
            "sources",
            "corrections",
        )
        .select_related("image")
        .filter(pk=pk)
        .get()
    )
    # As on the public page: an update without a byline shows the desk's card.
    desk_author = None if article.bylines.all() else site.default_author(site.of(request))
    context = {
        "article": article,
        "body": embeds.page_body(article.body_html, interactive=False)[0],
        "related": [],
        "live_position": None,
        "desk_preview": True,
        "desk_author": desk_author,
    }
    return render(request, "public/article.html", context)


# Translations ---------------------------------------------------------------


def _translation_context(request: DeskRequest, article: Article) -> dict[str, Any]:
    """The update's translations the person may see, and the languages it
    could still be translated into (the "Translate this update" form)."""
    user = request.user
    group = [a for a in actions.translations(article) if permissions.can(user, "article.view", a)]
    may = permissions.can(user, "article.create") and permissions.can(user, "article.view", article)
    return {
        "translations": [{"article": a, "name": languages.name_local(a.language)} for a in group],
        "translate_to": [
            {"code": code, "name": languages.name_local(code)}
            for code in (actions.missing_languages(article) if may else [])
        ],
    }


@desk_view(WRITE, methods=("POST",), article="view")
def translate(request: DeskRequest, pk: int) -> HttpResponse:
    """Open a linked draft in another language (``actions.translate``)."""
    article = _article(request, pk)
    try:
        draft = actions.translate(
            article, language=request.POST.get("language", ""), user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("desk:edit", pk=pk)
    messages.success(
        request,
        _("A draft translation is open: replace the text with the %(language)s version.")
        % {"language": languages.name_local(draft.language)},
    )
    return redirect("desk:edit", pk=draft.pk)


# Workflow buttons -----------------------------------------------------------


def _act(request: DeskRequest, pk: int, do: Callable[[Article], Any], done: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    try:
        do(article)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    if request.POST.get("back") == "home":
        return redirect("desk:home")
    return redirect("desk:edit", pk=pk)


@desk_view(WRITE, methods=("POST",), article="edit")
def submit(request: DeskRequest, pk: int) -> HttpResponse:
    _article(request, pk, edit=True)
    return _act(
        request, pk, lambda a: actions.submit(a, user=request.user), _("Submitted for review.")
    )


@desk_view(PUBLISH, methods=("POST",))
def publish(request: DeskRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda a: actions.publish(a, user=request.user), _("Published."))


@desk_view(PUBLISH, methods=("POST",))
def unpublish(request: DeskRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: actions.unpublish(a, user=request.user),
        _("Unpublished: readers now get 410 Gone."),
    )


@desk_view(PIN, methods=("POST",))
def pin(request: DeskRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda a: actions.pin(a, user=request.user),
        _("Pinned to the top of the feed."),
    )


@desk_view(PIN, methods=("POST",))
def unpin(request: DeskRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda a: actions.unpin(a, user=request.user), _("Unpinned."))


# Review -------------------------------------------------------------------


@desk_view(WRITE, methods=("POST",), article="view")
def add_note(request: DeskRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    try:
        actions.add_note(article, text=request.POST.get("text", ""), user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Note added."))
    return redirect("desk:edit", pk=pk)


@desk_view(PUBLISH, methods=("POST",))
def send_back(request: DeskRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    try:
        version = int(request.POST.get("version") or article.version)
    except ValueError:
        return HttpResponse(_("The version is a whole number."), status=400)
    note = request.POST.get("note", "")
    return _act(
        request,
        pk,
        lambda a: actions.send_back(a, note=note, user=request.user, expected_version=version),
        _("Sent back to the writer."),
    )


# History ----------------------------------------------------------------


@desk_view(WRITE, article="view")
def history(request: DeskRequest, pk: int) -> HttpResponse:
    article = _article(request, pk)
    revisions = list(article.revisions.select_related("created_by").order_by("-number"))
    numbers = [r.number for r in revisions]
    diffs = None
    a = b = None
    try:
        a = int(request.GET.get("a", "")) if request.GET.get("a") else None
        b = int(request.GET.get("b", "")) if request.GET.get("b") else None
        # A restore that would undo a correction asks for a correction note.
        as_correction = int(request.GET["restore"]) if request.GET.get("restore") else None
    except ValueError:
        return HttpResponse(_("Revision numbers are whole numbers."), status=400)
    if as_correction is not None and as_correction not in numbers:
        raise Http404(_("No such revision."))
    if a is not None and b is not None:
        if a not in numbers or b not in numbers:
            raise Http404(_("No such revision."))
        by_number = {r.number: r for r in revisions}
        diffs = diff.compare(by_number[a].snapshot, by_number[b].snapshot)
    return render(
        request,
        "desk/history.html",
        {
            "article": article,
            "revisions": revisions,
            "diffs": diffs,
            "a": a,
            "b": b,
            "can_edit": permissions.can(request.user, "article.edit", article),
            "as_correction": as_correction,
        },
    )


@desk_view(WRITE, methods=("POST",), article="edit")
def restore(request: DeskRequest, pk: int, number: int) -> HttpResponse:
    """Make an earlier revision's text current again, as a new revision."""
    number = int(number)
    article = _article(request, pk, edit=True)
    get_object_or_404(Revision, article=article, number=number)
    note = request.POST.get("note", "")
    try:
        actions.restore(
            article, number=number, user=request.user, expected_version=article.version, note=note
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        history = reverse("desk:history", args=[pk])
        needs_note = getattr(exc, "error_dict", {}).get("note")
        return redirect(f"{history}?restore={number}" if needs_note else history)
    if note.strip():
        done = _("Revision %(n)d restored as a correction.")
    else:
        done = _("Revision %(n)d restored as a new revision.")
    messages.success(request, done % {"n": number})
    return redirect("desk:history", pk=pk)


# Audit log --------------------------------------------------------------


@desk_view(superuser=True)
def audit_log(request: DeskRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        if action not in AuditEntry.Action.values:
            return HttpResponse(_("Unknown action."), status=400)
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/audit.html",
        {"page": page, "actions": AuditEntry.Action.choices, "action": action},
    )

"""The wire desk: the queue of items, one item, sources, and "Draft update from this".

Every view is a desk view (``news.add_article``: contributors, editors and
admins); changing sources also needs ``wire.manage`` (``news.permissions``,
which the site can keep to editors), checked by the actions or ``desk_view``.
The queue works without JavaScript; ``wire.js`` only asks
``items.json?after=<id>`` every few seconds and puts new items on top.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsdesk.desk.access import DeskRequest, desk_view
from newsdesk.news.models import Article
from newsdesk.news.permissions import can

from .actions import delete_source, pause_source, update_source
from .discover import DiscoveryError, add_source
from .drafts import draft_item, draft_story, lede_from
from .fetch import refresh_source
from .models import Source, Story, WireItem
from .queue import LEDE, page_of_groups

PAGE = 50
MAX_QUERY = 200
NEW = "news.add_article"
#: Time windows the monitor offers, in hours.
WINDOWS = (1, 6, 24, 72)


def _int(value: str | None) -> int | None:
    if value and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def _filtered(request: DeskRequest) -> tuple[QuerySet[WireItem], dict[str, Any]]:
    items = WireItem.objects.filter(is_deleted=False).select_related("source", "story")
    chosen: dict[str, Any] = {"q": (request.GET.get("q") or "").strip()[:MAX_QUERY]}
    source_id = _int(request.GET.get("source"))
    if source_id:
        items = items.filter(source_id=source_id)
        chosen["source"] = source_id
    story_id = _int(request.GET.get("story"))
    if story_id:
        items = items.filter(story_id=story_id)
        chosen["story"] = Story.objects.filter(pk=story_id).first()
    if chosen["q"]:
        q = chosen["q"]
        items = items.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    hours = _int(request.GET.get("within"))
    if hours in WINDOWS:
        items = items.filter(first_seen_at__gte=timezone.now() - timedelta(hours=hours))
        chosen["within"] = hours
    return items.order_by("-id"), chosen


@desk_view(NEW)
def queue(request: DeskRequest) -> HttpResponse:
    """Stories as groups, newest first; filters by source, story and keyword;
    older pages by the newest id of the last group (``queue.page_of_groups``)."""
    items, chosen = _filtered(request)
    before = _int(request.GET.get("before"))
    groups, older = page_of_groups(items, before)
    context = {
        "groups": groups,
        "chosen": chosen,
        "sources": Source.objects.order_by("outlet", "url").only("id", "outlet", "title", "url"),
        "older": older,
        "newest": groups[0].newest if groups else 0,
        "older_page": bool(before),
        "poll_query": request.GET.urlencode(),
        "windows": WINDOWS,
        "here": request.get_full_path(),
    }
    return render(request, "wire/queue.html", context)


def _as_json(item: WireItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": item.title or item.url,
        "source": item.outlet_name,
        "published_at": item.published_at.isoformat() if item.published_at else None,
        "first_seen_at": item.first_seen_at.isoformat(),
        "status": item.status,
        "duplicate": item.duplicate_of_id is not None,
        "story": item.story_id,
        "lede": " ".join(item.summary.split())[:LEDE],
        "href": reverse("wire:item", args=[item.pk]),
    }


@desk_view(NEW)
def poll(request: DeskRequest) -> HttpResponse:
    """Items newer than ``after`` under the same filters, oldest first (at most a page)."""
    after = _int(request.GET.get("after")) or 0
    items, _chosen = _filtered(request)
    fresh = list(items.filter(id__gt=after).order_by("id")[:PAGE])
    return JsonResponse({"items": [_as_json(item) for item in fresh]})


@desk_view(NEW)
def item(request: DeskRequest, pk: str) -> HttpResponse:
    wire_item = get_object_or_404(
        WireItem.objects.select_related("source", "story", "duplicate_of", "used_article"),
        pk=int(pk),
    )
    siblings: list[WireItem] = []
    if wire_item.story_id:
        siblings = list(
            WireItem.objects.filter(story_id=wire_item.story_id)
            .exclude(pk=wire_item.pk)
            .select_related("source")
            .order_by("-id")[:20]
        )
    context = {
        "item": wire_item,
        "duplicates": wire_item.duplicates.select_related("source").order_by("-id")[:20],
        "siblings": siblings,
        "versions": wire_item.versions.order_by("-version")[:10],
        "lede": lede_from(wire_item),
    }
    return render(request, "wire/item.html", context)


def _open_draft(request: DeskRequest, article: Article, wire_item: WireItem | None) -> HttpResponse:
    """The composer on ``article``, or, for someone who may not see it, a word why not."""
    if can(request.user, "article.view", article):
        return HttpResponseRedirect(reverse("desk:edit", args=[article.pk]))
    messages.info(
        request,
        _("This item is already in a draft (#%(id)d) that you cannot open; ask an editor.")
        % {"id": article.pk},
    )
    back = reverse("wire:item", args=[wire_item.pk]) if wire_item else reverse("wire:queue")
    return HttpResponseRedirect(back)


@desk_view(NEW, methods=("POST",))
def draft(request: DeskRequest, pk: str) -> HttpResponse:
    """Open the composer on the item's draft: the one made before, else a new
    one with the item's headline, a lede and the outlet attributed."""
    wire_item = get_object_or_404(WireItem, pk=int(pk))
    try:
        article, _created = draft_item(wire_item, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("wire:item", args=[wire_item.pk]))
    return _open_draft(request, article, wire_item)


@desk_view(NEW, methods=("POST",))
def story_draft(request: DeskRequest, pk: str) -> HttpResponse:
    """Open the composer on the story's draft: every outlet in it attributed."""
    story = get_object_or_404(Story, pk=int(pk))
    try:
        article, _created = draft_story(story, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("wire:queue") + f"?story={story.pk}")
    return _open_draft(request, article, None)


@desk_view(NEW, methods=("POST",))
def dismiss(request: DeskRequest, pk: str) -> HttpResponse:
    """Mark an item dismissed (or back to new with ``undo``)."""
    wire_item = get_object_or_404(WireItem, pk=int(pk))
    status = WireItem.Status.NEW if request.POST.get("undo") else WireItem.Status.DISMISSED
    if wire_item.status != WireItem.Status.USED:
        WireItem.objects.filter(pk=wire_item.pk).update(status=status)
    if request.POST.get("next"):
        return HttpResponseRedirect(_back(request))
    return HttpResponseRedirect(reverse("wire:item", args=[wire_item.pk]))


def _back(request: DeskRequest) -> str:
    """Where the monitor was (its filters in the URL), or the monitor."""
    back = request.POST.get("next") or ""
    if back.startswith("/desk/wire/") and url_has_allowed_host_and_scheme(back, None):
        return back
    return reverse("wire:queue")


@desk_view(NEW, methods=("POST",))
def story_dismiss(request: DeskRequest, pk: str) -> HttpResponse:
    """Dismiss every item of a story not used yet (or bring them back with ``undo``)."""
    story = get_object_or_404(Story, pk=int(pk))
    items = WireItem.objects.filter(story=story).exclude(status=WireItem.Status.USED)
    if request.POST.get("undo"):
        items.filter(status=WireItem.Status.DISMISSED).update(status=WireItem.Status.NEW)
    else:
        items.filter(status=WireItem.Status.NEW).update(status=WireItem.Status.DISMISSED)
    return HttpResponseRedirect(_back(request))


@desk_view(NEW, methods=("GET", "POST"))
def sources(request: DeskRequest) -> HttpResponse:
    """Every source with its state; POST adds one by URL (``add_source`` checks
    ``wire.manage``: refused, it is a 403)."""
    if request.method == "POST":
        url = (request.POST.get("url") or "").strip()[:2000]
        outlet = (request.POST.get("outlet") or "").strip()[:200]
        try:
            source, created = add_source(url, request.user, outlet=outlet)
        except DiscoveryError as exc:
            messages.error(request, _("Could not add %(url)s: %(why)s") % {"url": url, "why": exc})
        else:
            if created:
                messages.success(
                    request,
                    _("Added %(name)s (%(kind)s): %(count)d items.")
                    % {
                        "name": source.name,
                        "kind": source.get_kind_display(),
                        "count": source.item_count,
                    },
                )
            else:
                messages.info(request, _("%(name)s was already added.") % {"name": source.name})
        return HttpResponseRedirect(reverse("wire:sources"))
    context = {
        "sources": Source.objects.order_by("outlet", "url"),
        "can_manage": can(request.user, "wire.manage"),
    }
    return render(request, "wire/sources.html", context)


def _source(kwargs: dict[str, Any]) -> Source:
    return get_object_or_404(Source, pk=int(kwargs["pk"]))


class SourceForm(forms.Form):
    outlet = forms.CharField(
        label=_lazy("Outlet name (for attribution)"), max_length=200, required=False
    )
    url = forms.CharField(label=_lazy("Feed, page or news sitemap URL"), max_length=2000)


@desk_view(NEW, methods=("GET", "POST"), rule="wire.manage", record=_source)
def edit_source(request: DeskRequest, pk: str) -> HttpResponse:
    """Change a source's outlet name and URL."""
    source: Source = request.desk_record  # type: ignore[attr-defined]
    form = SourceForm(request.POST or None, initial={"outlet": source.outlet, "url": source.url})
    if request.method == "POST" and form.is_valid():
        try:
            update_source(
                source,
                request.user,
                outlet=form.cleaned_data["outlet"],
                url=form.cleaned_data["url"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": source.name})
            return HttpResponseRedirect(reverse("wire:sources"))
    status = 400 if request.method == "POST" else 200
    return render(request, "wire/source_edit.html", {"source": source, "form": form}, status=status)


@desk_view(NEW, methods=("POST",), rule="wire.manage", record=_source)
def pause(request: DeskRequest, pk: str) -> HttpResponse:
    """Pause polling (``paused=1``) or resume it (``paused=0``)."""
    source: Source = request.desk_record  # type: ignore[attr-defined]
    paused = request.POST.get("paused", "1") != "0"
    pause_source(source, request.user, paused=paused)
    if paused:
        messages.success(request, _("%(name)s is paused.") % {"name": source.name})
    else:
        messages.success(request, _("%(name)s is polled again.") % {"name": source.name})
    return HttpResponseRedirect(reverse("wire:sources"))


@desk_view(NEW, methods=("GET", "POST"), rule="wire.manage", record=_source)
def delete(request: DeskRequest, pk: str) -> HttpResponse:
    """GET asks to confirm; POST deletes (items used in drafts are kept)."""
    source: Source = request.desk_record  # type: ignore[attr-defined]
    if request.method == "POST":
        name = source.name
        done = delete_source(source, request.user)
        messages.success(
            request,
            _("Deleted %(name)s and %(items)d items; %(kept)d used in drafts are kept.")
            % {"name": name, "items": done.items, "kept": done.kept},
        )
        return HttpResponseRedirect(reverse("wire:sources"))
    items = WireItem.objects.filter(source=source)
    context = {
        "source": source,
        "items": items.count(),
        "kept": items.filter(
            Q(status=WireItem.Status.USED) | Q(used_article__isnull=False)
        ).count(),
    }
    return render(request, "wire/source_delete.html", context)


@desk_view(NEW, methods=("POST",), rule="wire.manage")
def refresh(request: DeskRequest, pk: str) -> HttpResponse:
    source = get_object_or_404(Source, pk=int(pk))
    result = refresh_source(source)
    if result.error:
        messages.error(
            request, _("%(name)s: %(error)s") % {"name": source.name, "error": result.error}
        )
    else:
        messages.success(
            request,
            _("%(name)s: %(new)d new, %(changed)d changed.")
            % {"name": source.name, "new": result.new, "changed": result.changed},
        )
    return HttpResponseRedirect(reverse("wire:sources"))

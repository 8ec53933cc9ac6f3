"""The desk's tips inbox at /desk/tips/: the list, one tip, what to do with it.

Every view is a desk view needing the ``tip.read`` rule (``tips.read_tip``:
admins, and whoever an admin grants it to on the readers page); the actions
check the rule again, so no door reads a tip without it. The list shows no
text of any tip: only opening one unseals it, and every opening (and every
file downloaded) is an entry in the audit log, shown on the tip's page.
Files come back decrypted as downloads (``Content-Disposition: attachment``,
``nosniff``), never shown inline, and like every desk page are
``private, no-store``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.desk.access import DeskRequest, desk_view, is_desk_member
from newsdesk.images.processing import sniff
from newsdesk.news.permissions import can

from .actions import (
    draft_from_tip,
    forward_tip,
    mark_handled,
    open_attachment,
    open_tip,
    readers,
    readings,
    set_reader,
)
from .crypto import TipKeyError
from .models import Attachment, Tip

SHOWS = ("open", "handled", "mine", "all")


def _tip(kwargs: dict[str, Any]) -> Tip:
    return get_object_or_404(Tip, pk=int(kwargs["pk"]))


@desk_view(rule="tip.read")
def inbox(request: DeskRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    if show not in SHOWS:
        show = "open"
    tips = Tip.objects.select_related("forwarded_to").annotate(files=Count("attachments"))
    if show == "open":
        tips = tips.filter(handled_at__isnull=True)
    elif show == "handled":
        tips = tips.filter(handled_at__isnull=False)
    elif show == "mine":
        tips = tips.filter(forwarded_to=request.user)
    page = Paginator(tips.order_by("-received_at", "-id"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "show": show, "shows": _show_labels()}
    return render(request, "tips/inbox.html", context)


def _show_labels() -> list[tuple[str, str]]:
    return [
        ("open", _("Not handled")),
        ("handled", _("Handled")),
        ("mine", _("Forwarded to me")),
        ("all", _("All")),
    ]


@desk_view(rule="tip.read", record=_tip)
def tip_page(request: DeskRequest, pk: str) -> HttpResponse:
    tip: Tip = request.desk_record  # type: ignore[attr-defined]
    error = ""
    opened = None
    try:
        opened = open_tip(tip, user=request.user)
    except TipKeyError as exc:
        error = str(exc)
    context = {
        "tip": tip,
        "opened": opened,
        "error": error,
        "history": readings(tip),
        "colleagues": [p for p in readers() if p.pk != request.user.pk],
        "can_draft": can(request.user, "tip.draft", tip),
    }
    return render(request, "tips/tip.html", context, status=500 if error else 200)


@desk_view(rule="tip.read", record=_tip)
def attachment(request: DeskRequest, pk: str, file: str) -> HttpResponse:
    tip: Tip = request.desk_record  # type: ignore[attr-defined]
    found = Attachment.objects.filter(tip=tip, pk=int(file)).first()
    if found is None:
        raise Http404
    try:
        name, data = open_attachment(found, user=request.user)
    except (TipKeyError, OSError) as exc:
        return HttpResponse(str(exc), status=500, content_type="text/plain; charset=utf-8")
    is_pdf = found.kind == Attachment.Kind.PDF
    response = HttpResponse(data, content_type="application/pdf" if is_pdf else _image_type(data))
    safe = "".join(c for c in name if c.isprintable() and c not in '"\\/') or "tip-file"
    response["Content-Disposition"] = (
        f'attachment; filename="{safe.encode("ascii", "replace").decode()}"; '
        f"filename*=UTF-8''{quote(safe)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _image_type(data: bytes) -> str:
    kind = sniff(data)
    return f"image/{kind.lower()}" if kind else "application/octet-stream"


def _back(tip: Tip) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("tips_desk:tip", args=[tip.pk]))


@desk_view(rule="tip.handle", record=_tip, methods=("POST",))
def handle(request: DeskRequest, pk: str) -> HttpResponse:
    tip: Tip = request.desk_record  # type: ignore[attr-defined]
    handled = request.POST.get("handled", "1") != "0"
    mark_handled(tip, user=request.user, handled=handled)
    messages.success(request, _("Marked handled.") if handled else _("Open again."))
    return _back(tip)


@desk_view(rule="tip.handle", record=_tip, methods=("POST",))
def forward(request: DeskRequest, pk: str) -> HttpResponse:
    tip: Tip = request.desk_record  # type: ignore[attr-defined]
    raw = request.POST.get("to", "")
    to = User.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if to is None:
        messages.error(request, _("Choose a colleague to forward the tip to."))
        return _back(tip)
    try:
        forward_tip(tip, to=to, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Forwarded to %(name)s.") % {"name": to.get_username()})
    return _back(tip)


@desk_view(rule="tip.draft", record=_tip, methods=("POST",))
def draft(request: DeskRequest, pk: str) -> HttpResponse:
    tip: Tip = request.desk_record  # type: ignore[attr-defined]
    try:
        article = draft_from_tip(tip, user=request.user)
    except (ValidationError, TipKeyError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return _back(tip)
    messages.success(request, _("A draft was made from the tip; the reader is not named."))
    return HttpResponseRedirect(reverse("desk:edit", args=[article.pk]))


@desk_view(rule="tip.readers", methods=("GET", "HEAD", "POST"))
def readers_page(request: DeskRequest) -> HttpResponse:
    people = [
        p
        for p in User.objects.filter(is_active=True).order_by("username")
        if is_desk_member(p) and not p.is_superuser
    ]
    if request.method == "POST":
        chosen = set(request.POST.getlist("readers"))
        for person in people:
            wanted = str(person.pk) in chosen
            if wanted != person.has_perm("tips.read_tip"):
                set_reader(person, allowed=wanted, user=request.user)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(reverse("tips_desk:readers"))
    rows = [(p, p.has_perm("tips.read_tip")) for p in people]
    return render(request, "tips/readers.html", {"rows": rows})

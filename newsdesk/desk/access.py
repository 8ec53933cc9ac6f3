"""Who may see and do what on the desk.

Every desk view is wrapped in :func:`desk_view`: an anonymous visitor is sent
to the login page; a signed-in person without the permission gets 403 (and
the refusal is logged); a method the view does not name gets 405; then CSRF
is checked, so a forged POST from an anonymous visitor still goes to the
login page and one from the wrong role still gets 403. Desk pages
are never cached anywhere: ``private, no-store``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt

log = logging.getLogger("newsdesk.desk.access")

View = Callable[..., HttpResponse]


class DeskRequest(HttpRequest):
    """A request that reached a desk view: someone is signed in."""

    user: User


_csrf = CsrfViewMiddleware(lambda request: HttpResponse())


def no_store(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def desk_view(
    *permissions: str,
    methods: Iterable[str] = ("GET", "HEAD"),
    superuser: bool = False,
    factor_exempt: bool = False,
    article: str | None = None,
    rule: str | None = None,
    record: Callable[[dict[str, Any]], Any] | None = None,
) -> Callable[[View], View]:
    """Require a signed-in, active desk member holding every named permission.

    Permissions are Django's ``app_label.codename`` strings. ``methods`` lists
    the HTTP methods the view answers; HEAD is answered wherever GET is.
    ``superuser`` limits the view to admins. When the site requires admins to
    use a second factor, an admin without one is sent to set it up first
    (except on the views marked ``factor_exempt``: the account page, sign-out).
    ``article="view"`` or ``"edit"`` applies the per-article rule
    (``news.permissions``: ``article.view`` or ``article.edit``) to the
    ``pk`` in the URL before anything else, so the wrong person gets 403
    whatever the method. ``rule`` does the same for any other rule of
    ``news.permissions`` (``"tag.edit"``, ``"site.change"``), applied to
    ``record(kwargs)`` when given (the object the URL names, kept as
    ``request.desk_record`` for the view) or to no object.
    """
    allowed = {m.upper() for m in methods}
    if "GET" in allowed:
        allowed.add("HEAD")

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not (user.is_authenticated and user.is_active):
                return no_store(redirect_to_login(request.get_full_path()))
            if not is_desk_member(user):
                log.warning("desk refused %s %s to %s", request.method, request.path, user.pk)
                raise PermissionDenied
            missing = [p for p in permissions if not user.has_perm(p)]
            if superuser and not user.is_superuser:
                missing.append("superuser")
            if (
                not missing
                and article is not None
                and not _article_allowed(request, article, kwargs)
            ):
                missing.append(f"article {article}")
            if (
                not missing
                and rule is not None
                and not _rule_allowed(request, rule, record, kwargs)
            ):
                missing.append(rule)
            if missing:
                log.warning(
                    "desk refused %s %s to %s (needs %s)",
                    request.method,
                    request.path,
                    user.pk,
                    ", ".join(missing),
                )
                raise PermissionDenied
            if request.method not in allowed:
                return no_store(HttpResponseNotAllowed(sorted(allowed)))
            if not factor_exempt and needs_factor(request):
                target = reverse("desk:account") + "?" + urlencode({"next": request.path})
                return no_store(HttpResponseRedirect(target))
            # CSRF is checked here, after who-you-are, so a forged POST gets
            # the same answer as any other request from that visitor.
            refused = _csrf.process_view(request, view, args, kwargs)
            if refused is not None:
                return no_store(refused)
            return no_store(view(request, *args, **kwargs))

        return csrf_exempt(wrapper)

    return decorate


def _article_allowed(request: HttpRequest, rule: str, kwargs: dict[str, Any]) -> bool:
    from django.shortcuts import get_object_or_404

    from newsdesk.news.models import Article
    from newsdesk.news.permissions import can

    item = get_object_or_404(Article, pk=int(kwargs["pk"]))
    request.desk_article = item  # type: ignore[attr-defined]  # the view reuses it
    return can(request.user, f"article.{rule}", item)


def _rule_allowed(
    request: HttpRequest,
    rule: str,
    record: Callable[[dict[str, Any]], Any] | None,
    kwargs: dict[str, Any],
) -> bool:
    from newsdesk.news.permissions import can

    item = record(kwargs) if record is not None else None
    request.desk_record = item  # type: ignore[attr-defined]  # the view reuses it
    return can(request.user, rule, item)


def needs_factor(request: HttpRequest) -> bool:
    """An admin who must use a second factor and has none confirmed yet."""
    from newsdesk.site import current as site

    from . import totp

    user = request.user
    return bool(
        user.is_superuser
        and site.of(request).require_admin_second_factor
        and not totp.has_confirmed(user)
    )


def is_desk_member(user: Any) -> bool:
    """Contributors, editors and admins; a plain account has no desk."""
    return bool(user.is_superuser or user.has_perm("news.add_article"))

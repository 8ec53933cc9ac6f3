"""The API's addresses under /api/.

Each operation answers at its path with and without a trailing slash (the
same view, so the same authorisation: no redirect, no second code path), and
anything else under /api/ is a 404 problem document rather than an HTML page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver, re_path, resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .api import api
from .edge import edge
from .problems import Problem, response

app_name = "api"


def _wrap(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            # ninja names /api/ "api-root" and reverses it for the schema's
            # paths; the address itself has nothing to say.
            view = not_found if pattern.name == "api-root" else pattern.callback
            pattern = URLPattern(pattern.pattern, edge(view), pattern.default_args, pattern.name)
        wrapped.append(pattern)
    return wrapped


@csrf_exempt
def trailing_slash(request: HttpRequest, rest: str) -> HttpResponseBase:
    """``/api/x/`` is ``/api/x``: the very same view, called directly."""
    try:
        match = resolve(f"/api/{rest}")
    except Resolver404:
        return not_found(request)
    if match.func is trailing_slash:
        return not_found(request)
    return match.func(request, *match.args, **match.kwargs)


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponseBase:
    return response(Problem(404, _("There is no API operation at this address.")))


ninja_patterns, _ninja_app, _ninja_namespace = api.urls
urlpatterns: list[Any] = [
    *_wrap(ninja_patterns),
    re_path(r"^(?P<rest>.+)/$", trailing_slash),
    re_path(r"^(?P<rest>.*)$", not_found),
]

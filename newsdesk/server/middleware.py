"""Django's side of the front's bookkeeping."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from newsdesk.ops import logs


class RouteMiddleware:
    """Names the route pattern a request matched (``/news/<str:slug>/``) in an
    internal header the ASGI front reads for the metrics and removes, so
    requests are counted per route rather than per address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        match = request.resolver_match
        route = "/" + match.route if match is not None else "unmatched"
        response.headers["X-Newsdesk-Route"] = route[:200]
        return response


class RequestIdMiddleware:
    """Binds the request id the ASGI front gave this request (or a new one,
    under another server) to the logs of Django's thread, and so to the
    outbox events the request writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        rid = logs.new_request_id(request.META.get("HTTP_X_REQUEST_ID"))
        with logs.bound(rid):
            response = self.get_response(request)
        response.headers.setdefault("X-Request-ID", rid)
        return response

"""The tips inbox's routes, under /desk/tips/. Each answers with and without
its trailing slash, like the desk's own."""

from __future__ import annotations

from django.urls import URLPattern, re_path

from newsdesk.desk.urls import route

from . import inbox

app_name = "tips_desk"

patterns: list[list[URLPattern]] = [
    [re_path(r"^$", inbox.inbox, name="inbox")],
    route("readers", inbox.readers_page, "readers"),
    route(r"(?P<pk>[0-9]+)", inbox.tip_page, "tip"),
    route(r"(?P<pk>[0-9]+)/files/(?P<file>[0-9]+)", inbox.attachment, "file"),
    route(r"(?P<pk>[0-9]+)/handle", inbox.handle, "handle"),
    route(r"(?P<pk>[0-9]+)/forward", inbox.forward, "forward"),
    route(r"(?P<pk>[0-9]+)/draft", inbox.draft, "draft"),
]
urlpatterns = [p for group in patterns for p in group]

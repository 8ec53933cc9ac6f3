"""Wire desk routes, under /desk/wire/. Each answers with and without its
trailing slash, like the desk's own."""

from __future__ import annotations

from django.urls import URLPattern, re_path

from newsdesk.desk.urls import route

from . import views

app_name = "wire"

patterns: list[list[URLPattern]] = [
    [re_path(r"^$", views.queue, name="queue")],
    route("items.json", views.poll, "poll"),
    route(r"items/(?P<pk>[0-9]+)", views.item, "item"),
    route(r"items/(?P<pk>[0-9]+)/draft", views.draft, "draft"),
    route(r"items/(?P<pk>[0-9]+)/dismiss", views.dismiss, "dismiss"),
    route(r"stories/(?P<pk>[0-9]+)/draft", views.story_draft, "story_draft"),
    route(r"stories/(?P<pk>[0-9]+)/dismiss", views.story_dismiss, "story_dismiss"),
    route("sources", views.sources, "sources"),
    route(r"sources/(?P<pk>[0-9]+)/refresh", views.refresh, "refresh"),
    route(r"sources/(?P<pk>[0-9]+)/edit", views.edit_source, "edit_source"),
    route(r"sources/(?P<pk>[0-9]+)/pause", views.pause, "pause"),
    route(r"sources/(?P<pk>[0-9]+)/delete", views.delete, "delete"),
]
urlpatterns = [p for group in patterns for p in group]

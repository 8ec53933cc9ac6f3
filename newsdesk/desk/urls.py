"""Desk routes. Each answers with and without its trailing slash, so an
access rule can never be sidestepped by the spelling of a URL."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, re_path

from . import accounts, authors, coverages, lists, site_settings, staff, tags, views, welcome

app_name = "desk"


def route(pattern: str, view: Any, name: str) -> list[URLPattern]:
    """The named route ends in a slash; the same view answers without it."""
    return [re_path(rf"^{pattern}/$", view, name=name), re_path(rf"^{pattern}$", view)]


patterns = [
    [re_path(r"^$", views.home, name="home")],
    route("login", accounts.login_view, "login"),
    route("login/code", accounts.code_view, "login_code"),
    route("logout", accounts.logout_view, "logout"),
    route("account", accounts.account_view, "account"),
    route("staff", staff.staff_list, "staff"),
    route(r"staff/(?P<pk>[0-9]+)", staff.staff_account, "staff_account"),
    # A set-password link: no sign-in, the token is the proof.
    route(
        r"welcome/(?P<uid>[0-9A-Za-z_\-]+)/(?P<token>[0-9a-z]+-[0-9a-f]+|set-password)",
        welcome.welcome,
        "welcome",
    ),
    route("new", views.new, "new"),
    route("autosave", views.autosave, "autosave"),
    route("autosave/discard", views.discard_autosave, "discard_autosave"),
    route("preview", views.render_preview, "render_preview"),
    route("images/inline", views.upload_image, "upload_image"),
    route("articles", lists.article_list, "articles"),
    route(r"articles/(?P<pk>[0-9]+)", views.edit, "edit"),
    route(r"articles/(?P<pk>[0-9]+)/autosave", views.restore_autosave, "restore_autosave"),
    route(r"articles/(?P<pk>[0-9]+)/preview", views.preview, "preview"),
    route(r"articles/(?P<pk>[0-9]+)/submit", views.submit, "submit"),
    route(r"articles/(?P<pk>[0-9]+)/publish", views.publish, "publish"),
    route(r"articles/(?P<pk>[0-9]+)/unpublish", views.unpublish, "unpublish"),
    route(r"articles/(?P<pk>[0-9]+)/pin", views.pin, "pin"),
    route(r"articles/(?P<pk>[0-9]+)/unpin", views.unpin, "unpin"),
    route(r"articles/(?P<pk>[0-9]+)/notes", views.add_note, "add_note"),
    route(r"articles/(?P<pk>[0-9]+)/send-back", views.send_back, "send_back"),
    route(r"articles/(?P<pk>[0-9]+)/history", views.history, "history"),
    route(r"articles/(?P<pk>[0-9]+)/translate", views.translate, "translate"),
    route(
        r"articles/(?P<pk>[0-9]+)/history/(?P<number>[0-9]+)/restore",
        views.restore,
        "restore",
    ),
    route("audit", views.audit_log, "audit"),
    route("authors", authors.author_list, "authors"),
    route("authors/new", authors.author_new, "author_new"),
    route(r"authors/(?P<pk>[0-9]+)", authors.author_edit, "author"),
    route("tags", tags.tag_list, "tags"),
    route(r"tags/(?P<pk>[0-9]+)", tags.tag_edit, "tag"),
    route(r"tags/(?P<pk>[0-9]+)/merge", tags.tag_merge, "tag_merge"),
    route("settings", site_settings.site_settings, "site_settings"),
    route("coverages", coverages.coverage_list, "coverages"),
    route("coverages/new", coverages.coverage_new, "coverage_new"),
    route(r"coverages/(?P<pk>[0-9]+)", coverages.coverage_edit, "coverage"),
    route(r"coverages/(?P<pk>[0-9]+)/end", coverages.coverage_end, "coverage_end"),
    route(r"coverages/(?P<pk>[0-9]+)/updates", coverages.coverage_updates, "coverage_updates"),
]
urlpatterns = [p for group in patterns for p in group]

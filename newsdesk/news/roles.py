"""Desk roles as Django groups, kept in step with the code after every migrate."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

CONTRIBUTOR = "Contributors"
EDITOR = "Editors"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    CONTRIBUTOR: ["add_article", "change_article", "view_article"],
    EDITOR: [
        "add_article",
        "change_article",
        "view_article",
        "publish_article",
        "correct_article",
        "pin_article",
        "add_author",
        "change_author",
        "view_author",
        "add_tag",
        "change_tag",
        "view_tag",
    ],
}
ROLES = {"contributor": CONTRIBUTOR, "editor": EDITOR}


def ensure_roles(**kwargs: Any) -> None:
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = Permission.objects.filter(
            content_type__app_label="news", codename__in=codenames
        )
        group.permissions.set(permissions)

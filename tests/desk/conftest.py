from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from newsdesk.news.roles import CONTRIBUTOR, EDITOR, ensure_roles

PASSWORD = "correct horse battery staple 2026"


def make_user(username: str, role: str | None) -> User:
    ensure_roles()
    user = User.objects.create_user(username, password=PASSWORD)
    if role == "admin":
        user.is_superuser = True
        user.is_staff = True
        user.save()
    elif role is not None:
        user.groups.add(
            Group.objects.get(name={"contributor": CONTRIBUTOR, "editor": EDITOR}[role])
        )
    return user


@pytest.fixture
def contributor(db: None) -> User:
    return make_user("casey", "contributor")


@pytest.fixture
def editor(db: None) -> User:
    return make_user("eden", "editor")


@pytest.fixture
def admin_user(db: None) -> User:
    return make_user("ada", "admin")


@pytest.fixture
def plain(db: None) -> User:
    return make_user("pat", None)


def signed_in(user: User, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client

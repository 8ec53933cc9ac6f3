"""Desk users of each role with their admin tokens, and a content key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken
from newsdesk.news.roles import ROLES, ensure_roles


@dataclass
class Credential:
    name: str
    secret: str | None
    user: User | None = None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    cache.clear()


@pytest.fixture
def make_token(db: None) -> Callable[[str], Credential]:
    ensure_roles()

    def make(role: str) -> Credential:
        if role == "anonymous":
            return Credential(role, None)
        if role == "content":
            _token, secret = tokens.create(ApiToken.Kind.CONTENT, label="partner app")
            return Credential(role, secret)
        user = User.objects.create_user(
            f"{role}-{User.objects.count()}",
            password="not-used-in-tests-1",
            is_superuser=role == "admin",
        )
        if role in ROLES:
            user.groups.add(Group.objects.get(name=ROLES[role]))
        _token, secret = tokens.create(ApiToken.Kind.ADMIN, user=user)
        return Credential(role, secret, user)

    return make


@pytest.fixture
def editor(make_token: Callable[[str], Credential]) -> Credential:
    return make_token("editor")


class Api:
    """The Django test client with JSON in and out."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str, cred: Credential | None = None, **headers: str) -> Any:
        return self.client.get(path, headers={**(cred.headers() if cred else {}), **headers})

    def head(self, path: str, cred: Credential | None = None) -> Any:
        return self.client.head(path, headers=cred.headers() if cred else {})

    def send(self, method: str, path: str, cred: Credential | None = None, body: Any = None) -> Any:
        return self.client.generic(
            method,
            path,
            data=b"" if body is None else __import__("json").dumps(body),
            content_type="application/json",
            headers=cred.headers() if cred else {},
        )


@pytest.fixture
def api(client: Client) -> Api:
    return Api(client)

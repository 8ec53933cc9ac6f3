from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import OperationalError, connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import override_settings

from newsdesk.news import actions
from newsdesk.news.models import Article, Author
from tests.live.support import Server, current_database_url, server_env

IN_CI = os.environ.get("CI", "").lower() == "true"

# Argon2 with the cheapest parameters: the same algorithm and hash format as
# in production (a server started by a test verifies these hashes, and
# upgrades them at sign-in), at a fraction of a millisecond instead of 0.2 s
# per hash. The tests about passwords themselves ask for ``real_hasher``.
FAST_HASHERS = ["tests.conftest.FastArgon2PasswordHasher"]
PRODUCTION_HASHERS = list(django_settings.PASSWORD_HASHERS)


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1


override_settings(PASSWORD_HASHERS=FAST_HASHERS).enable()

# A transactional test empties the database with one TRUNCATE of every table,
# which takes its locks table by table; a server the test started (its worker,
# heartbeat or live hub) may be in the middle of a query over two of them, and
# PostgreSQL then ends one side as a deadlock. The server's side simply runs
# again; the flush is tried again too.
_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _flush_again_after_a_deadlock(self: BaseDatabaseOperations, sql_list: Iterable[str]) -> None:
    statements = list(sql_list)
    for attempt in range(6):
        try:
            _execute_sql_flush(self, statements)
            return
        except OperationalError as exc:
            if "deadlock detected" not in str(exc) or attempt == 5:
                raise
            time.sleep(0.1 * (attempt + 1))


BaseDatabaseOperations.execute_sql_flush = _flush_again_after_a_deadlock  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """A PostgreSQL test database of this run's own (SQLite's is per process
    already): two runs on one server, such as make test's two halves beside a
    developer's run, never share or drop each other's."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("TEST", {})["NAME"] = f"test_{database['NAME']}_{os.getpid()}"


@pytest.fixture
def real_hasher() -> Iterator[None]:
    """Production's password hashers for this test."""
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        yield


def _half() -> str:
    return "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    engine = "PostgreSQL" if _half() == "postgres" else "SQLite"
    return f"newsdesk database under test: {engine}"


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``make test`` runs the suite once per database. A test whose outcome
    cannot depend on that database runs in one half only: the browser tests
    (pages and scripts; every query under them runs in both halves through
    the HTTP and action tests) and the modules marked ``half("sqlite")``
    (no database, or a database of their own whatever the half) in the
    SQLite half, and ``half("postgres")`` in the PostgreSQL one. Running one
    half alone (``make test-sqlite``) still runs everything marked for it."""
    half = _half()
    kept: list[pytest.Item] = []
    elsewhere: list[pytest.Item] = []
    for item in items:
        marker = item.get_closest_marker("half")
        if marker is not None:
            wanted = marker.args[0]
        elif BROWSER_TESTS in Path(str(item.path)).parents:
            wanted = "sqlite"
        else:
            wanted = half
        (kept if wanted == half else elsewhere).append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = kept


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def author(db: None) -> Author:
    return actions.create_author(
        name="Mira Castell",
        slug="mira-castell",
        bio="Mira covers the front line and the talks that try to end it.",
        contact="Signal +00 555 0100 · mira@newsdesk.example",
    )


@pytest.fixture
def make_article(db: None, author: Author) -> Callable[..., Article]:
    counter = iter(range(1, 10**6))

    def make(publish: bool = True, **fields: Any) -> Article:
        n = next(counter)
        fields.setdefault("headline", f"Update number {n} from the desk")
        fields.setdefault("lede", f"The lede of update {n}, one sentence long.")
        fields.setdefault("body", f"Body of update {n}.\n\nA second paragraph.")
        fields.setdefault("authors", [author])
        article = actions.create_draft(**fields)
        if publish:
            article = actions.publish(article)
        return article

    return make


@pytest.fixture
def site_languages(db: None) -> Callable[[str], None]:
    """Set the languages the site publishes in (the default first), e.g. "en, uk"."""
    from newsdesk.site.actions import update_settings

    def set_languages(codes: str) -> None:
        update_settings(language=codes.split(",")[0].strip(), languages=codes)

    return set_languages


@pytest.fixture
def published(make_article: Callable[..., Article]) -> Callable[[int], list[Article]]:
    def many(count: int, **fields: Any) -> list[Article]:
        return [make_article(**fields) for _ in range(count)]

    return many


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Server]:
    """``newsdesk serve`` (the real ASGI server) on the test database, per module."""
    with django_db_blocker.unblock():
        url = current_database_url()
    log_path = Path(tmp_path_factory.mktemp("site")) / "serve.log"
    server = Server(server_env(url), log_path=log_path).start()
    yield server
    server.stop()

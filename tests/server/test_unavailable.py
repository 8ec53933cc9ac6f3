"""Django's handler500 while the database fails: a 503 that says when to
retry, and the desk's posted text kept (the whole outage on a running server
is in test_outage.py)."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from newsdesk.server.unavailable import server_error


def answer(request: object, error: Exception) -> HttpResponse:
    try:
        raise error
    except (OperationalError, IntegrityError):
        return server_error(request)  # type: ignore[arg-type]


@override_settings(NEWSDESK_RETRY_AFTER=12)
def test_the_composer_keeps_the_text_it_could_not_save() -> None:
    request = RequestFactory().post(
        "/desk/articles/7/edit/",
        {
            "csrfmiddlewaretoken": "form-token",
            "headline": "Dam holds <overnight>",
            "body": "Engineers say the water is falling.\n\nMore soon.",
            "password": "never shown",
        },
    )
    response = answer(request, OperationalError("could not connect to server"))
    assert response.status_code == 503
    assert response["Retry-After"] == "12"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Your changes were not saved." in html
    assert "send it again in 12 seconds" in html
    assert '<form method="post" action="/desk/articles/7/edit/">' in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="form-token">' in html
    assert (
        '<textarea name="headline" rows="2" cols="80">Dam holds &lt;overnight&gt;</textarea>'
        in html
    )
    assert "Engineers say the water is falling.\n\nMore soon.</textarea>" in html
    assert "never shown" not in html
    assert "Send again" in html


def test_a_reader_gets_a_plain_page() -> None:
    response = answer(RequestFactory().get("/tag/energy/"), OperationalError("disk full"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "This page cannot be shown right now." in html
    assert "<form" not in html


def test_the_api_gets_a_problem_document() -> None:
    request = RequestFactory().post("/api/admin/articles", b"{}", content_type="application/json")
    response = answer(request, OperationalError("attempt to write a readonly database"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["type"] == "urn:newsdesk:problem:unavailable"
    assert problem["status"] == 503
    assert problem["title"] == "Service Unavailable"


@pytest.mark.django_db
def test_other_errors_stay_server_errors() -> None:
    response = answer(RequestFactory().get("/"), IntegrityError("a bug, not an outage"))
    assert response.status_code == 500
    assert "Retry-After" not in response

"""Errors as ``application/problem+json`` (RFC 9457), with field-level messages.

Every error the API answers is one of these documents::

    {"type": "urn:newsdesk:problem:invalid", "title": "Bad Request", "status": 400,
     "detail": "...", "errors": [{"location": "body", "field": "headline",
                                  "detail": "A headline is required."}]}

``type`` names the kind of problem (listed in docs/api.md); ``errors`` is
empty unless particular fields or parameters are at fault.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    429: "rate-limited",
}


class FieldError(Schema):
    location: str
    field: str
    detail: str


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError]


class Problem(Exception):
    """Raise anywhere in the API to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        errors: Iterable[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind or TYPES.get(status, "error")
        self.errors = list(errors)
        self.headers = headers or {}


def document(problem: Problem) -> dict[str, Any]:
    return {
        "type": f"urn:newsdesk:problem:{problem.kind}",
        "title": HTTPStatus(problem.status).phrase,
        "status": problem.status,
        "detail": problem.detail,
        "errors": problem.errors,
    }


def response(problem: Problem) -> HttpResponse:
    answer = HttpResponse(
        json.dumps(document(problem), ensure_ascii=False),
        status=problem.status,
        content_type=MEDIA_TYPE,
    )
    for name, value in problem.headers.items():
        answer[name] = value
    if problem.status == 401:
        answer["WWW-Authenticate"] = 'Bearer realm="newsdesk"'
    return answer


def _pydantic_error(error: dict[str, Any]) -> dict[str, str]:
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc else "body"
    rest = loc[1:]
    if location == "body" and rest:
        rest = rest[1:]  # ninja puts the operation's parameter name first
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        message = (
            _("Unknown parameter: remove it.")
            if location == "query"
            else _("Unknown field: remove it.")
        )
    elif kind == "missing":
        message = _("This field is required.")
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == r"\S":
        message = _("This cannot be blank.")
    else:
        message = str(error.get("msg", _("This value is not valid.")))
        message = message.removeprefix("Value error, ")
    return {"location": location, "field": ".".join(rest), "detail": message}


def from_django_validation(exc: DjangoValidationError) -> Problem:
    """An action's ValidationError: 409 for a stale version or a wrong state, else 400."""
    if not hasattr(exc, "error_dict"):
        codes = {e.code for e in exc.error_list}
        detail = " ".join(exc.messages)
        if codes & {"conflict", "state"}:
            return Problem(409, detail, kind="stale-version" if "conflict" in codes else "state")
        return Problem(400, detail)
    errors = [
        {"location": "body", "field": field, "detail": message}
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
    return Problem(400, _("Some fields need attention."), errors=errors)


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` with a problem document."""

    def on_problem(request: HttpRequest, exc: Problem) -> HttpResponse:
        return response(exc)

    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [_pydantic_error(e) for e in exc.errors]
        return response(Problem(400, _("Some parameters or fields are not valid."), errors=errors))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            return response(Problem(401, _("This operation needs a token.")))
        detail = str(exc)
        if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
            detail = _("The body must be a JSON object in UTF-8 without control characters.")
        elif exc.status_code == 405:
            detail = _("This method is not allowed here.")
        return response(Problem(exc.status_code, detail))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return response(Problem(404, _("Nothing is published at this address.")))

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        caller = getattr(request, "auth", None)
        log.warning(
            "api: %s %s denied to %s",
            request.method,
            request.path,
            getattr(caller, "describe", lambda: "anonymous")(),
        )
        return response(Problem(403, str(exc) or _("You may not do this.")))

    def on_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return response(from_django_validation(exc))

    handlers: list[tuple[type[Exception], Any]] = [
        (Problem, on_problem),
        (NinjaValidationError, on_validation),
        (HttpError, on_http_error),
        (Http404, on_not_found),
        (PermissionDenied, on_denied),
        (DjangoValidationError, on_invalid),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)


def only_query(request: HttpRequest, allowed: type[Schema] | None = None) -> None:
    """Refuse query parameters the operation does not define: a misspelt
    filter must not silently return everything."""
    names = set(allowed.model_fields) if allowed is not None else set()
    unknown = sorted(set(request.GET) - names)
    if unknown:
        raise Problem(
            400,
            _("Some parameters or fields are not valid."),
            errors=[
                {
                    "location": "query",
                    "field": name[:100],
                    "detail": _("Unknown parameter: remove it."),
                }
                for name in unknown[:20]
            ],
        )

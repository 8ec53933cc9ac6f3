"""The NinjaAPI object: routers, error documents, and the OpenAPI 3.1 contract.

The contract is committed as docs/api-schema.json; tests/api/test_schema.py
fails when the served schema differs, so every change to it is deliberate.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from . import problems

VERSION = "1.0.0"
DESCRIPTION = """\
The newsdesk JSON API. The **Content API** (`/api/content/...`) reads published
articles, tags and authors; the **Admin API** (`/api/admin/...`) writes through the
desk's own actions, acting as the user an admin token belongs to.

Credentials travel only in `Authorization: Bearer <token>`, never in the address.
Errors are `application/problem+json` documents (RFC 9457). GET answers carry an
ETag; send it back in `If-None-Match` for a `304`. Limits per minute answer `429`
with `Retry-After`. See docs/api.md.
"""


def _no_bad_text(value: Any) -> None:
    """Refuse lone surrogates and control characters anywhere in a JSON body:
    neither can be stored (PostgreSQL refuses NUL), so they are a 400, not a 500."""
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
        if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise ValueError("control character in a string")
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_bad_text(key)
            _no_bad_text(item)
    elif isinstance(value, list):
        for item in value:
            _no_bad_text(item)


class StrictParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body.decode("utf-8"))
        if data is None:  # an explicit "no body" where one is optional
            return {}
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        _no_bad_text(data)
        return data


class NewsdeskAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for operation in item.values():
                for status, answer in operation.get("responses", {}).items():
                    if int(status) >= 400 and "application/json" in answer.get("content", {}):
                        answer["content"] = {
                            problems.MEDIA_TYPE: answer["content"]["application/json"]
                        }
                    if int(status) == 429:
                        answer["headers"] = {
                            "Retry-After": {
                                "description": "Seconds to wait before trying again.",
                                "schema": {"type": "integer", "minimum": 1},
                            }
                        }
                for parameter in operation.get("parameters", []):
                    # Optional parameters are simply left out of the address;
                    # there is no null in a query string.
                    branches = parameter["schema"].pop("anyOf", None)
                    if branches:
                        (kept,) = [b for b in branches if b.get("type") != "null"]
                        parameter["schema"].update(kept)
                if operation.get("security") == [{"ContentKey": []}]:
                    # A content key is optional unless the server requires one.
                    operation["security"] = [{"ContentKey": []}, {}]
        return schema


api = NewsdeskAPI(
    title="newsdesk",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
    parser=StrictParser(),
)
problems.install(api)

from . import admin_api, content, coverages, records  # noqa: E402  (routers import the api's helpers)

api.add_router("/content", content.router)
api.add_router("/admin", admin_api.router)
api.add_router("/admin", records.router)
api.add_router("/content", coverages.content)
api.add_router("/admin", coverages.admin)

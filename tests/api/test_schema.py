"""The contract: the served OpenAPI 3.1 schema is the committed one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "api-schema.json"
REGENERATE = (
    "newsdesk export_openapi_schema --api newsdesk.api.api.api --indent 2 --sorted "
    "--output docs/api-schema.json"
)


def test_the_served_schema_is_the_committed_snapshot(client: Client) -> None:
    served = client.get("/api/schema").json()
    committed = json.loads(SNAPSHOT.read_text())
    assert served == committed, (
        f"The API contract changed. If that is deliberate, run `{REGENERATE}` "
        "and commit docs/api-schema.json with the change."
    )


def test_schema_is_openapi_3_1_with_problem_documents(client: Client) -> None:
    schema = client.get("/api/schema").json()
    assert schema["openapi"] == "3.1.0"
    assert set(schema["components"]["securitySchemes"]) == {"ContentKey", "AdminToken"}
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) == 45
    for operation in operations:
        responses = operation["responses"]
        for status in ("400", "401", "403", "404", "429"):
            assert list(responses[status]["content"]) == ["application/problem+json"]
        assert "Retry-After" in responses["429"]["headers"]
        if operation["operationId"].startswith("content_"):
            assert operation["security"] == [{"ContentKey": []}, {}]
        else:
            assert operation["security"] == [{"AdminToken": []}]


def test_docs_page_loads_everything_from_this_site(client: Client) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(s.startswith("/static/ninja/") for s in sources), sources
    assert "<script>" not in html  # the site's CSP allows no inline script
    for source in sources:
        assert client.get(source).status_code == 200, source

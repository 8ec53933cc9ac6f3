"""Schemas the feed tests validate against: Atom (RFC 4287) and JSON Feed 1.1."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from lxml import etree

from tests.conftest import IN_CI

SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture(scope="session")
def atom_schema(tmp_path_factory: pytest.TempPathFactory) -> etree.RelaxNG:
    """RFC 4287's RELAX NG Compact schema, converted by Debian's trang, loaded by lxml."""
    trang = shutil.which("trang")
    if trang is None:
        reason = "Debian's trang is not installed (make trang, or apt-get install trang)"
        if IN_CI:
            pytest.fail(f"{reason}; CI must validate the Atom feeds.")
        print(f"SKIPPED Atom schema validation: {reason}.")  # noqa: T201
        pytest.skip(reason)
    rng = tmp_path_factory.mktemp("schemas") / "atom.rng"
    subprocess.run([trang, str(SCHEMAS / "atom.rnc"), str(rng)], check=True, timeout=120)
    return etree.RelaxNG(etree.parse(str(rng)))


@pytest.fixture(scope="session")
def jsonfeed_schema() -> Draft202012Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid_atom(schema: etree.RelaxNG, document: bytes) -> None:
    tree = etree.fromstring(document, etree.XMLParser(resolve_entities=False, huge_tree=True))
    if not schema.validate(tree):
        raise AssertionError(f"Atom feed is not valid: {schema.error_log}")


def assert_valid_jsonfeed(validator: Draft202012Validator, document: bytes) -> Any:
    feed = json.loads(document.decode("utf-8"))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(feed)]
    assert not errors, errors
    return feed

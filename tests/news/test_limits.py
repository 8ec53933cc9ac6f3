"""Limits the database would otherwise enforce with an error (PostgreSQL) or
not at all (SQLite): refused by the actions with their usual message."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from newsdesk.news import actions
from newsdesk.news.models import Article

pytestmark = pytest.mark.django_db


def test_a_language_code_longer_than_its_column_is_refused(site_languages: Any) -> None:
    site_languages("en, pt-BR")
    with pytest.raises(ValidationError) as caught:
        actions.create_draft(headline="Talks resume", language="aa-0000000-0000000-0000000")
    assert caught.value.message_dict == {
        "language": ["Use a language code such as en, uk or pt-BR."]
    }
    assert not Article.objects.exists()
    assert actions.create_draft(headline="Talks resume", language="pt-BR").language == "pt-BR"

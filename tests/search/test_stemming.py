"""Each language stemmed by its own rules where the database has them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection

from newsdesk.news.models import Article
from newsdesk.search import find, stemming
from newsdesk.search.models import Document
from newsdesk.search.query import parse

pytestmark = pytest.mark.django_db


def found(text: str) -> list[int]:
    ids, _ = find.ranked(parse(text), find.Filters(), None, 50)
    return ids


@pytest.fixture
def pair(
    site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> tuple[Article, Article]:
    site_languages("en, uk")
    english = make_article(headline="Volunteers running the ferries", body="Boats sailed.")
    ukrainian = make_article(
        headline="Волонтери керують поромами", body="Човни вирушили.", language="uk"
    )
    return english, ukrainian


def test_documents_know_their_language(pair: tuple[Article, Article]) -> None:
    english, ukrainian = pair
    assert Document.objects.get(article=english).language == "en"
    assert Document.objects.get(article=ukrainian).language == "uk"


def test_the_same_words_are_found_in_every_language(pair: tuple[Article, Article]) -> None:
    english, ukrainian = pair
    assert found("running ferries") == [english.pk]
    assert found("поромами") == [ukrainian.pk]
    assert found("керують") == [ukrainian.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="FTS5 has no stemmer per language")
def test_postgresql_stems_english_and_leaves_ukrainian_plain(pair: tuple[Article, Article]) -> None:
    english, _ukrainian = pair
    assert found("runs ferry") == [english.pk]  # run, ferri
    assert found("sail") == [english.pk]
    assert found("порому") == []  # no Ukrainian stemmer: simple, word for word
    assert stemming.query_configs() == ["simple", "english"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.article_id FROM search_document d "
            "WHERE d.vector @@ to_tsquery('english', 'volunteer')"
        )
        assert [row[0] for row in cursor.fetchall()] == [english.pk]


def test_languages_without_a_configuration_are_simple() -> None:
    known = {"simple", "english", "russian"}
    assert stemming.config_for("en-GB", known) == "english"
    assert stemming.config_for("uk", known) == "simple"
    assert stemming.config_for("ar", known) == "simple"  # not on this server
    assert "WHEN 'ru' THEN 'russian'::regconfig" in stemming.case_sql(known)
    assert "'arabic'" not in stemming.case_sql(known)


def test_vowel_signs_are_letters_of_the_word(
    site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> None:
    site_languages("hi, en")
    hindi = make_article(headline="दिन भर बारिश", body="मौसम विभाग ने चेतावनी दी।", language="hi")
    make_article(headline="दीन दुखियों की सेवा", body="एक कहानी।", language="hi")
    assert found("दिन ") == [hindi.pk]  # not दीन, another word
    assert found("चेतावनी") == [hindi.pk]
    assert Document.objects.get(article=hindi).headline == "दिन भर बारिश"


def test_accents_and_points_still_fold_away(
    site_languages: Callable[[str], None], make_article: Callable[..., Article]
) -> None:
    site_languages("he, en")
    pointed = make_article(headline="שָׁלוֹם לְכֻלָּם", language="he")
    café = make_article(headline="Café reopens", language="en")
    assert found("שלום ") == [pointed.pk]
    assert found("cafe ") == [café.pk]

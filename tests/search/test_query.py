"""What a person types becomes quoted words joined by our own operators only."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.news.languages import MARKS
from newsdesk.search.query import MAX_TERMS, parse

# Letters, digits and the combining marks that belong to words (vowel signs).
TERM = rf'"[\w{MARKS} ]+"\*?'
CHOICE = rf"\({TERM}(?: OR {TERM})*\)"
FTS5 = re.compile(rf"^(?:{CHOICE}(?: AND {CHOICE})*(?: NOT {CHOICE})?)?$")


def test_the_query_language() -> None:
    assert parse("water station ostr").fts5() == '("water") AND ("station") AND ("ostr"*)'
    assert parse("water station ").fts5() == '("water") AND ("station")'
    assert parse('"water station').fts5() == '("water station")'
    assert parse("a OR b -c NOT d").fts5() == '("a" OR "b") NOT ("c" OR "d")'
    assert parse("Ostrél").fts5() == '("ostrel"*)'
    assert parse("covid-19 cases").fts5() == '("covid 19") AND ("cases"*)'
    assert parse("a OR b -c").websearch() == '"a" or "b" -"c"'
    assert parse("water stat").websearch() == '"water"'  # the type-ahead word goes apart


def test_nothing_to_search_for_is_falsy() -> None:
    for text in ["", "   ", "*", '"""', "AND OR NOT", "-only", "NEAR", "()"]:
        assert not parse(text), text
        assert parse(text).fts5() == "", text  # never a bare " NOT (...)"


@given(st.text(max_size=300))
def test_any_text_becomes_a_safe_expression(text: str) -> None:
    parsed = parse(text)
    assert FTS5.match(parsed.fts5()), parsed.fts5()
    assert "\\" not in parsed.websearch()
    assert len(parsed.required) + len(parsed.excluded) <= MAX_TERMS

"""Every string the interface shows is in the catalogues, and translated.

The strings are read from the code the way ``makemessages`` reads them, but
without gettext's tools: Babel's extractor over every module under
newsdesk/ (migrations left out), and over every template once Django's own
``templatize`` has turned it into the calls ``{% translate %}`` and
``{% blocktranslate %}`` stand for. Each must be in each catalogue: the
Ukrainian one with every plural form written and nothing fuzzy; the English
one may leave ``msgstr`` empty, since English is the source. The compiled
``.mo`` files must say exactly what their ``.po`` files say (they are
committed, so a fresh clone shows the translations; ``make messages``
writes them).
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import django
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

# Files only: the same in either half of make test.
pytestmark = pytest.mark.half("sqlite")

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "newsdesk"
LOCALE = PACKAGE / "locale"
DJANGO_UK = Path(django.__file__).parent / "conf" / "locale" / "uk" / "LC_MESSAGES" / "django.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
Key = tuple[str | None, str]  # (context, msgid): the singular for a plural


def _messages(source: bytes, where: str) -> dict[Key, str]:
    found: dict[Key, str] = {}
    for lineno, message, _comments, context in extract(
        "python", io.BytesIO(source), keywords=KEYWORDS, strip_comment_tags=True
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.setdefault((context, msgid), f"{where}:{lineno}")
    return found


def strings_in_code() -> dict[Key, str]:
    """Every marked string, with the first place it is marked."""
    found: dict[Key, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found.update(
            {k: v for k, v in _messages(path.read_bytes(), str(path.relative_to(ROOT))).items()
             if k not in found}
        )  # fmt: skip
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        python = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        # Python's tokenizer wants consistent indentation, which templatize's
        # placeholders for HTML do not keep; the calls are all on their own.
        python = "\n".join(line.lstrip() for line in python.splitlines())
        for key, where in _messages(python.encode(), str(path.relative_to(ROOT))).items():
            found.setdefault(key, where)
    return found


def catalogue(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po)


def entries(catalog: Catalog) -> dict[Key, object]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


@pytest.fixture(scope="module")
def in_code() -> dict[Key, str]:
    return strings_in_code()


def test_the_extraction_finds_strings_of_every_kind(in_code: dict[Key, str]) -> None:
    """A broken extractor would pass every other test here: it must see a
    template string, a blocktranslate with a variable, a plural, a context and
    a Python string."""
    assert (None, "Skip to content") in in_code
    assert (None, "Time zone: %(tz)s") in in_code
    assert (None, "%(n)d min read") in in_code
    assert (None, "Your desk language is saved.") in in_code
    assert len(in_code) > 700


@pytest.mark.parametrize("language", ["uk", "en"])
def test_every_string_is_in_the_catalogue(language: str, in_code: dict[Key, str]) -> None:
    known = entries(catalogue(language))
    missing = [f"{where}: {msgid!r}" for (ctx, msgid), where in in_code.items()
               if (ctx, msgid) not in known]  # fmt: skip
    assert not missing, (
        f"{len(missing)} string(s) are not in newsdesk/locale/{language}/LC_MESSAGES/django.po; "
        "run `make messages`, translate them in uk/django.po and run it again "
        "(docs/translations.md):\n" + "\n".join(missing)
    )


def test_every_ukrainian_string_is_translated() -> None:
    catalog = catalogue("uk")
    assert catalog.num_plurals == 4  # Django's own rule: one, few, many, and fractions
    untranslated = []
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = catalog.num_plurals if message.pluralizable else 1
        if message.fuzzy or len(forms) != wanted or not all(forms):
            untranslated.append(repr(message.id))
    assert not untranslated, "untranslated or fuzzy in uk:\n" + "\n".join(untranslated)


def test_the_ukrainian_plural_rule_is_djangos() -> None:
    """Django keeps one catalogue per plural rule; ours must merge with its own."""
    with DJANGO_UK.open("rb") as po:
        django = read_po(po)
    assert catalogue("uk").plural_expr == django.plural_expr


@pytest.mark.parametrize("language", ["uk", "en"])
def test_placeholders_match(language: str) -> None:
    problems = [f"{m.id!r}: {error}" for m, errors in catalogue(language).check()
                for error in errors]  # fmt: skip
    assert not problems, "\n".join(problems)


def _source(key: object, language: str) -> str | None:
    if isinstance(key, tuple):
        msgid, index = key
        for message in catalogue(language):
            if not isinstance(message.id, str) and message.id[0] == msgid.split("\x04")[-1]:
                return message.id[min(index, 1)]
        return None
    return str(key).split("\x04")[-1]


@pytest.mark.parametrize("language", ["uk", "en"])
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = dict(gettext.GNUTranslations(mo)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)  # the header
    # An English message "translated" as itself is the same as none (Babel
    # writes the source's plural forms where msgstr is empty).
    compiled = {k: v for k, v in compiled.items() if v != _source(k, language)}
    expected: dict[object, str] = {}
    for message in catalogue(language):
        if not message.id or message.fuzzy:
            continue
        prefix = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, str):
            if message.string:
                expected[prefix + message.id] = str(message.string)
        elif isinstance(message.string, tuple) and all(message.string):
            for index, form in enumerate(message.string):
                expected[(prefix + message.id[0], index)] = form
    expected = {k: v for k, v in expected.items() if v != _source(k, language)}
    assert compiled == expected, (
        f"newsdesk/locale/{language}/LC_MESSAGES/django.mo is not compiled from its .po; "
        "run `make messages`."
    )


def test_scripts_take_their_words_from_the_page() -> None:
    """live.js, desk.js, wire.js... write no English of their own: what they
    show comes from ``{% script_text %}`` (``say("key", fallback)`` or
    ``words.key``), and every key they ask for is one it renders."""
    from newsdesk.public.templatetags.interface import script_strings

    keys = set(script_strings())
    unknown, literal = [], []
    for path in sorted(PACKAGE.rglob("static/**/*.js")):
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        used = set(re.findall(r'\bsay\("(\w+)"', source)) | set(
            re.findall(r"\bwords\.(\w+)", source)
        )
        unknown += [f"{where}: {key}" for key in sorted(used - keys)]
        literal += [
            f"{where}: {match}"
            for match in re.findall(
                r'(?:textContent|innerText|title)\s*=\s*"[^"]*[A-Za-z]{2}[^"]*"', source
            )
        ]
    assert not unknown, "keys no page renders:\n" + "\n".join(unknown)
    assert not literal, "English written straight into the page:\n" + "\n".join(literal)

"""The demo newsroom loads through the actions and looks like a real desk's month."""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import newsdesk
from newsdesk.news import demo
from newsdesk.news.demo import DEMO_DIR, DemoDataError
from newsdesk.news.models import (
    Article,
    ArticleSource,
    Author,
    Correction,
    Coverage,
    Event,
    Revision,
    Tag,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_a_month_of_news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "DATA_DIR", tmp_path)
    out = io.StringIO()
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        call_command("demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Loaded ") and lines[0].endswith(" demo updates.")
    assert lines[1].startswith("Desk login: desk / ")

    published = Article.published.all()
    assert published.count() >= 200
    assert Author.objects.count() == 5
    assert Tag.objects.count() == 15
    assert ArticleSource.objects.count() >= 50
    assert Correction.objects.count() >= 3
    assert Article.objects.filter(is_pinned=True).count() == 1
    assert published.filter(is_breaking=True).count() >= 5
    now = timezone.now()
    oldest = published.order_by("published_at").first()
    assert oldest is not None and oldest.published_at is not None
    assert now - timedelta(days=31) < oldest.published_at < now - timedelta(days=28)
    assert len(set(published.values_list("headline", flat=True))) == published.count()
    assert set(published.values_list("reading_time", flat=True)) >= {1, 2}
    # Everything went through the actions: one revision and one event per step.
    assert Revision.objects.filter(action="publish").count() == published.count()
    assert Event.objects.filter(type="article.published").count() == published.count()
    assert all(a.bylines.exists() for a in published[:20])
    assert all(
        s.url.startswith("https://") and ".example/" in s.url for s in ArticleSource.objects.all()
    )
    # A live coverage of the talks, open, with a dozen of the updates.
    talks = Coverage.objects.get(slug="aubrel-talks")
    assert talks.is_open and "<li>" in talks.key_points_html
    assert talks.articles.filter(status="published").count() == 12
    first = talks.articles.order_by("published_at").first()
    assert first is not None and first.published_at is not None
    assert talks.started_at < first.published_at
    # Pictures with alt text, captions and credits, through the image pipeline
    # (one of them in the coverage), and an update embedding a post.
    pictured = published.exclude(image=None)
    assert pictured.count() == 3
    assert all(a.image_alt and a.image_caption and a.image_credit for a in pictured)
    assert talks.articles.exclude(image=None).exists()
    assert len(list((tmp_path / "media").rglob("*.webp"))) >= 3  # renditions written
    assert published.filter(body_html__contains='class="embed"').count() >= 1

    # Loading again changes nothing, and prints the same login.
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert again.getvalue().splitlines() == [
        "Demo content is already loaded; leaving it as it is.",
        lines[1],
    ]
    # Besides the published updates, the desk has a draft and one in review.
    assert sorted(Article.objects.exclude(status="published").values_list("status", flat=True)) == [
        "draft",
        "review",
    ]
    assert (tmp_path / "demo-login.txt").stat().st_mode & 0o777 == 0o600


def _small_demo(tmp_path: Path, stories: int = 3) -> Path:
    """A copy of the demo folder with only its first few stories and no desk work."""
    folder = tmp_path / "demo"
    (folder / "stories").mkdir(parents=True)
    shutil.copy(DEMO_DIR / "newsroom.json", folder)
    shutil.copytree(DEMO_DIR / "images", folder / "images")
    for path in sorted((DEMO_DIR / "stories").glob("*.md"))[:stories]:
        shutil.copy(path, folder / "stories")
    return folder


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text, count = re.subn(pattern, replacement, path.read_text(), count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(text)


def test_a_small_demo_folder_loads(tmp_path: Path) -> None:
    assert demo.load(folder=_small_demo(tmp_path)) == 3
    assert Article.published.count() == 3
    assert Author.objects.count() == 5
    assert Tag.objects.count() == 15  # declared tags exist even when no story uses them


@pytest.mark.parametrize(
    ("pattern", "replacement", "expected"),
    [
        (r'^  "headline": .*\n', "", "headline: is missing or empty"),
        (r'"tags": \[', '"tags": ["Sport", ', "tags: unknown tag 'Sport'"),
        (r'"authors": \[', '"authors": ["nobody", ', "authors: unknown author slug 'nobody'"),
        (r'"outlet": "[a-z-]+"', '"outlet": "daily-nowhere"', "unknown outlet 'daily-nowhere'"),
        (r'^(  "headline": .*),$', r"\1", "bad JSON at line 4"),
        (r'^  "breaking": true', '  "breakng": true', "breakng: unknown field"),
        (r"^---\n\n", "\n", "no closing '---' line"),
    ],
    ids=[
        "no-headline",
        "unknown-tag",
        "unknown-author",
        "unknown-outlet",
        "bad-json",
        "typo",
        "no-fence",
    ],
)
def test_a_malformed_story_names_its_file_and_loads_nothing(
    tmp_path: Path, pattern: str, replacement: str, expected: str
) -> None:
    folder = _small_demo(tmp_path, stories=10)
    stories = sorted((folder / "stories").glob("*.md"))
    broken = next(p for p in stories[1:] if re.search(pattern, p.read_text(), re.MULTILINE))
    _edit(broken, pattern, replacement)

    with pytest.raises(DemoDataError) as caught:
        demo.load(folder=folder)

    assert str(caught.value).startswith(f"{broken}: ")
    assert expected in str(caught.value)
    assert caught.value.path == broken
    assert not Article.objects.exists()
    assert not Author.objects.exists()
    assert not Tag.objects.exists()


def test_a_story_the_desk_refuses_rolls_back_the_whole_load(tmp_path: Path) -> None:
    folder = _small_demo(tmp_path)
    third = sorted((folder / "stories").glob("*.md"))[2]
    _edit(third, r'^  "headline": ".*"', '  "headline": "' + "Long " * 60 + '"')

    with pytest.raises(DemoDataError) as caught:
        demo.load(folder=folder)

    # The reader allowed it; the action refused it, after two stories were published.
    assert str(caught.value).startswith(f"{third}: the desk refused it: headline: ")
    assert not Article.objects.exists()
    assert not Author.objects.exists()
    assert not Tag.objects.exists()


def test_a_story_naming_an_undeclared_coverage_is_named(tmp_path: Path) -> None:
    folder = _small_demo(tmp_path, stories=1)
    [story] = (folder / "stories").glob("*.md")
    _edit(story, r"^\{$", '{\n  "coverages": ["no-such-coverage"],')
    with pytest.raises(DemoDataError) as caught:
        demo.read(folder)
    assert str(caught.value).endswith(
        "coverages: unknown coverage 'no-such-coverage' (declare it in newsroom.json)"
    )


def test_a_story_naming_a_missing_picture_is_named(tmp_path: Path) -> None:
    folder = _small_demo(tmp_path, stories=1)
    [story] = (folder / "stories").glob("*.md")
    _edit(story, r"^\{$", '{\n  "image": {"file": "../newsroom.json", "alt": "x"},')
    with pytest.raises(DemoDataError) as caught:
        demo.read(folder)
    assert "image.file: no picture '../newsroom.json'" in str(caught.value)


def test_a_malformed_newsroom_file_is_named(tmp_path: Path) -> None:
    folder = _small_demo(tmp_path)
    (folder / "newsroom.json").write_text('{"authors": [}')
    with pytest.raises(DemoDataError, match=r"newsroom\.json: bad JSON at line 1, column 14"):
        demo.load(folder=folder)
    assert not Author.objects.exists()


def test_every_demo_file_parses_and_names_only_declared_things() -> None:
    declared = json.loads((DEMO_DIR / "newsroom.json").read_text(encoding="utf-8"))
    tags = set(declared["tags"])
    authors = {a["slug"] for a in declared["authors"]}
    outlets = set(declared["outlets"])
    assert (len(authors), len(tags), len(outlets)) == (5, 15, 10)

    newsroom = demo.read()
    everything = newsroom.stories + newsroom.desk_work
    for story in everything:
        assert set(story.tags) <= tags, story.file
        assert set(story.authors) <= authors, story.file
        assert {ref.outlet for ref in story.sources} <= outlets, story.file
        assert story.headline and story.body, story.file
    assert len(newsroom.stories) >= 200
    assert [w.status for w in newsroom.desk_work] == ["review", "draft"]
    assert set().union(*(s.tags for s in everything)) <= tags

    # Every file in the folder is read: no stray or misnamed files.
    files = {p for p in DEMO_DIR.rglob("*") if p.is_file()}
    pictures = {s.image.path for s in everything if s.image is not None}
    assert files == {DEMO_DIR / "newsroom.json", *(s.file for s in everything), *pictures}
    # Stories are numbered in order, without gaps.
    numbers = [int(s.file.name.split("-", 1)[0]) for s in newsroom.stories]
    assert numbers == list(range(1, len(numbers) + 1))


def test_no_python_module_is_a_data_dump() -> None:
    """Content belongs in data files; a module this long is a sign of one."""
    root = Path(newsdesk.__file__).parent
    long = {
        str(path.relative_to(root)): lines
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 1000
    }
    assert long == {}


def test_the_demo_loads_on_a_site_without_english(site_languages: Any) -> None:
    site_languages("uk")
    demo.load()
    assert set(Article.objects.values_list("language", flat=True)) == {"uk"}

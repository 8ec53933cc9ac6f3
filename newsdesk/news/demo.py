"""The demo newsroom: data files under ``newsdesk/demo/``, loaded through the desk's actions.

The folder holds:

``newsroom.json``
    ``authors`` (name, slug, bio, contact), ``tags`` (names, all created even if
    unused), ``outlets`` (key -> name and url) and ``coverages`` (live
    coverages: slug, title, key points, and ``ended`` when it is over).
``stories/NNN-*.md``
    One published update per file, oldest first. Each file is a JSON header
    between two ``---`` lines, then the body as Markdown::

        ---
        {
          "headline": "...",
          "lede": "...",
          "tags": ["Front line"],
          "authors": ["maren-achterberg"],
          "sources": [{"outlet": "radio-ostrel", "how": "reported by", "path": "/..."}],
          "breaking": true,
          "correction": "..."
        }
        ---

        The body.

    ``sources``, ``breaking``, ``correction``, ``coverages`` (slugs of the
    live coverages the update belongs to) and ``image`` (``{"file": ...,
    "alt": ..., "caption": ..., "credit": ...}``, a picture in ``images/``
    stored through the image pipeline) may be left out. A coverage starts
    with its first update.
``images/``
    The pictures stories name: drawings made for the demo, no one's photograph.
``desk/NN-*.md``
    Work in progress on the desk's home page, the same shape plus ``"status"``:
    ``"draft"`` or ``"review"``.

:func:`read` checks every file before anything is written and names the file
and field of the first mistake; :func:`load` writes everything in one transaction.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from newsdesk.images.processing import store_upload

from . import actions, languages
from .models import Article, ArticleSource, Author, Coverage, Tag

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
DEMO_DAYS = 30
DESK_USERNAME = "desk"

_FENCE = "---\n"
_STORY_FIELDS = {
    "headline", "lede", "tags", "authors", "sources", "breaking", "correction", "coverages",
    "image",
}  # fmt: skip
_DESK_STATUSES = ("draft", "review")


class DemoDataError(ValueError):
    """A demo data file is malformed; the message names the file and the field."""

    def __init__(self, path: Path, message: str, field: str = "") -> None:
        self.path = path
        self.field = field
        where = f"{path}: {field}" if field else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class AuthorData:
    slug: str
    name: str
    bio: str
    contact: str


@dataclass(frozen=True)
class Outlet:
    name: str
    url: str


@dataclass(frozen=True)
class SourceRef:
    outlet: str
    how: str
    path: str


@dataclass(frozen=True)
class CoverageData:
    slug: str
    title: str
    key_points: str
    ended: bool


@dataclass(frozen=True)
class StoryImage:
    path: Path  # in the demo folder's images/
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Story:
    file: Path
    headline: str
    lede: str
    body: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    breaking: bool
    correction: str
    status: str  # "published" for stories/, "draft" or "review" for desk/
    coverages: tuple[str, ...] = ()
    image: StoryImage | None = None


@dataclass(frozen=True)
class Newsroom:
    file: Path  # newsroom.json
    authors: tuple[AuthorData, ...]
    tags: tuple[str, ...]
    outlets: Mapping[str, Outlet]
    stories: tuple[Story, ...]
    desk_work: tuple[Story, ...]
    coverages: tuple[CoverageData, ...] = ()

    def source_url(self, ref: SourceRef) -> str:
        url = self.outlets[ref.outlet].url
        return url.rstrip("/") + ref.path if ref.path else url


# Reading ----------------------------------------------------------------


def _text(path: Path, data: Mapping[str, object], field: str, *, required: bool = True) -> str:
    value = data.get(field, "")
    if not isinstance(value, str):
        raise DemoDataError(path, f"must be a string, not {type(value).__name__}", field)
    if required and not value.strip():
        raise DemoDataError(path, "is missing or empty", field)
    return value


def _names(path: Path, data: Mapping[str, object], field: str) -> tuple[str, ...]:
    value = data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DemoDataError(path, "must be a list of non-empty strings", field)
    return tuple(value)


def _object(path: Path, value: object, field: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise DemoDataError(path, f"must be a JSON object, not {type(value).__name__}", field)
    return value


def _read_json(path: Path, text: str, first_line: int = 1) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        line = e.lineno + first_line - 1
        raise DemoDataError(path, f"bad JSON at line {line}, column {e.colno}: {e.msg}") from e


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except FileNotFoundError as e:
        raise DemoDataError(path, "file not found") from e
    except UnicodeDecodeError as e:
        raise DemoDataError(path, f"not UTF-8 text: {e}") from e


def _read_newsroom(
    folder: Path,
) -> tuple[tuple[AuthorData, ...], tuple[str, ...], dict[str, Outlet]]:
    path = folder / "newsroom.json"
    data = _object(path, _read_json(path, _read_text(path)), "")
    unknown = set(data) - {"authors", "tags", "outlets", "coverages"}
    if unknown:
        raise DemoDataError(path, "unknown field", ", ".join(sorted(unknown)))

    raw_authors = data.get("authors")
    if not isinstance(raw_authors, list) or not raw_authors:
        raise DemoDataError(path, "must be a non-empty list", "authors")
    authors: list[AuthorData] = []
    for i, raw in enumerate(raw_authors):
        field = f"authors[{i}]"
        item = _object(path, raw, field)
        author = AuthorData(
            slug=_text(path, item, "slug"),
            name=_text(path, item, "name"),
            bio=_text(path, item, "bio", required=False),
            contact=_text(path, item, "contact", required=False),
        )
        if author.slug in {a.slug for a in authors}:
            raise DemoDataError(path, f"the slug {author.slug!r} is used twice", field)
        authors.append(author)

    tags = _names(path, data, "tags")
    if len(set(tags)) != len(tags):
        raise DemoDataError(path, "a tag is listed twice", "tags")

    outlets: dict[str, Outlet] = {}
    for key, raw in _object(path, data.get("outlets", {}), "outlets").items():
        item = _object(path, raw, f"outlets.{key}")
        url = _text(path, item, "url")
        if not url.startswith("https://"):
            raise DemoDataError(path, "must start with https://", f"outlets.{key}.url")
        outlets[key] = Outlet(name=_text(path, item, "name"), url=url)
    return tuple(authors), tags, outlets


def _read_coverages(folder: Path) -> tuple[CoverageData, ...]:
    path = folder / "newsroom.json"
    raw = _object(path, _read_json(path, _read_text(path)), "").get("coverages", [])
    if not isinstance(raw, list):
        raise DemoDataError(path, "must be a list", "coverages")
    found: list[CoverageData] = []
    for i, value in enumerate(raw):
        field = f"coverages[{i}]"
        item = _object(path, value, field)
        ended = item.get("ended", False)
        if not isinstance(ended, bool):
            raise DemoDataError(path, "must be true or false", f"{field}.ended")
        coverage = CoverageData(
            slug=_text(path, item, "slug"),
            title=_text(path, item, "title"),
            key_points=_text(path, item, "key_points", required=False),
            ended=ended,
        )
        if coverage.slug in {c.slug for c in found}:
            raise DemoDataError(path, f"the slug {coverage.slug!r} is used twice", field)
        found.append(coverage)
    return tuple(found)


def _split(path: Path) -> tuple[Mapping[str, object], str]:
    """A story file's JSON header and its Markdown body."""
    text = _read_text(path)
    if not text.startswith(_FENCE):
        raise DemoDataError(path, "must start with a '---' line, then a JSON header, then '---'")
    end = (text + "\n").find("\n" + _FENCE, len(_FENCE) - 1)
    if end == -1:
        raise DemoDataError(path, "the JSON header has no closing '---' line")
    header = _read_json(path, text[len(_FENCE) : end], first_line=2)
    body = text[end + len(_FENCE) + 1 :].lstrip("\n").rstrip()  # keeps a leading indent
    return _object(path, header, "header"), body


def _read_story(
    path: Path,
    *,
    desk: bool,
    tags: set[str],
    authors: set[str],
    outlets: Mapping[str, Outlet],
    coverages: frozenset[str] = frozenset(),
) -> Story:
    data, body = _split(path)
    allowed = _STORY_FIELDS | {"status"} if desk else _STORY_FIELDS
    unknown = set(data) - allowed
    if unknown:
        raise DemoDataError(path, "unknown field", ", ".join(sorted(unknown)))

    headline = _text(path, data, "headline")
    lede = _text(path, data, "lede", required=False)
    story_tags = _names(path, data, "tags")
    for tag in story_tags:
        if tag not in tags:
            raise DemoDataError(path, f"unknown tag {tag!r} (declare it in newsroom.json)", "tags")
    story_authors = _names(path, data, "authors")
    if not story_authors:
        raise DemoDataError(path, "needs at least one author slug", "authors")
    for slug in story_authors:
        if slug not in authors:
            raise DemoDataError(
                path, f"unknown author slug {slug!r} (declare it in newsroom.json)", "authors"
            )

    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise DemoDataError(path, "must be a list", "sources")
    sources = []
    styles = set(ArticleSource.QuoteStyle.values)
    for i, raw in enumerate(raw_sources):
        field = f"sources[{i}]"
        item = _object(path, raw, field)
        ref = SourceRef(
            outlet=_text(path, item, "outlet"),
            how=_text(path, item, "how"),
            path=_text(path, item, "path", required=False),
        )
        if ref.outlet not in outlets:
            raise DemoDataError(
                path, f"unknown outlet {ref.outlet!r} (declare it in newsroom.json)", field
            )
        if ref.how not in styles:
            raise DemoDataError(path, f"'how' must be one of {sorted(styles)}", field)
        if ref.path and not ref.path.startswith("/"):
            raise DemoDataError(path, "'path' must start with '/'", field)
        sources.append(ref)

    breaking = data.get("breaking", False)
    if not isinstance(breaking, bool):
        raise DemoDataError(path, "must be true or false", "breaking")
    status = "published"
    if desk:
        status = _text(path, data, "status")
        if status not in _DESK_STATUSES:
            raise DemoDataError(path, f"must be one of {list(_DESK_STATUSES)}", "status")

    story_coverages = _names(path, data, "coverages")
    for slug in story_coverages:
        if slug not in coverages:
            raise DemoDataError(
                path, f"unknown coverage {slug!r} (declare it in newsroom.json)", "coverages"
            )
    image = _read_image(path, data)
    return Story(
        file=path,
        headline=headline,
        lede=lede,
        body=body,
        tags=story_tags,
        authors=story_authors,
        sources=tuple(sources),
        breaking=breaking,
        correction=_text(path, data, "correction", required=False),
        status=status,
        coverages=story_coverages,
        image=image,
    )


def _read_image(path: Path, data: Mapping[str, object]) -> StoryImage | None:
    if "image" not in data:
        return None
    item = _object(path, data["image"], "image")
    unknown = set(item) - {"file", "alt", "caption", "credit"}
    if unknown:
        raise DemoDataError(path, "unknown field", "image." + ", image.".join(sorted(unknown)))
    name = _text(path, item, "file")
    folder = path.parent.parent / "images"
    if Path(name).name != name or not (folder / name).is_file():
        raise DemoDataError(path, f"no picture {name!r} in {folder}", "image.file")
    return StoryImage(
        path=folder / name,
        alt=_text(path, item, "alt"),
        caption=_text(path, item, "caption", required=False),
        credit=_text(path, item, "credit", required=False),
    )


def read(folder: Path = DEMO_DIR) -> Newsroom:
    """Read and check every file of a demo folder; raises :class:`DemoDataError`."""
    authors, tags, outlets = _read_newsroom(folder)
    coverages = _read_coverages(folder)
    tag_names, slugs = set(tags), {a.slug for a in authors}
    live = frozenset(c.slug for c in coverages)

    def read_one(path: Path, *, desk: bool) -> Story:
        return _read_story(
            path, desk=desk, tags=tag_names, authors=slugs, outlets=outlets, coverages=live
        )

    stories_dir = folder / "stories"
    stories = tuple(read_one(p, desk=False) for p in sorted(stories_dir.glob("*.md")))
    if not stories:
        raise DemoDataError(stories_dir, "holds no stories (*.md)")
    desk_work = tuple(read_one(p, desk=True) for p in sorted((folder / "desk").glob("*.md")))
    seen: dict[str, Path] = {}
    for story in stories + desk_work:
        if story.headline in seen:
            raise DemoDataError(
                story.file, f"the same headline as {seen[story.headline].name}", "headline"
            )
        seen[story.headline] = story.file
    return Newsroom(folder / "newsroom.json", authors, tags, outlets, stories, desk_work, coverages)


def tag_slugs(folder: Path = DEMO_DIR) -> list[str]:
    return [slugify(t, allow_unicode=True) for t in _read_newsroom(folder)[1]]


# Loading ----------------------------------------------------------------


def spread(count: int, now: datetime, days: int = DEMO_DAYS, seed: int = 7) -> list[datetime]:
    """``count`` strictly increasing times over the last ``days``, ending before ``now``."""
    rng = random.Random(seed)  # noqa: S311  (not security-sensitive)
    start = now - timedelta(days=days)
    step = (now - start - timedelta(minutes=20)) / count
    times = []
    for i in range(count):
        jitter = timedelta(seconds=rng.uniform(0, step.total_seconds() * 0.8))
        times.append(start + step * i + jitter)
    return times


def load(now: datetime | None = None, folder: Path = DEMO_DIR) -> int:
    """Create the demo newsroom in one transaction; returns how many updates were published.

    Every file is read and checked first. Authors and tags that already exist
    (by slug) are reused, so a forced second load adds only articles.
    """
    now = now or timezone.now()
    newsroom = read(folder)
    times = spread(len(newsroom.stories), now)
    with transaction.atomic():
        authors = _authors(newsroom)
        _tags(newsroom)
        coverages = _coverages(newsroom, times)
        pinned: Article | None = None
        for story, when in zip(newsroom.stories, times, strict=True):
            article = _story(newsroom, story, authors, when, coverages)
            if story.breaking and when > now - timedelta(days=2):
                pinned = article
        if pinned is not None:
            actions.pin(pinned)
        for data in newsroom.coverages:
            coverage = coverages[data.slug]
            if data.ended and coverage.is_open:
                actions.end_coverage(coverage, at=times[-1])
        for work in newsroom.desk_work:
            _story(newsroom, work, authors)
    return len(newsroom.stories)


def _authors(newsroom: Newsroom) -> dict[str, Author]:
    """The declared authors, created through the actions unless their slug exists."""
    found: dict[str, Author] = {}
    for data in newsroom.authors:
        author = Author.objects.filter(slug=data.slug).first()
        if author is None:
            try:
                author = actions.create_author(
                    name=data.name, slug=data.slug, bio=data.bio, contact=data.contact
                )
            except ValidationError as e:
                refused = "the desk refused it: " + _refusal(e)
                raise DemoDataError(newsroom.file, refused, f"authors ({data.slug})") from e
        found[data.slug] = author
    return found


def _tags(newsroom: Newsroom) -> None:
    """Every declared tag exists, used or not, before the stories name them."""
    for name in newsroom.tags:
        existing = Tag.objects.filter(
            Q(slug=slugify(name, allow_unicode=True)) | Q(name__iexact=name)
        )
        if existing.exists():
            continue
        try:
            actions.create_tag(name=name)
        except ValidationError as e:
            refused = "the desk refused it: " + _refusal(e)
            raise DemoDataError(newsroom.file, refused, f"tags ({name})") from e


def _coverages(newsroom: Newsroom, times: list[datetime]) -> dict[str, Coverage]:
    """The declared live coverages, opened through the actions (reused by
    slug), each starting a minute before its first update."""
    found: dict[str, Coverage] = {}
    for data in newsroom.coverages:
        coverage = Coverage.objects.filter(slug=data.slug).first()
        if coverage is None:
            first = next(
                (
                    t
                    for s, t in zip(newsroom.stories, times, strict=True)
                    if data.slug in s.coverages
                ),
                times[0],
            )
            try:
                coverage = actions.open_coverage(
                    title=data.title,
                    key_points=data.key_points,
                    slug=data.slug,
                    started_at=first - timedelta(minutes=1),
                    language=languages.in_site("en") or languages.default_language(),
                )
            except ValidationError as e:
                refused = "the desk refused it: " + _refusal(e)
                raise DemoDataError(newsroom.file, refused, f"coverages ({data.slug})") from e
        found[data.slug] = coverage
    return found


def _story(
    newsroom: Newsroom,
    story: Story,
    authors: dict[str, Author],
    when: datetime | None = None,
    coverages: Mapping[str, Coverage] | None = None,
) -> Article:
    """Publish ``story`` at ``when``, or leave it on the desk as a draft or in review."""
    sources = [
        actions.SourceInput(
            outlet=newsroom.outlets[ref.outlet].name,
            url=newsroom.source_url(ref),
            quote_style=ref.how,
        )
        for ref in story.sources
    ]
    picture, stored = story.image, None
    if picture is not None:
        with picture.path.open("rb") as file:
            stored = store_upload(file, alt=picture.alt)
    try:
        article = actions.create_draft(
            headline=story.headline,
            lede=story.lede,
            body=story.body,
            tags=story.tags,
            authors=[authors[slug] for slug in story.authors],
            sources=sources,
            is_breaking=story.breaking,
            coverages=[(coverages or {})[slug] for slug in story.coverages],
            # The demo is written in English: marked so where the site
            # publishes in English, else in the site's default language.
            language=languages.in_site("en") or languages.default_language(),
            image=stored,
            image_alt=picture.alt if picture else "",
            image_caption=picture.caption if picture else "",
            image_credit=picture.credit if picture else "",
        )
        if story.status == "review":
            article = actions.submit(article)
        elif story.status == "published":
            assert when is not None
            article = actions.publish(article, at=when)
            if story.correction:
                actions.correct(article, note=story.correction, at=when + timedelta(hours=2))
    except ValidationError as e:
        raise DemoDataError(story.file, "the desk refused it: " + _refusal(e)) from e
    return article


def _refusal(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
    return " ".join(error.messages)

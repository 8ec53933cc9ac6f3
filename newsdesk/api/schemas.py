"""What the API reads and writes. Output shapes list public fields by name;
inputs refuse unknown fields, so nothing is assigned that the operation does
not name."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field

MAX_ID = 2**63 - 1
SLUG_PATTERN = r"^[\w-]+$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
CURSOR_PATTERN = r"^\d{1,17}\.\d{1,19}$"


def _sane_time(value: datetime) -> datetime:
    if not 1900 <= value.astimezone(UTC).year <= 9000:
        raise ValueError("Use a time between the years 1900 and 9000.")
    return value


def _to_utc(value: datetime) -> datetime:
    try:
        value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("Use a time between the years 1900 and 9000.") from exc
    return _sane_time(value)


Moment = Annotated[AwareDatetime, AfterValidator(_to_utc)]
Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=SLUG_PATTERN)]
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


# Output -------------------------------------------------------------------


class TagOut(Schema):
    name: str
    slug: str
    url: str


class BylineOut(Schema):
    name: str
    slug: str
    url: str


class SourceOut(Schema):
    outlet: str
    url: str
    quote_style: str


class CorrectionOut(Schema):
    text: str
    created_at: datetime


class ArticleOut(Schema):
    id: int
    slug: str
    url: str
    headline: str
    lede: str
    body_html: str
    language: str
    published_at: datetime
    updated_at: datetime | None
    reading_time: int
    word_count: int
    is_breaking: bool
    is_pinned: bool
    version: int
    tags: list[TagOut]
    authors: list[BylineOut]
    sources: list[SourceOut]
    corrections: list[CorrectionOut]


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None = Field(description="Pass as `before` for the next, older page.")
    next: str | None = Field(description="The next page's address, with the same filters.")
    last_event: int = Field(
        description="The newest public outbox event when this page was read: pass it as "
        "`after_event` later to get only the articles changed since."
    )


class AuthorOut(Schema):
    name: str
    slug: str
    url: str
    bio: str
    contact: str
    avatar: str | None


class AuthorPage(Schema):
    items: list[AuthorOut]
    next_cursor: str | None


class TagPage(Schema):
    items: list[TagOut]
    next_cursor: str | None


class DeskArticleOut(Schema):
    id: int
    slug: str
    url: str
    status: str
    headline: str
    lede: str
    body: str
    body_html: str
    language: str
    published_at: datetime | None
    publish_at: datetime | None = Field(description="When a scheduled article is due.")
    updated_at: datetime | None
    created_at: datetime
    modified_at: datetime
    reading_time: int
    word_count: int
    is_breaking: bool
    is_pinned: bool
    version: int
    tags: list[TagOut]
    authors: list[BylineOut]
    sources: list[SourceOut]
    corrections: list[CorrectionOut]


class DeskArticlePage(Schema):
    items: list[DeskArticleOut]
    next_cursor: int | None = Field(description="Pass as `before` for the next page.")


class CallerOut(Schema):
    username: str
    role: str
    permissions: list[str]


# Input --------------------------------------------------------------------


class SourceIn(Input):
    outlet: str = Field(max_length=500)
    url: str = Field(default="", max_length=2000)
    quote_style: str = Field(default="as quoted by", max_length=40)


TagName = Annotated[str, Field(max_length=200)]


class DraftIn(Input):
    headline: str = Field(max_length=2000)
    lede: str = Field(default="", max_length=6000)
    body: str = Field(default="", max_length=200_000)
    tags: list[TagName] = Field(default=[], max_length=50)
    authors: list[Slug] = Field(default=[], max_length=50, description="Author slugs.")
    sources: list[SourceIn] = Field(default=[], max_length=50)
    is_breaking: bool = False
    language: str | None = Field(default=None, max_length=35)
    slug: str = Field(default="", max_length=200)


class UpdateIn(Input):
    version: Version = Field(description="The version you edited; a newer one is refused.")
    headline: str | None = Field(default=None, max_length=2000)
    lede: str | None = Field(default=None, max_length=6000)
    body: str | None = Field(default=None, max_length=200_000)
    tags: list[TagName] | None = Field(default=None, max_length=50)
    authors: list[Slug] | None = Field(default=None, max_length=50)
    sources: list[SourceIn] | None = Field(default=None, max_length=50)
    is_breaking: bool | None = Field(default=None)
    language: str | None = Field(default=None, max_length=35)


class CorrectIn(Input):
    version: Version
    note: str = Field(max_length=20_000, description="The public correction note.")
    headline: str | None = Field(default=None, max_length=2000)
    lede: str | None = Field(default=None, max_length=6000)
    body: str | None = Field(default=None, max_length=200_000)
    tags: list[TagName] | None = Field(default=None, max_length=50)
    authors: list[Slug] | None = Field(default=None, max_length=50)
    sources: list[SourceIn] | None = Field(default=None, max_length=50)


class StepIn(Input):
    version: Version | None = Field(
        default=None, description="When given, the step is refused if the article changed since."
    )


class ScheduleIn(Input):
    publish_at: Moment
    version: Version | None = None

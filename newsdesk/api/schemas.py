"""What the API reads and writes. Output shapes list public fields by name;
inputs refuse unknown fields, so nothing is assigned that the operation does
not name."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, ConfigDict, Field, Strict

from newsdesk.desk import actions as account_rules
from newsdesk.news import actions
from newsdesk.news.actions import authors as author_rules
from newsdesk.news.actions import coverages as coverage_rules
from newsdesk.news.actions import tags as tag_rules
from newsdesk.site.models import SiteSettings

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


_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _iso_only(value: object) -> object:
    """Only an RFC 3339 date-time: pydantic would also take ``0.5`` as a Unix time."""
    if not (isinstance(value, str) and _RFC3339.match(value)):
        raise ValueError("Use an RFC 3339 time with its zone, e.g. 2026-11-27T09:30:00Z.")
    return value


Moment = Annotated[AwareDatetime, BeforeValidator(_iso_only), AfterValidator(_to_utc)]
Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=SLUG_PATTERN)]
# Bodies are JSON: a number is not a string and 0 is not false.
Version = Annotated[int, Strict(), Field(ge=1, le=2**31 - 1)]
Flag = Annotated[bool, Strict()]


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


class ImageOut(Schema):
    url: str = Field(description="The original, cleaned of metadata.")
    srcset: str = Field(description="WebP renditions as `url 480w, url 960w, ...`.")
    alt: str
    caption: str = Field(description="Shown under the image; may be empty.")
    credit: str = Field(description="Who made the picture (“Photo: …”); may be empty.")
    width: int
    height: int


class TranslationOut(Schema):
    id: int
    language: str
    url: str


class CoverageRefOut(Schema):
    slug: str
    title: str
    url: str


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
    image: ImageOut | None = Field(description="The featured image, if any.")
    translation_of: int | None = Field(
        description="The first update of its group of translations; null for that one."
    )
    translations: list[TranslationOut] = Field(
        description="The same update in the site's other languages."
    )
    coverages: list[CoverageRefOut] = Field(description="The live coverages the update belongs to.")


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
    image: ImageOut | None = Field(description="The featured image, if any.")
    translation_of: int | None = Field(
        description="The first update of its group of translations; null for that one."
    )
    translations: list[TranslationOut] = Field(
        description="The same update in the site's other languages."
    )
    coverages: list[CoverageRefOut] = Field(description="The live coverages the update belongs to.")


class DeskArticlePage(Schema):
    items: list[DeskArticleOut]
    next_cursor: int | None = Field(description="Pass as `before` for the next page.")


class CallerOut(Schema):
    username: str
    role: str
    permissions: list[str]


# Input --------------------------------------------------------------------
# The limits are the actions' own, so the contract tells clients what will
# pass; the actions still check everything and word the messages.

QuoteStyle = Literal["as quoted by", "according to", "reported by", "citing", "via"]
NonBlank = r"\S"


class SourceIn(Input):
    outlet: str = Field(min_length=1, max_length=120, pattern=NonBlank)
    url: str = Field(default="", max_length=500)
    quote_style: QuoteStyle = "as quoted by"


Headline = Annotated[str, Field(min_length=1, max_length=actions.MAX_HEADLINE, pattern=NonBlank)]
Lede = Annotated[str, Field(max_length=actions.MAX_LEDE)]
Text = Annotated[str, Field(max_length=actions.MAX_BODY, description="Markdown.")]
Language = Annotated[str, Field(max_length=actions.MAX_LANGUAGE, pattern=LANGUAGE_PATTERN)]
TagName = Annotated[str, Field(max_length=actions.MAX_TAG_LENGTH)]
Tags = Annotated[list[TagName], Field(max_length=actions.MAX_TAGS)]
Authors = Annotated[list[Slug], Field(max_length=actions.MAX_AUTHORS, description="Slugs.")]
Sources = Annotated[list[SourceIn], Field(max_length=actions.MAX_SOURCES)]
Note = Annotated[
    str,
    Field(
        min_length=1,
        max_length=actions.MAX_CORRECTION,
        pattern=NonBlank,
        description="The public correction note.",
    ),
]


class DraftIn(Input):
    headline: Headline
    lede: Lede = ""
    body: Text = ""
    tags: Tags = []
    authors: Authors = []
    sources: Sources = []
    is_breaking: Flag = False
    language: Language | None = None
    slug: str = Field(default="", max_length=200, description="Made from the headline if empty.")


class UpdateIn(Input):
    version: Version = Field(description="The version you edited; a newer one is refused.")
    headline: Headline | None = None
    lede: Lede | None = None
    body: Text | None = None
    tags: Tags | None = None
    authors: Authors | None = None
    sources: Sources | None = None
    is_breaking: Flag | None = None
    language: Language | None = None


class CorrectIn(Input):
    version: Version
    note: Note
    headline: Headline | None = None
    lede: Lede | None = None
    body: Text | None = None
    tags: Tags | None = None
    authors: Authors | None = None
    sources: Sources | None = None


class StepIn(Input):
    version: Version | None = Field(
        default=None, description="When given, the step is refused if the article changed since."
    )


class TranslateIn(Input):
    language: Language = Field(description="One of the site's languages, e.g. uk.")


class ScheduleIn(Input):
    publish_at: Moment
    version: Version | None = None


class RestoreIn(Input):
    revision: Annotated[int, Strict(), Field(ge=1, le=2**31 - 1)] = Field(
        description="The revision's number, as the desk's history lists them."
    )
    version: Version | None = None


# The newsroom's records (Admin API) ------------------------------------------
# The limits are the actions' (authors, tags, accounts) and the model's
# (site settings, and author fields the action leaves to the model).

AuthorName = Annotated[str, Field(min_length=1, max_length=author_rules.MAX_NAME, pattern=NonBlank)]
RecordSlug = Annotated[
    str,
    Field(
        max_length=author_rules.MAX_SLUG,
        description="Made from the name when empty; letters, digits and hyphens are kept.",
    ),
]
Username = Annotated[
    str,
    Field(min_length=1, max_length=account_rules.MAX_USERNAME, pattern=r"^[\w.@+-]+$"),
]
AccountLink = Annotated[
    Username | None,
    Field(description="The desk account's username; null for none. Admins only."),
]
Bio = Annotated[str, Field(max_length=author_rules.MAX_BIO)]
Contact = Annotated[str, Field(max_length=author_rules.MAX_CONTACT)]
PublicEmail = Annotated[str, Field(max_length=200)]
Signal = Annotated[str, Field(max_length=64, description="A Signal number or username.")]
Website = Annotated[str, Field(max_length=300, description="An http:// or https:// address.")]
TagLabel = Annotated[str, Field(min_length=1, max_length=tag_rules.MAX_NAME, pattern=NonBlank)]
TagSlug = Annotated[
    str, Field(max_length=tag_rules.MAX_SLUG, description="Made from the name when empty.")
]
TagDescription = Annotated[str, Field(max_length=tag_rules.MAX_DESCRIPTION)]
RecordId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Role = Literal["contributor", "editor", "admin"]


def _site_limit(name: str) -> int:
    limit = getattr(SiteSettings._meta.get_field(name), "max_length", None)
    assert isinstance(limit, int), name
    return limit


SiteName = Annotated[str, Field(max_length=_site_limit("site_name"))]
SiteDescription = Annotated[str, Field(max_length=_site_limit("description"))]
ContactLine = Annotated[str, Field(max_length=_site_limit("contact_line"))]
TimeZone = Annotated[
    str, Field(max_length=_site_limit("time_zone"), description="A name such as Europe/London.")
]
SiteLanguage = Annotated[
    str, Field(max_length=_site_limit("language"), description="For example en or en-GB.")
]


class AdminAuthorOut(Schema):
    id: int
    name: str
    slug: str
    url: str
    bio: str
    contact: str
    email: str
    signal: str
    website: str
    avatar: str | None
    account: str | None = Field(
        description="The linked desk account's username: shown to admins only, null otherwise."
    )


class AdminAuthorPage(Schema):
    items: list[AdminAuthorOut]
    next_cursor: int | None = Field(description="Pass as `after` for the next page.")


class AuthorIn(Input):
    name: AuthorName
    slug: RecordSlug = ""
    bio: Bio = ""
    contact: Contact = ""
    email: PublicEmail = ""
    signal: Signal = ""
    website: Website = ""
    account: AccountLink = None


class AuthorChangesIn(Input):
    """Only the fields sent change; null leaves a field as it is, except
    ``account``, where null unlinks the account."""

    name: AuthorName | None = None
    slug: RecordSlug | None = None
    bio: Bio | None = None
    contact: Contact | None = None
    email: PublicEmail | None = None
    signal: Signal | None = None
    website: Website | None = None
    account: AccountLink = None


class AdminTagOut(Schema):
    id: int
    name: str
    slug: str
    url: str
    description: str
    articles: int = Field(description="How many articles, in any state, carry the tag.")


class AdminTagPage(Schema):
    items: list[AdminTagOut]
    next_cursor: int | None = Field(description="Pass as `after` for the next page.")


class TagIn(Input):
    name: TagLabel
    slug: TagSlug = ""
    description: TagDescription = ""


class TagChangesIn(Input):
    name: TagLabel | None = None
    slug: TagSlug | None = None
    description: TagDescription | None = None


class MergeIn(Input):
    into: RecordId = Field(description="The id of the tag that stays.")


SiteLanguages = Annotated[
    str,
    Field(
        max_length=_site_limit("languages"),
        description="Every language the site publishes in, comma-separated, e.g. uk, en.",
    ),
]


class SettingsOut(Schema):
    site_name: str = Field(description="Empty: the server's NEWSDESK_SITE_NAME.")
    description: str
    logo: str | None = Field(description="The logo's address; it changes on the desk only.")
    contact_line: str
    time_zone: str = Field(description="Empty: the server's NEWSDESK_TIME_ZONE.")
    language: str = Field(description="Empty: the server's NEWSDESK_LANGUAGE.")
    languages: str = Field(description="Empty: the default language alone.")
    default_author: str | None = Field(description="The desk's own author card, by slug.")
    require_admin_second_factor: bool
    wire_sources_editors_only: bool
    updated_at: datetime | None


class SettingsIn(Input):
    """Only the fields sent change; null leaves a field as it is, except
    ``default_author``, where null means none."""

    site_name: SiteName | None = None
    description: SiteDescription | None = None
    contact_line: ContactLine | None = None
    time_zone: TimeZone | None = None
    language: SiteLanguage | None = None
    languages: SiteLanguages | None = None
    default_author: Slug | None = Field(default=None, description="An author's slug; null: none.")
    require_admin_second_factor: Flag | None = None
    wire_sources_editors_only: Flag | None = None


class AccountOut(Schema):
    id: int
    username: str
    email: str
    role: str = Field(description="contributor, editor, admin, or none.")
    active: bool
    author: str | None = Field(description="The slug of the account's author profile, if any.")
    date_joined: datetime
    last_login: datetime | None


class AccountCreatedOut(AccountOut):
    set_password_link: str = Field(
        description="Send this to the person: it lets them choose a password, once, "
        "for three days. It is not shown again."
    )


class AccountPage(Schema):
    items: list[AccountOut]
    next_cursor: int | None = Field(description="Pass as `after` for the next page.")


class AccountIn(Input):
    username: Username
    email: Annotated[str, Field(max_length=account_rules.MAX_EMAIL)] = ""
    role: Role


class AccountChangesIn(Input):
    role: Role | None = None
    active: Flag | None = None


class RecordFilters(Input):
    after: int | None = Field(default=None, ge=1, le=MAX_ID, description="`next_cursor`.")
    limit: Annotated[int, Field(ge=1, le=100)] = 100


# Live coverages --------------------------------------------------------------

CoverageTitle = Annotated[str, Field(max_length=coverage_rules.MAX_TITLE)]
KeyPoints = Annotated[
    str,
    Field(
        max_length=coverage_rules.MAX_KEY_POINTS,
        description="Markdown, rendered and sanitised like bodies.",
    ),
]
CoverageLanguage = Annotated[str, Field(max_length=16, pattern=LANGUAGE_PATTERN)]


class CoverageOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    key_points: str = Field(description="The key points as the desk wrote them (Markdown).")
    key_points_html: str
    language: str
    started_at: datetime
    ended_at: datetime | None = Field(description="Set once the coverage has ended.")
    is_open: bool
    pinned: int | None = Field(description="The id of its pinned update, if any.")
    image: ImageOut | None = Field(description="The lead image, if any.")
    articles: int = Field(description="How many updates (published ones on the Content API).")
    version: int


class CoveragePage(Schema):
    items: list[CoverageOut]
    next_cursor: int | None = Field(description="Pass as `after` for the next page.")


class CoverageIn(Input):
    title: CoverageTitle
    key_points: KeyPoints = ""
    language: CoverageLanguage | None = Field(
        default=None, description="One of the site's; its default when left out."
    )
    started_at: Moment | None = Field(default=None, description="Now when left out.")


class CoverageChangesIn(Input):
    title: CoverageTitle | None = None
    key_points: KeyPoints | None = None
    language: CoverageLanguage | None = None
    started_at: Moment | None = None
    version: Version | None = Field(
        default=None, description="The version you read; a newer one answers 409."
    )


class CoverageArticleIn(Input):
    article: RecordId = Field(description="The update's id.")


class CoveragePinIn(Input):
    article: RecordId | None = Field(description="The update to pin, or null to unpin.")

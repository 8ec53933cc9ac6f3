"""The one write path for articles.

Every change to an article (from the desk, the API, the command line, an
import or the scheduler) is one of these functions. Each one checks the
actor's permission for that article (``news.permissions``), validates,
renders the body, writes the article, a Revision snapshot, the audit entry
and an outbox Event in a single transaction, and returns the saved article.
Nothing else writes those tables.

``user=None`` means the system itself (demo loader, scheduler); the command
line passes ``permissions.COMMAND_LINE`` or the account named by ``--as``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from newsdesk.images.models import Image

from .. import audit, embeds, languages, outbox
from ..models import (
    Article,
    ArticleAuthor,
    ArticleSource,
    Author,
    Correction,
    Coverage,
    Event,
    Revision,
)
from ..permissions import check, is_system
from ..reading import count_images, count_words, reading_time
from ..rendering import render_markdown
from ..slugs import slug_from_headline, unique_slug
from .base import Errors as _Errors
from .base import clean_line as _clean_line
from .base import clean_text as _clean_text
from .tags import tags_named

log = logging.getLogger(__name__)

MAX_HEADLINE = 200
MAX_LEDE = 600
MAX_BODY = 100_000
MAX_TAGS = 12
MAX_TAG_LENGTH = 50
MAX_SOURCES = 10
MAX_AUTHORS = 10
MAX_CORRECTION = 2000
MAX_LANGUAGE = 16  # Article.language's column
MAX_IMAGE_ALT = 300  # Article.image_alt's column
MAX_IMAGE_CAPTION = 500  # Article.image_caption's column
MAX_IMAGE_CREDIT = 200  # Article.image_credit's column
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class SourceInput:
    """An outlet the article quotes: ``"as quoted by" + outlet``."""

    outlet: str
    url: str = ""
    quote_style: str = ArticleSource.QuoteStyle.AS_QUOTED_BY


# Validation -------------------------------------------------------------


def _validate(fields: dict[str, Any]) -> dict[str, Any]:
    """Clean the editable fields present in ``fields``; raise with every problem."""
    errors = _Errors()
    clean: dict[str, Any] = {}
    if "headline" in fields:
        headline = _clean_line(str(fields["headline"] or ""))
        if not headline:
            errors.add("headline", _("A headline is required."))
        elif len(headline) > MAX_HEADLINE:
            errors.add(
                "headline",
                _("Keep the headline to %(limit)d characters (it has %(length)d).")
                % {"limit": MAX_HEADLINE, "length": len(headline)},
            )
        clean["headline"] = headline
    if "lede" in fields:
        lede = _clean_line(str(fields["lede"] or ""))
        if len(lede) > MAX_LEDE:
            errors.add(
                "lede",
                _("Keep the lede to %(limit)d characters (it has %(length)d).")
                % {"limit": MAX_LEDE, "length": len(lede)},
            )
        clean["lede"] = lede
    if "body" in fields:
        body = _clean_text(str(fields["body"] or ""))
        if len(body) > MAX_BODY:
            errors.add(
                "body",
                _("The body is too long: %(length)s characters, the limit is %(limit)s.")
                % {
                    "length": number_format(len(body), force_grouping=True),
                    "limit": number_format(MAX_BODY, force_grouping=True),
                },
            )
        clean["body"] = body
    if "language" in fields:
        language = str(fields["language"] or "").strip()
        if not _LANGUAGE.match(language) or len(language) > MAX_LANGUAGE:
            errors.add("language", _("Use a language code such as en, uk or pt-BR."))
        else:
            known = languages.site_languages()
            found = languages.in_site(language, known)
            if found is None:
                errors.add(
                    "language",
                    _("Choose one of the site's languages: %(codes)s.")
                    % {"codes": ", ".join(known)},
                )
            language = found or language
        clean["language"] = language
    if "is_breaking" in fields:
        clean["is_breaking"] = bool(fields["is_breaking"])
    if "tags" in fields:
        clean["tags"] = _validate_tags(fields["tags"], errors)
    if "authors" in fields:
        authors = list(fields["authors"] or [])
        if len(authors) > MAX_AUTHORS:
            errors.add(
                "authors",
                _("An article can have at most %(limit)d authors.") % {"limit": MAX_AUTHORS},
            )
        if not all(isinstance(a, Author) and a.pk for a in authors):
            errors.add("authors", _("Authors must be saved Author records."))
        unique: dict[int, Author] = {}
        for author in authors:
            unique.setdefault(author.pk, author)
        clean["authors"] = list(unique.values())
    if "sources" in fields:
        clean["sources"] = _validate_sources(fields["sources"], errors)
    if "image" in fields or "image_alt" in fields:
        _validate_image(fields, clean, errors)
    _validate_image_words(fields, clean, errors)
    if "coverages" in fields:
        coverages = list(fields["coverages"] or [])
        if not all(isinstance(c, Coverage) and c.pk for c in coverages):
            errors.add("coverages", _("Live coverages must be saved Coverage records."))
        clean["coverages"] = list({c.pk: c for c in coverages}.values())
    errors.raise_if_any()
    return clean


def _validate_image(fields: dict[str, Any], clean: dict[str, Any], errors: _Errors) -> None:
    """The featured image (an uploaded Image or None) and its alt text."""
    if "image" in fields:
        image = fields["image"]
        if image is not None and not (isinstance(image, Image) and image.pk):
            errors.add("image", _("The image must be an uploaded image."))
        clean["image"] = image
    if "image_alt" in fields:
        alt = _clean_line(str(fields["image_alt"] or ""))
        if not alt and isinstance(clean.get("image"), Image):
            alt = _clean_line(clean["image"].alt)  # the image's own description
        if len(alt) > MAX_IMAGE_ALT:
            errors.add(
                "image_alt",
                _("Keep the alt text to %(limit)d characters (it has %(length)d).")
                % {"limit": MAX_IMAGE_ALT, "length": len(alt)},
            )
        clean["image_alt"] = alt
    if clean.get("image") is not None and "image_alt" in clean and not clean["image_alt"]:
        errors.add("image_alt", _image_needs_alt())


def _validate_image_words(fields: dict[str, Any], clean: dict[str, Any], errors: _Errors) -> None:
    """The caption and credit of the featured image: one line of plain text each."""
    limits = {"image_caption": MAX_IMAGE_CAPTION, "image_credit": MAX_IMAGE_CREDIT}
    for name, limit in limits.items():
        if name not in fields:
            continue
        value = _clean_line(str(fields[name] or ""))
        if len(value) > limit:
            message = (
                _("Keep the caption to %(limit)d characters (it has %(length)d).")
                if name == "image_caption"
                else _("Keep the credit to %(limit)d characters (it has %(length)d).")
            )
            errors.add(name, message % {"limit": limit, "length": len(value)})
        clean[name] = value


def _image_needs_alt() -> str:
    return _(
        "Describe the image in its alt text, for readers who cannot see it "
        "(what it shows that matters to the story)."
    )


def _validate_tags(raw: Iterable[str] | None, errors: _Errors) -> list[str]:
    names: dict[str, str] = {}
    for value in raw or []:
        name = _clean_line(str(value))
        if not name:
            continue
        if len(name) > MAX_TAG_LENGTH:
            errors.add(
                "tags",
                _("Keep each tag to %(limit)d characters: “%(start)s…”.")
                % {"limit": MAX_TAG_LENGTH, "start": name[:20]},
            )
            continue
        if not slugify(name, allow_unicode=True):
            errors.add(
                "tags", _("The tag “%(name)s” needs at least one letter or digit.") % {"name": name}
            )
            continue
        names.setdefault(name.casefold(), name)
    if len(names) > MAX_TAGS:
        errors.add("tags", _("An article can have at most %(limit)d tags.") % {"limit": MAX_TAGS})
    return list(names.values())


def _validate_sources(raw: Iterable[SourceInput] | None, errors: _Errors) -> list[SourceInput]:
    sources: list[SourceInput] = []
    styles = set(ArticleSource.QuoteStyle.values)
    for item in raw or []:
        outlet = _clean_line(item.outlet)
        url = item.url.strip()
        if not outlet:
            errors.add("sources", _("Each source needs the outlet's name."))
            continue
        if len(outlet) > 120:
            errors.add("sources", _("Keep an outlet's name to 120 characters."))
        if url and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
            errors.add("sources", _("Source URLs must start with http:// or https://."))
        elif any(c in url for c in '"<>'):
            # Never valid in a URL (RFC 3986), and the first step of markup or
            # an attribute break-out wherever the address is written.
            errors.add("sources", _("Enter the source's address without quotes or angle brackets."))
        if len(url) > 500:
            errors.add("sources", _("Source URLs can be at most 500 characters long."))
        if item.quote_style not in styles:
            errors.add(
                "sources",
                _("How a source is quoted must be one of: %(styles)s.")
                % {"styles": ", ".join(sorted(styles))},
            )
        sources.append(SourceInput(outlet=outlet, url=url, quote_style=item.quote_style))
    if len(sources) > MAX_SOURCES:
        errors.add(
            "sources",
            _("An article can quote at most %(limit)d sources.") % {"limit": MAX_SOURCES},
        )
    return sources


# Permissions ------------------------------------------------------------


def _system_only(user: Any, at: datetime | None) -> None:
    if at is not None and not is_system(user):
        raise PermissionDenied(_("Only imports may set the time of a change; people act now."))
    if at is not None and timezone.is_naive(at):
        raise ValueError("Times must be timezone-aware.")


# Writing ----------------------------------------------------------------


def _locked(article: Article, expected_version: int | None) -> Article:
    """Re-read the article inside the transaction, locked for writing."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _(
                "Someone else saved this article (version %(current)d) after you opened "
                "version %(opened)d. Reload it to see their changes before saving yours."
            )
            % {"current": current.version, "opened": expected_version},
            code="conflict",
        )
    return current


def _render(article: Article) -> None:
    # In the update's own language: the words the renderer adds ("Photo: ...").
    with translation.override(article.language or None):
        article.body_html = render_markdown(article.body)
    embeds.want(article.body_html)
    words = count_words(article.body_html) + count_words(article.lede)
    article.word_count = words
    article.reading_time = reading_time(words, count_images(article.body_html))


def _set_authors(article: Article, authors: Sequence[Author]) -> None:
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=author, position=i)
        for i, author in enumerate(authors)
    )


def _set_sources(article: Article, sources: Sequence[SourceInput]) -> None:
    ArticleSource.objects.filter(article=article).delete()
    ArticleSource.objects.bulk_create(
        ArticleSource(
            article=article,
            position=i,
            outlet=s.outlet,
            url=s.url,
            quote_style=s.quote_style,
        )
        for i, s in enumerate(sources)
    )


def _apply(article: Article, clean: dict[str, Any]) -> None:
    for name in ("headline", "lede", "body", "language", "is_breaking", "image", "image_alt"):
        if name in clean:
            setattr(article, name, clean[name])
    for name in ("image_caption", "image_credit"):
        if name in clean:
            setattr(article, name, clean[name])
    if article.image_id is None:
        article.image_alt = ""
        article.image_caption = ""
        article.image_credit = ""
    elif not article.image_alt and article.image is not None:
        # An image without alt text here: the image's own description, or refuse.
        article.image_alt = _clean_line(article.image.alt)[:MAX_IMAGE_ALT]
        if not article.image_alt:
            raise ValidationError({"image_alt": [ValidationError(_image_needs_alt())]})
    _render(article)


def _apply_relations(article: Article, clean: dict[str, Any], user: Any) -> None:
    if "tags" in clean:
        article.tags.set(tags_named(clean["tags"], user))
    if "authors" in clean:
        _set_authors(article, clean["authors"])
    if "sources" in clean:
        _set_sources(article, clean["sources"])
    if "coverages" in clean:
        _set_coverages(article, clean["coverages"])


def _set_coverages(article: Article, coverages: Sequence[Coverage]) -> None:
    """The live coverages the update belongs to. An ended coverage keeps the
    updates it has and takes no new ones."""
    current = set(article.coverages.values_list("pk", flat=True))
    wanted = {c.pk for c in coverages}
    ended = Coverage.objects.filter(pk__in=wanted - current, ended_at__isnull=False)
    titles = sorted(ended.values_list("title", flat=True))
    if titles:
        raise ValidationError(
            {
                "coverages": [
                    ValidationError(
                        _("The live coverage “%(title)s” has ended: it takes no new updates.")
                        % {"title": titles[0]},
                        code="ended",
                    )
                ]
            }
        )
    article.coverages.set(Coverage.objects.filter(pk__in=wanted))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def snapshot(article: Article) -> dict[str, Any]:
    """Everything a reader or editor could see of the article, as JSON."""
    return {
        "headline": article.headline,
        "slug": article.slug,
        "lede": article.lede,
        "body": article.body,
        "status": article.status,
        "language": article.language,
        "translation_of": article.translation_of_id,
        "is_breaking": article.is_breaking,
        "is_pinned": article.is_pinned,
        "published_at": _iso(article.published_at),
        "updated_at": _iso(article.updated_at),
        "version": article.version,
        "tags": [t.name for t in article.tags.all()],
        "authors": [b.author.slug for b in article.bylines.select_related("author")],
        "sources": [
            {"outlet": s.outlet, "url": s.url, "quote_style": s.quote_style}
            for s in article.sources.all()
        ],
        "image": _image(article),
        "coverages": [c.slug for c in article.coverages.all()],
    }


def _image(article: Article) -> dict[str, Any] | None:
    """The featured image: id, URLs, size and this article's alt text,
    caption and credit."""
    if article.image_id is None or article.image is None:
        return None
    return {
        **article.image.as_json(article.image_alt),
        "caption": article.image_caption,
        "credit": article.image_credit,
    }


def event_payload(article: Article) -> dict[str, Any]:
    """What readers and partners are told about an article in an event."""
    if not article.is_published:
        return {"id": article.pk, "slug": article.slug, "url": article.get_absolute_url()}
    return {
        "id": article.pk,
        "slug": article.slug,
        "url": article.get_absolute_url(),
        "headline": article.headline,
        "lede": article.lede,
        "published_at": _iso(article.published_at),
        "updated_at": _iso(article.updated_at),
        "reading_time": article.reading_time,
        "is_breaking": article.is_breaking,
        "is_pinned": article.is_pinned,
        "language": article.language,
        "tags": [{"name": t.name, "slug": t.slug} for t in article.tags.all()],
        "image": _image(article),
        "coverages": [
            {"slug": c.slug, "title": c.title, "url": c.get_absolute_url()}
            for c in article.coverages.all()
        ],
        "version": article.version,
    }


def _record(
    article: Article,
    action: str,
    event_type: str,
    user: Any,
    extra: dict[str, Any] | None = None,
) -> None:
    """Write the revision and the outbox event for a change just saved."""
    number = (article.revisions.order_by("-number").values_list("number", flat=True).first()) or 0
    Revision.objects.create(
        article=article,
        number=number + 1,
        action=action,
        created_at=timezone.now(),
        created_by=None if is_system(user) else user,
        snapshot=snapshot(article),
    )
    payload = event_payload(article)
    if extra:
        payload.update(extra)
    outbox.emit(event_type, article, payload)
    _audit(article, action, user, extra or {})


# Article actions worth an audit entry, by the name the actions give them.
AUDITED = {
    "publish": audit.Action.PUBLISH,
    "schedule": audit.Action.SCHEDULE,
    "correct": audit.Action.CORRECT,
    "unpublish": audit.Action.UNPUBLISH,
    "pin": audit.Action.PIN,
    "unpin": audit.Action.UNPIN,
    "restore": audit.Action.RESTORE,
    "send_back": audit.Action.SEND_BACK,
}


def _audit(article: Article, action: str, user: Any, extra: dict[str, Any]) -> None:
    kind = AUDITED.get(action)
    if kind is None:
        return
    detail: dict[str, Any] = {"article": article.pk, "version": article.version}
    if "correction" in extra:
        detail["note"] = extra["correction"]["text"][:500]
    for key in ("publish_at", "revision"):
        if key in extra:
            detail[key] = extra[key]
    audit.record(
        kind,
        actor=user,
        target=f"{article.headline} ({article.get_absolute_url()})",
        detail=detail,
    )


# The actions ------------------------------------------------------------


def create_draft(
    *,
    headline: str,
    lede: str = "",
    body: str = "",
    tags: Iterable[str] = (),
    authors: Iterable[Author] = (),
    sources: Iterable[SourceInput] = (),
    is_breaking: bool = False,
    language: str | None = None,
    slug: str = "",
    image: Image | None = None,
    image_alt: str = "",
    image_caption: str = "",
    image_credit: str = "",
    translation_of: Article | None = None,
    coverages: Iterable[Coverage] = (),
    user: Any = None,
) -> Article:
    """Create an unpublished article (``translation_of``: see ``translations.translate``;
    ``coverages``: the open live coverages it joins)."""
    check(user, "article.create")
    if is_breaking:
        check(user, "article.breaking")
    clean = _validate(
        {
            "headline": headline,
            "lede": lede,
            "body": body,
            "tags": list(tags),
            "authors": list(authors),
            "sources": list(sources),
            "is_breaking": is_breaking,
            "language": language or languages.default_language(),
            "image": image,
            "image_alt": image_alt,
            "image_caption": image_caption,
            "image_credit": image_credit,
            "coverages": list(coverages),
        }
    )
    base = slug_from_headline(slug or clean["headline"])
    for _attempt in range(5):
        try:
            with transaction.atomic():
                article = Article(slug=unique_slug(base), translation_of=translation_of)
                _apply(article, clean)
                article.save()
                _apply_relations(article, clean, user)
                _record(article, "create", Event.Type.DRAFT_CREATED, user)
                return article
        except IntegrityError:
            # Two drafts raced for the same slug; the loser picks the next one.
            continue
    raise ValidationError(_("Could not find a free URL for this headline; try another."))


UPDATABLE = frozenset(
    {"headline", "lede", "body", "tags", "authors", "sources", "is_breaking", "language"}
    | {"image", "image_alt", "coverages"}
    | {"image_caption", "image_credit"}
)


def update(
    article: Article,
    *,
    user: Any = None,
    expected_version: int | None = None,
    **changes: Any,
) -> Article:
    """Change a draft, or make a minor edit to a published article ("Updated").

    Changes to what a published article says that readers must be told about
    go through :func:`correct` instead.
    """
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise TypeError(f"update() cannot change {', '.join(sorted(unknown))}.")
    return _update(article, user, expected_version, changes, "update", {})


def _update(
    article: Article,
    user: Any,
    expected_version: int | None,
    changes: dict[str, Any],
    action: str,
    extra: dict[str, Any],
) -> Article:
    with transaction.atomic():
        article = _locked(article, expected_version)
        # Whose article it is comes first: a refusal says nothing of the input.
        check(user, f"article.{'restore' if action == 'restore' else 'edit'}", article)
        if languages.same(str(changes.get("language") or ""), article.language):
            # Unchanged: an older update keeps a language the site has since dropped.
            changes = {k: v for k, v in changes.items() if k != "language"}
        clean = _validate(changes)
        if "is_breaking" in clean and clean["is_breaking"] != article.is_breaking:
            check(user, "article.breaking", article)
        _apply(article, clean)
        if "headline" in clean and _follows_headline(article):
            article.slug = unique_slug(slug_from_headline(article.headline), exclude_pk=article.pk)
        article.version += 1
        if article.is_published and set(clean) - {"coverages"}:
            # Joining or leaving a live coverage is not a change readers
            # are told of as "Updated".
            article.updated_at = timezone.now()
        article.save()
        _apply_relations(article, clean, user)
        event = Event.Type.UPDATED if article.is_published else Event.Type.DRAFT_UPDATED
        _record(article, action, event, user, extra)
    return article


def _follows_headline(article: Article) -> bool:
    """A translation starts as a copy of the original's headline, and its slug
    with it: until it is first published, its slug follows its own headline."""
    return (
        article.translation_of_id is not None
        and article.published_at is None
        and article.status in (Article.Status.DRAFT, Article.Status.REVIEW)
    )


def restore(
    article: Article,
    *,
    number: int,
    user: Any = None,
    expected_version: int | None = None,
    note: str = "",
) -> Article:
    """Make an earlier revision's text current again, as a new revision.

    A published update corrected since that revision would get its corrected
    text back: that is refused unless a correction ``note`` says so to
    readers, and then the restore is a correction (in the history too).
    """
    found = Revision.objects.filter(article=article, number=number).first()
    if found is None:
        raise ValidationError(_("This article has no revision %(n)d.") % {"n": number})
    snap = found.snapshot
    by_slug = Author.objects.in_bulk(snap.get("authors", []), field_name="slug")
    changes = {
        "headline": snap["headline"],
        "lede": snap.get("lede", ""),
        "body": snap.get("body", ""),
        "tags": snap.get("tags", []),
        "authors": [by_slug[s] for s in snap.get("authors", []) if s in by_slug],
        "sources": [SourceInput(**s) for s in snap.get("sources", [])],
    }
    with transaction.atomic():
        current = _locked(article, expected_version)
        corrected = current.is_published and (
            Correction.objects.filter(article=current, created_at__gt=found.created_at).exists()
        )
        if not corrected:
            extra = {"revision": number}
            return _update(current, user, expected_version, changes, "restore", extra)
        if not _clean_text(note):
            check(user, "article.correct", current)
            raise ValidationError(
                {
                    "note": [
                        ValidationError(
                            _(
                                "This update was corrected after revision %(n)d, so restoring "
                                "it would undo the correction. Write a correction note to "
                                "publish the restore as a correction."
                            )
                            % {"n": number},
                            code="correction_needed",
                        )
                    ]
                }
            )
        correct(current, note=note, user=user, expected_version=expected_version,
                restored_from=number, **changes)  # fmt: skip
        current.refresh_from_db()
        return current


def publish(
    article: Article,
    *,
    user: Any = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Article:
    """Make the article public now.

    ``published_at`` never goes backwards: a new publication always sorts
    first, which is what lets readers page the feed by (published_at, id)
    without ever seeing an update twice or missing one. Only the system
    (imports, the demo loader) may give an earlier time with ``at``.
    """
    check(user, "article.publish")
    _system_only(user, at)
    with transaction.atomic():
        article = _locked(article, expected_version)
        if article.is_published:
            raise ValidationError(_("This article is already published."), code="state")
        errors = _Errors()
        if not article.headline:
            errors.add("headline", _("A headline is required."))
        if not (article.lede or article.body):
            errors.add("body", _("An update needs a lede or a body before it can be published."))
        errors.raise_if_any()
        now = timezone.now()
        if at is not None:
            article.published_at = at
        elif article.published_at is None or article.status == Article.Status.SCHEDULED:
            # A scheduled article's published_at holds the time it was due;
            # it goes out now, after everything already public.
            latest = (
                Article.published.order_by("-published_at")
                .values_list("published_at", flat=True)
                .first()
            )
            article.published_at = max(now, latest) if latest else now
        else:
            article.updated_at = now  # republished after being withdrawn
        article.status = Article.Status.PUBLISHED
        article.version += 1
        article.save()
        _record(article, "publish", Event.Type.PUBLISHED, user)
    return article


def unpublish(
    article: Article, *, user: Any = None, expected_version: int | None = None
) -> Article:
    """Withdraw a published article: its page answers 410 Gone."""
    check(user, "article.unpublish")
    with transaction.atomic():
        article = _locked(article, expected_version)
        if not article.is_published:
            raise ValidationError(_("Only a published article can be unpublished."), code="state")
        article.status = Article.Status.UNPUBLISHED
        article.is_pinned = False
        article.pinned_at = None
        article.version += 1
        article.save()
        _record(article, "unpublish", Event.Type.UNPUBLISHED, user)
    return article


def correct(
    article: Article,
    *,
    note: str,
    user: Any = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    restored_from: int | None = None,
    **changes: Any,
) -> Correction:
    """Publish a correction: a public note on the article, with the fix itself
    (``restored_from``: the fix is that revision's text, see :func:`restore`)."""
    check(user, "article.correct")
    _system_only(user, at)
    editable = {"headline", "lede", "body", "tags", "sources", "authors", "image", "image_alt"}
    editable |= {"image_caption", "image_credit"}
    unknown = set(changes) - editable
    if unknown:
        raise TypeError(f"correct() cannot change {', '.join(sorted(unknown))}.")
    text = _clean_text(note)
    errors = _Errors()
    if not text:
        errors.add("note", _("A correction needs a public note explaining what changed."))
    elif len(text) > MAX_CORRECTION:
        errors.add(
            "note",
            _("Keep the correction note to %(limit)s characters.")
            % {"limit": number_format(MAX_CORRECTION, force_grouping=True)},
        )
    errors.raise_if_any()
    clean = _validate(changes)
    with transaction.atomic():
        article = _locked(article, expected_version)
        if not article.is_published:
            raise ValidationError(
                _("Only published articles take corrections; edit the draft instead."),
                code="state",
            )
        now = at or timezone.now()
        _apply(article, clean)
        article.updated_at = now
        article.version += 1
        article.save()
        _apply_relations(article, clean, user)
        correction = Correction.objects.create(
            article=article,
            created_at=now,
            text=text,
            created_by=user if user is not None and user.pk else None,
        )
        extra: dict[str, Any] = {"correction": {"text": text, "created_at": now.isoformat()}}
        if restored_from is not None:
            extra["revision"] = restored_from
        _record(article, "correct", Event.Type.CORRECTED, user, extra)
    return correction


def pin(article: Article, *, user: Any = None, expected_version: int | None = None) -> Article:
    """Pin a published article to the top of the News Feed (one at a time)."""
    check(user, "article.pin")
    with transaction.atomic():
        article = _locked(article, expected_version)
        if not article.is_published:
            raise ValidationError(_("Only a published article can be pinned."), code="state")
        if article.is_pinned:
            return article
        for other in Article.objects.select_for_update().filter(is_pinned=True):
            _unpin_locked(other, user)
        article.is_pinned = True
        article.pinned_at = timezone.now()
        article.version += 1
        article.save()
        _record(article, "pin", Event.Type.PINNED, user)
    return article


def _unpin_locked(article: Article, user: Any) -> None:
    article.is_pinned = False
    article.pinned_at = None
    article.version += 1
    article.save()
    _record(article, "unpin", Event.Type.UNPINNED, user)


def unpin(article: Article, *, user: Any = None, expected_version: int | None = None) -> Article:
    check(user, "article.pin")
    with transaction.atomic():
        article = _locked(article, expected_version)
        if article.is_pinned:
            _unpin_locked(article, user)
    return article


def submit(article: Article, *, user: Any = None, expected_version: int | None = None) -> Article:
    """Hand a draft to the editors: draft -> review."""
    with transaction.atomic():
        article = _locked(article, expected_version)
        check(user, "article.submit", article)
        if article.status == Article.Status.REVIEW:
            raise ValidationError(_("This article is already in review."), code="state")
        if article.status != Article.Status.DRAFT:
            raise ValidationError(_("Only a draft can be submitted for review."), code="state")
        article.status = Article.Status.REVIEW
        article.version += 1
        article.save()
        _record(article, "submit", Event.Type.DRAFT_UPDATED, user, {"status": article.status})
    return article


def schedule(
    article: Article,
    *,
    publish_at: datetime,
    user: Any = None,
    expected_version: int | None = None,
) -> Article:
    """Publish the article at a future time (status scheduled).

    While it waits, ``published_at`` holds the time it is due; :func:`publish_due`
    publishes it then, and it takes its place in the feed by the ordinary rule
    (after everything already public). A scheduled article can be rescheduled,
    edited, or published at once.
    """
    check(user, "article.schedule")
    if timezone.is_naive(publish_at):
        raise ValueError("Times must be timezone-aware.")
    with transaction.atomic():
        article = _locked(article, expected_version)
        if article.status not in (
            Article.Status.DRAFT,
            Article.Status.REVIEW,
            Article.Status.SCHEDULED,
        ):
            raise ValidationError(
                _("Only a draft or an article in review can be scheduled."), code="state"
            )
        errors = _Errors()
        if publish_at <= timezone.now():
            errors.add("publish_at", _("Choose a time in the future, or publish now instead."))
        if not (article.lede or article.body):
            errors.add("body", _("An update needs a lede or a body before it can be published."))
        errors.raise_if_any()
        article.status = Article.Status.SCHEDULED
        article.published_at = publish_at
        article.version += 1
        article.save()
        _record(
            article,
            "schedule",
            Event.Type.DRAFT_UPDATED,
            user,
            {"status": article.status, "publish_at": publish_at.isoformat()},
        )
    return article


def publish_due(now: datetime, *, limit: int = 100) -> list[Article]:
    """Publish every scheduled article whose time has come (the system acts).

    Safe to run from several workers at once: each article is re-read locked
    and published only if it is still scheduled and due. One that can no
    longer be published (its lede and body were emptied since) goes back to
    review, with a revision and an event saying why, instead of failing on
    every pass.
    """
    due = list(
        Article.objects.filter(status=Article.Status.SCHEDULED, published_at__lte=now)
        .order_by("published_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    done = []
    for pk in due:
        with transaction.atomic():
            current = (
                Article.objects.select_for_update()
                .filter(pk=pk, status=Article.Status.SCHEDULED, published_at__lte=now)
                .first()
            )
            if current is None:  # another worker got there first, or it was changed
                continue
            try:
                with transaction.atomic():
                    done.append(publish(current))
            except ValidationError as exc:
                log.warning("scheduled article %s cannot be published: %s", pk, exc.messages)
                current.status = Article.Status.REVIEW
                current.published_at = None
                current.version += 1
                current.save()
                _record(
                    current,
                    "unschedule",
                    Event.Type.DRAFT_UPDATED,
                    None,
                    {"status": current.status, "reason": " ".join(exc.messages)},
                )
    return done

"""The newsroom's domain: articles, the people and sources behind them, and
the outbox of events that every other part of newsdesk follows.

Nothing outside ``newsdesk.news.actions`` writes Article, Revision, Correction
or Event rows; read models freely, change them through an action.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def public_url(section: str, slug: str) -> str:
    """``/news/<slug>/``, ``/tag/<slug>/``, ``/author/<slug>/``.

    What ``reverse()`` returns for these routes (a test holds the two equal),
    built directly: a feed page asks for about eighty of them, and reverse()
    was a third of its rendering time.
    """
    return f"{get_script_prefix()}{section}/{quote(slug, safe='')}/"


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    bio = models.TextField(_("bio"), blank=True, max_length=1000)
    # Through the image pipeline (newsdesk/images): cleaned, renditions, no EXIF.
    avatar = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("avatar"),
    )
    contact = models.CharField(
        _("public contact line"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the author card, e.g. how to reach the desk securely."),
    )
    email = models.EmailField(_("public e-mail"), max_length=200, blank=True)
    signal = models.CharField(
        _("Signal"), max_length=64, blank=True, help_text=_("A Signal number or username.")
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_url("author", self.slug)

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or "?"


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return public_url("tag", self.slug)


class OldSlug(models.Model):
    """A tag's or an author's earlier slug: its old URL answers 301 to the new one."""

    class Kind(models.TextChoices):
        TAG = "tag", _("tag")
        AUTHOR = "author", _("author")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    slug = models.CharField(max_length=140)
    # The record's id; kept even when a merge deleted the tag it pointed to,
    # which is why this is no foreign key: a merge moves it on instead.
    target_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="unique_old_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug} -> {self.target_id}"


class PublishedManager(models.Manager["Article"]):
    def get_queryset(self) -> models.QuerySet[Article]:
        return super().get_queryset().filter(status=Article.Status.PUBLISHED)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    lede = models.TextField(_("lede"), blank=True, max_length=600)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The last public change (minor edit or correction) after publication;
    # shown to readers as "Updated".
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)
    is_breaking = models.BooleanField(_("breaking"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    pinned_at = models.DateTimeField(null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=16, default="en")
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )
    # Increases with every saved change; a save that names an older version is
    # refused instead of overwriting someone else's work.
    version = models.PositiveIntegerField(default=1, editable=False)
    authors: models.ManyToManyField[Author, ArticleAuthor] = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", blank=True
    )
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True)
    # The featured image (newsdesk/images) and the alt text it has here.
    image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured image"),
    )
    image_alt = models.CharField(_("image alt text"), max_length=300, blank=True)
    # This use of the image: the caption under it and the photographer's credit.
    image_caption = models.CharField(_("image caption"), max_length=500, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    # The update this one translates (the first of its group): an update and
    # its translations are the original and every article pointing at it.
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        verbose_name=_("translation of"),
    )

    objects = models.Manager()
    published: ClassVar[PublishedManager] = PublishedManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # The News Feed and its keyset pagination: newest first. Not a
            # partial index: SQLite only uses one when the query spells the
            # condition as a literal, and Django binds it as a parameter.
            models.Index(fields=["status", "-published_at", "-id"], name="article_feed_idx"),
            models.Index(fields=["-pinned_at"], name="article_pinned_idx"),
            models.Index(fields=["status", "-modified_at"], name="article_desk_idx"),
            # The desk's list of everything, newest change first, by keyset.
            models.Index(fields=["-modified_at", "-id"], name="article_changed_idx"),
        ]
        permissions = [
            ("publish_article", "Can publish, unpublish and schedule articles"),
            ("correct_article", "Can publish corrections"),
            ("pin_article", "Can pin articles and mark them breaking"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return public_url("news", self.slug)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Coverage(models.Model):
    """A live coverage: one running story's page at ``/live/<slug>/``, with
    the key points the desk keeps current and the updates added to it.

    An update may belong to several coverages. Once ended, a coverage is
    frozen: it keeps its updates and refuses new ones until reopened.
    """

    title = models.CharField(_("title"), max_length=200)
    # Stable once opened: readers, feeds and the live stream follow it.
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    key_points = models.TextField(_("key points (Markdown)"), blank=True)
    key_points_html = models.TextField(blank=True, editable=False)
    language = models.CharField(_("language"), max_length=16, default="en")
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    image_alt = models.CharField(_("image alt text"), max_length=300, blank=True)
    # The coverage's own pinned update (one of its published updates).
    pinned = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("pinned update"),
    )
    articles = models.ManyToManyField(
        Article, related_name="coverages", blank=True, verbose_name=_("updates")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverages")
        indexes = [models.Index(fields=["ended_at", "-started_at"], name="coverage_open_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return public_url("live", self.slug)

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_byline"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} by {self.author_id}"


class ArticleSource(models.Model):
    class QuoteStyle(models.TextChoices):
        AS_QUOTED_BY = "as quoted by", _("as quoted by")
        ACCORDING_TO = "according to", _("according to")
        REPORTED_BY = "reported by", _("reported by")
        CITING = "citing", _("citing")
        VIA = "via", _("via")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(default=0)
    outlet = models.CharField(_("outlet"), max_length=120)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    quote_style = models.CharField(
        _("how it is quoted"),
        max_length=20,
        choices=QuoteStyle.choices,
        default=QuoteStyle.AS_QUOTED_BY,
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_quote_style_display()} {self.outlet}"


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    created_at = models.DateTimeField(_("time"))
    text = models.TextField(_("correction"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Note(models.Model):
    """A desk-only note on an article: review feedback, a question, a reminder.

    Never shown to readers, never in a feed or the API's public side. A note
    sent with "Send back" says why an update went back to its writer.
    """

    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        SENT_BACK = "sent_back", _("sent back")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    created_at = models.DateTimeField(_("time"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("note"), max_length=2000)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Revision(models.Model):
    """A snapshot of an article after one saved change."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    snapshot = models.JSONField()

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number} {self.action}"


class Event(models.Model):
    """The outbox: one row per change, ids strictly increasing.

    Written in the same transaction as the change it describes; delivered
    (live stream, feeds, webhooks...) only after that transaction commits.
    """

    class Type(models.TextChoices):
        DRAFT_CREATED = "article.draft_created"
        DRAFT_UPDATED = "article.draft_updated"
        PUBLISHED = "article.published"
        UPDATED = "article.updated"
        CORRECTED = "article.corrected"
        UNPUBLISHED = "article.unpublished"
        PINNED = "article.pinned"
        UNPINNED = "article.unpinned"
        NOTE_ADDED = "article.note_added"
        AUTHOR_CREATED = "author.created"
        AUTHOR_UPDATED = "author.updated"
        TAG_CREATED = "tag.created"
        TAG_UPDATED = "tag.updated"
        TAG_MERGED = "tag.merged"
        SITE_UPDATED = "site.updated"
        ACCOUNT_CREATED = "account.created"
        ACCOUNT_UPDATED = "account.updated"
        COVERAGE_OPENED = "coverage.opened"
        COVERAGE_UPDATED = "coverage.updated"
        COVERAGE_ENDED = "coverage.ended"

    PUBLIC_TYPES: ClassVar[frozenset[str]] = frozenset(
        {
            Type.PUBLISHED,
            Type.UPDATED,
            Type.CORRECTED,
            Type.UNPUBLISHED,
            Type.PINNED,
            Type.UNPINNED,
            # What readers see of the newsroom's records: names, bios, tag
            # pages, the site's name. A new author or tag is seen only once
            # an article carries it, and that article's event says so.
            Type.AUTHOR_UPDATED,
            Type.TAG_UPDATED,
            Type.TAG_MERGED,
            Type.SITE_UPDATED,
            # A live coverage's page: opened, its key points, ended.
            Type.COVERAGE_OPENED,
            Type.COVERAGE_UPDATED,
            Type.COVERAGE_ENDED,
        }
    )

    id = models.BigAutoField(primary_key=True)
    type = models.CharField(max_length=40, choices=Type.choices)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    public = models.BooleanField(default=False)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(db_index=True)
    #: The request that caused it (``X-Request-ID``), so the worker's logs of
    #: what it delivers name the same id; never sent to readers.
    #: Nullable so that adding it is a plain ALTER TABLE on a large outbox.
    request_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["public", "id"], name="event_public_idx")]

    def __str__(self) -> str:
        return f"#{self.id} {self.type}"


class OutboxHorizon(models.Model):
    """One row: the highest event id pruned so far.

    A live reader resuming from an id at or below it has missed events that
    no longer exist, and is told to reload instead.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    pruned_through = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"events pruned through #{self.pruned_through}"


class AuditEntry(models.Model):
    """Who did what: written by the actions in the change's own transaction
    (and by the desk for sign-ins); kept for good, unlike the outbox."""

    class Action(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("failed sign-in")
        LOGIN_THROTTLED = "login_throttled", _("sign-in throttled")
        LOGOUT = "logout", _("signed out")
        SECOND_FACTOR = "second_factor", _("second factor changed")
        PASSWORD = "password", _("password changed")
        PUBLISH = "publish", _("published")
        SCHEDULE = "schedule", _("scheduled")
        CORRECT = "correct", _("corrected")
        UNPUBLISH = "unpublish", _("unpublished")
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")
        RESTORE = "restore", _("restored a revision")
        SEND_BACK = "send_back", _("sent back to the writer")
        TRANSLATE = "translate", _("started a translation")
        IMPORT = "import", _("imported an archive")
        ROLE = "role", _("role changed")
        SETTINGS = "settings", _("site settings changed")
        AUTHOR = "author", _("author changed")
        TAG = "tag", _("tag changed")
        ACCOUNT = "account", _("account changed")
        COVERAGE = "coverage", _("live coverage changed")
        TIP = "tip", _("tip opened or handled")

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept even if the account is deleted later.
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    target = models.CharField(max_length=300, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        # The table kept its name when the log moved here from the desk.
        db_table = "desk_auditentry"
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"


class LegacyUrl(models.Model):
    """An address an imported article had on the platform it came from
    (``/2026/11/07/ferry-resumes/``, ``/?p=123``): it answers 301 to the
    article's page here (``public.views.not_found``)."""

    path = models.CharField(max_length=500, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="legacy_urls")
    source = models.CharField(max_length=20)

    def __str__(self) -> str:
        return f"{self.path} -> {self.article_id}"


class EmbedPreview(models.Model):
    """What a card shows of an embedded post before the reader loads it.

    A cache, not content: the actions note the posts a body embeds (status
    pending), the worker fetches each one's oEmbed answer or page metadata
    through the SSRF guard after the change has committed, and keeps only
    plain text (``news/embeds.py``). Pages show the card with or without it.
    """

    class Status(models.TextChoices):
        # Never shown to anyone: the worker's bookkeeping.
        PENDING = "pending", "pending"
        FETCHED = "fetched", "fetched"
        FAILED = "failed", "failed"

    url = models.CharField(max_length=500, unique=True)
    provider = models.CharField(max_length=20)
    text = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.url

"""The wire desk's tables: sources to poll, the items they carried, stories.

The schedule lives on the source row (``next_check_at`` is the queue: the
worker claims due rows by moving it forward, see ``fetch.claim_due``).
Every text column has a cap; ingest cuts values to it before saving.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

URL_MAX = 2000
TITLE_MAX = 500
SUMMARY_MAX = 4000
TEXT_MAX = 100_000
AUTHOR_MAX = 300
ERROR_MAX = 1000
EXTERNAL_ID_MAX = 2000


class Source(models.Model):
    class Kind(models.TextChoices):
        RSS = "rss", _("RSS")
        ATOM = "atom", _("Atom")
        JSONFEED = "jsonfeed", _("JSON Feed")
        HTML = "html", _("HTML page")
        SITEMAP = "sitemap", _("News sitemap")

    class State(models.TextChoices):
        NEW = "new", _("Not fetched yet")
        OK = "ok", _("OK")
        FAILING = "failing", _("Failing")
        GONE = "gone", _("Gone (410)")

    url = models.URLField(max_length=URL_MAX, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.RSS)
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    site_url = models.URLField(max_length=URL_MAX, blank=True)
    # Used for attribution in drafts: "according to <outlet>".
    outlet = models.CharField(max_length=200, blank=True)

    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    state = models.CharField(max_length=16, choices=State.choices, default=State.NEW)
    error_count = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=ERROR_MAX, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    # What the last read left out and why ("2 entries were left out: ..."),
    # empty when it took everything; shown beside the state.
    notice = models.CharField(max_length=ERROR_MAX, blank=True)
    next_check_at = models.DateTimeField(default=timezone.now, db_index=True)
    interval_seconds = models.PositiveIntegerField(default=900)

    # A permanent redirect is stored here and becomes ``url`` only once a
    # fetch of the target has worked; the previous URL is kept for the record.
    pending_url = models.URLField(max_length=URL_MAX, blank=True)
    redirected_from = models.URLField(max_length=URL_MAX, blank=True)

    item_count = models.PositiveIntegerField(default=0)
    # Paused sources are not polled by the worker (nor by `wire poll --all`);
    # the desk's Refresh still reads them on request.
    paused = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["outlet", "url"]

    def __str__(self) -> str:
        return self.outlet or self.title or self.url

    @property
    def name(self) -> str:
        return self.outlet or self.title or self.url


class Story(models.Model):
    """Items about the same event, grouped by the similarity engine."""

    title = models.CharField(max_length=TITLE_MAX, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    item_count = models.PositiveIntegerField(default=0)
    #: When enough outlets reported it within the window (spreading.py).
    spreading_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class WireItem(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        USED = "used", _("Used")
        DISMISSED = "dismissed", _("Dismissed")

    # Empty only for an item kept after its source was deleted (it was used in
    # a draft); ``outlet`` then keeps the source's name.
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    outlet = models.CharField(max_length=200, blank=True)
    external_id = models.CharField(max_length=EXTERNAL_ID_MAX)
    url = models.URLField(max_length=URL_MAX, blank=True)
    canonical_url = models.URLField(max_length=URL_MAX, blank=True)
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    summary = models.TextField(max_length=SUMMARY_MAX, blank=True)
    text = models.TextField(max_length=TEXT_MAX, blank=True)
    author = models.CharField(max_length=AUTHOR_MAX, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    first_seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    version = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64, blank=True)
    is_deleted = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    used_article = models.ForeignKey(
        "news.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Filled by the similarity engine (newsdesk/wire/similarity.py).
    minhash = models.BinaryField(null=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="wire_item_unique_id")
        ]
        indexes = [models.Index(fields=["source", "canonical_url"], name="wire_item_canonical")]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def outlet_name(self) -> str:
        """Who published it: its source's name, or the one kept when the source went."""
        if self.source is not None:
            return self.source.name
        try:
            host = urlsplit(self.url).hostname or ""
        except ValueError:
            host = ""
        return self.outlet or host


class WireItemVersion(models.Model):
    """An earlier text of an item that has since changed."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    summary = models.TextField(max_length=SUMMARY_MAX, blank=True)
    text = models.TextField(max_length=TEXT_MAX, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="wire_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class ItemBand(models.Model):
    """One LSH band bucket of an item's MinHash (filled by the similarity engine)."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    bucket = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["band", "bucket"], name="wire_band_bucket")]

    def __str__(self) -> str:
        return f"{self.item_id} band {self.band}: {self.bucket}"


class PushSubscription(models.Model):
    """A WebSub subscription to the hub a source's feed advertises (push.py).

    The callback URL carries ``token`` (unguessable); every delivery must be
    signed with ``secret``. The row outlives its source while the hub is
    told to stop (``source`` empty, state ``unsubscribing``)."""

    class State(models.TextChoices):
        SUBSCRIBING = "subscribing", _("subscribing")
        ACTIVE = "active", _("active")
        UNSUBSCRIBING = "unsubscribing", _("unsubscribing")
        DENIED = "denied", _("refused by the hub")

    source = models.OneToOneField(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="push"
    )
    hub_url = models.URLField(max_length=URL_MAX)
    topic_url = models.URLField(max_length=URL_MAX)
    token = models.CharField(max_length=64, unique=True)
    secret = models.CharField(max_length=128)
    state = models.CharField(max_length=16, choices=State.choices, default=State.SUBSCRIBING)
    lease_seconds = models.PositiveIntegerField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    #: When the worker next asks the hub (subscribe, renew or unsubscribe).
    next_request_at = models.DateTimeField(null=True, blank=True, db_index=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=ERROR_MAX, blank=True)
    last_delivery_at = models.DateTimeField(null=True, blank=True)
    deliveries = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.topic_url} via {self.hub_url} ({self.state})"

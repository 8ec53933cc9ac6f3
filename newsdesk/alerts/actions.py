"""The one door for subscriptions: every change of state goes through here.

The subscribe form, the signed links, the sender and the desk call these;
nothing else writes ``Subscription``. Nothing is sent to an address but its
confirmation until it is confirmed; whether an address was known already,
the form's answer is the same (no address enumeration): a confirmed address
is sent a link to manage its subscription instead of a confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.news.models import Tag

from .models import Alert, Message, Subscription, new_key

#: At most one confirmation (or manage link) to an address in this time.
RESEND_AFTER = timedelta(minutes=10)
HOURS = range(24)
State = Subscription.State


def normalise(address: str) -> str:
    """Trimmed and lower-cased, checked as an address (no header tricks)."""
    value = address.strip().lower()
    if len(value) > 254 or any(c in value for c in "\r\n,;<>"):
        raise ValidationError(_("Enter a valid e-mail address."), code="address")
    validate_email(value)
    return value


def _clean_choices(
    breaking: bool, digest: bool, digest_hour: int, tags: Iterable[str]
) -> tuple[int, list[Tag]]:
    errors: dict[str, str] = {}
    if not (breaking or digest):
        errors["breaking"] = _("Choose breaking updates, the daily digest or both.")
    if digest_hour not in HOURS:
        errors["digest_hour"] = _("Choose an hour from 0 to 23.")
    slugs = sorted(set(tags))
    found = list(Tag.objects.filter(slug__in=slugs))
    if len(found) != len(slugs):
        errors["tags"] = _("Choose tags from the list.")
    if errors:
        raise ValidationError(errors)
    return digest_hour, found


def subscribe(
    address: str,
    *,
    language: str,
    breaking: bool = True,
    digest: bool = False,
    digest_hour: int = 7,
    tags: Iterable[str] = (),
    now: datetime | None = None,
) -> Subscription:
    """Ask for alerts: a new or ended subscription waits for confirmation
    (its choices are saved now and apply once confirmed); a pending one gets
    its confirmation again; a confirmed one keeps its choices and is sent a
    link to change them. At most one message per address per RESEND_AFTER."""
    clean = normalise(address)
    hour, chosen = _clean_choices(breaking, digest, digest_hour, tags)
    now = now or timezone.now()
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().filter(address=clean).first()
        if sub is None:
            sub = Subscription(address=clean, created_at=now)
        confirmed = sub.state == State.CONFIRMED
        if not confirmed:
            if sub.state != State.PENDING:  # ended: start over, old links die
                sub.key = new_key()
                sub.created_at = now
            sub.state = State.PENDING
            sub.language = language
            sub.breaking, sub.digest, sub.digest_hour = breaking, digest, hour
            sub.confirmed_at = sub.ended_at = None
            sub.failures = 0
            sub.save()
            sub.tags.set(chosen)
        kind = Message.Kind.MANAGE if confirmed else Message.Kind.CONFIRM
        recent = sub.messages.filter(
            kind__in=[Message.Kind.CONFIRM, Message.Kind.MANAGE], created_at__gt=now - RESEND_AFTER
        ).exists()
        if not recent:
            Message.objects.create(subscription=sub, kind=kind, next_attempt_at=now, created_at=now)
    return sub


def confirm(sub: Subscription, now: datetime | None = None) -> Subscription:
    """A pending subscription becomes confirmed; anything else is unchanged."""
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=sub.pk)
        if sub.state == State.PENDING:
            sub.state = State.CONFIRMED
            sub.confirmed_at = now or timezone.now()
            sub.save(update_fields=["state", "confirmed_at"])
    return sub


def change(
    sub: Subscription,
    *,
    breaking: bool,
    digest: bool,
    digest_hour: int,
    tags: Iterable[str],
) -> Subscription:
    """New choices for a confirmed subscription (from its manage link)."""
    hour, chosen = _clean_choices(breaking, digest, digest_hour, tags)
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=sub.pk)
        if sub.state != State.CONFIRMED:
            raise ValidationError(_("This subscription has ended; subscribe again."), code="state")
        sub.breaking, sub.digest, sub.digest_hour = breaking, digest, hour
        sub.save(update_fields=["breaking", "digest", "digest_hour"])
        sub.tags.set(chosen)
    return sub


def _end(sub: Subscription, state: str, now: datetime | None) -> Subscription:
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=sub.pk)
        if sub.state in (State.PENDING, State.CONFIRMED):
            sub.state = state
            sub.ended_at = now or timezone.now()
            sub.save(update_fields=["state", "ended_at"])
            # Nothing more goes out: what was planned and not sent is dropped.
            sub.messages.filter(state=Message.State.PENDING).update(state=Message.State.SKIPPED)
    return sub


def unsubscribe(sub: Subscription, now: datetime | None = None) -> Subscription:
    """The reader's own choice: never mailed again (a new subscribe starts over)."""
    return _end(sub, State.UNSUBSCRIBED, now)


def delivered(subscription_ids: Iterable[int]) -> None:
    """A message was accepted: the count of permanent failures starts again."""
    Subscription.objects.filter(pk__in=list(subscription_ids), failures__gt=0).update(failures=0)


def failed_permanently(sub_id: int, now: datetime | None = None) -> bool:
    """The server refused for good (5xx): after NEWSDESK_ALERTS_MAX_FAILURES in a
    row the subscription is stopped. True when it was."""
    with transaction.atomic():
        sub = Subscription.objects.select_for_update().get(pk=sub_id)
        sub.failures += 1
        sub.save(update_fields=["failures"])
        if sub.failures < settings.NEWSDESK_ALERTS_MAX_FAILURES:
            return False
    _end(sub, State.STOPPED, now)
    return True


#: How long an ended subscription's address, and a sent message's record, are kept.
KEEP = timedelta(days=30)


def forget(now: datetime | None = None) -> int:
    """Delete what is no longer needed: subscriptions ended (or never
    confirmed) more than KEEP ago, with their messages, so an address is not
    kept after its owner left; sent, skipped and failed messages older than
    KEEP; and alerts left without messages. Returns how many subscriptions went."""
    now = now or timezone.now()
    before = now - KEEP
    ended = Subscription.objects.filter(
        state__in=[State.UNSUBSCRIBED, State.STOPPED], ended_at__lt=before
    ) | Subscription.objects.filter(state=State.PENDING, created_at__lt=before)
    _total, by_model = ended.delete()
    gone = by_model.get(Subscription._meta.label, 0)
    done = [Message.State.SENT, Message.State.SKIPPED, Message.State.FAILED]
    while ids := list(
        Message.objects.filter(state__in=done, created_at__lt=before).values_list("pk", flat=True)[
            :5000
        ]
    ):
        Message.objects.filter(pk__in=ids).delete()
    Alert.objects.filter(created_at__lt=before, planned=True, messages__isnull=True).delete()
    return gone

"""The messages themselves: subject, plain text and HTML from templates, and headers.

Every message is written in the subscription's language, links absolute
from ``NEWSDESK_SITE_URL``, and carries ``List-Unsubscribe`` with its
one-click ``List-Unsubscribe-Post`` (RFC 8058) and a Message-ID made from
the message's id, so a retry, or a resend after a crash, is recognisably the
same message. An alert's text is rendered once per language and reused for
every subscriber, with only the links and the address filled in for each.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from newsdesk.news.models import Article
from newsdesk.site import current

from . import tokens
from .models import Alert, Message, Subscription

#: Stand-ins for the per-subscriber links in a rendered alert (no template
#: filter changes them).
MANAGE_SLOT = "NEWSDESK-ALERTS-MANAGE-LINK"
UNSUBSCRIBE_SLOT = "NEWSDESK-ALERTS-UNSUBSCRIBE-LINK"


def absolute(path: str) -> str:
    return settings.NEWSDESK_SITE_URL + path


def host() -> str:
    return urlsplit(settings.NEWSDESK_SITE_URL).hostname or "localhost"


def message_id(message: Message) -> str:
    return f"<alert-{message.pk}@{host()}>"


@functools.cache
def _link_parts(name: str, site_url: str) -> tuple[str, str]:
    before, _token, after = reverse(f"alerts:{name}", args=["TOKEN"]).partition("TOKEN")
    return site_url + before, after


def _link(name: str, token: str) -> str:
    # reverse() once per link kind (and site address), then only the token changes.
    before, after = _link_parts(name, settings.NEWSDESK_SITE_URL)
    return before + token + after


def manage_url(sub: Subscription) -> str:
    return _link("manage", tokens.make(sub, "manage"))


def unsubscribe_url(sub: Subscription) -> str:
    return _link("unsubscribe", tokens.make(sub, "manage"))


#: Stand-ins for the recipient and the Message-ID in a prepared alert.
TO_SLOT = "x-newsdesk-alerts-to@alerts.invalid"
MESSAGE_ID_SLOT = "<x-newsdesk-alerts-message-id@alerts.invalid>"


class _Prepared:
    """What Django's backends ask of ``EmailMessage.message()``: the bytes."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.raw if linesep == "\r\n" else self.raw.replace(b"\r\n", linesep.encode())

    def get_charset(self) -> None:
        return None


class PreparedEmail(EmailMessage):
    """An alert's message, built once with stand-ins and filled in per
    subscriber, sent through Django's backend like any other message."""

    def __init__(self, raw: bytes, to: str) -> None:
        super().__init__(to=[to])
        self.raw = raw

    def message(self) -> Any:
        return _Prepared(self.raw)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _render(name: str, context: dict[str, Any], language: str) -> Rendered:
    with translation.override(language):
        site = current.load()
        full = {"site_name": site.name, "site_url": settings.NEWSDESK_SITE_URL, **context}
        subject = render_to_string(f"alerts/mail/{name}_subject.txt", full)
        return Rendered(
            subject=" ".join(subject.split())[:200],
            text=render_to_string(f"alerts/mail/{name}.txt", full),
            html=render_to_string(f"alerts/mail/{name}.html", full),
        )


def _build(
    rendered: Rendered, to: str, message_id: str, manage: str, unsubscribe: str
) -> EmailMultiAlternatives:
    def fill(text: str) -> str:
        return text.replace(MANAGE_SLOT, manage).replace(UNSUBSCRIBE_SLOT, unsubscribe)

    email = EmailMultiAlternatives(
        subject=rendered.subject,
        body=fill(rendered.text),
        to=[to],
        headers={
            "Message-ID": message_id,
            "List-Id": f"<alerts.{host()}>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(fill(rendered.html), "text/html")
    return email


def _local(value: str | None, zone: str) -> datetime | None:
    if not value:
        return None
    return timezone.localtime(datetime.fromisoformat(value), timezone=_zone(zone))


def _zone(name: str) -> Any:
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


class Composer:
    """Builds messages; keeps each alert's rendering per language (and tags)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Any, ...], Rendered | None] = {}
        self._raw: dict[Rendered, bytes] = {}
        self._site = current.load()

    def compose(self, message: Message) -> EmailMessage | None:
        """The e-mail for ``message``, or None when there is nothing to say
        (a digest of a day without updates for these tags)."""
        sub = message.subscription
        if message.kind == Message.Kind.CONFIRM:
            link = _link("confirm", tokens.make(sub, "confirm"))
            rendered = _render(
                "confirm",
                {"confirm_url": link, "hours": settings.NEWSDESK_ALERTS_CONFIRM_HOURS},
                sub.language,
            )
        elif message.kind == Message.Kind.MANAGE:
            rendered = _render("manage", {"manage_url": MANAGE_SLOT}, sub.language)
        else:
            assert message.alert is not None
            found = self._alert(message.alert, sub)
            if found is None:
                return None
            rendered = found
            if sub.address.isascii():
                return self._prepared(rendered, message)
        return _build(rendered, sub.address, message_id(message), *self._urls(sub))

    def _urls(self, sub: Subscription) -> tuple[str, str]:
        token = tokens.make(sub, "manage")
        return _link("manage", token), _link("unsubscribe", token)

    def _prepared(self, rendered: Rendered, message: Message) -> EmailMessage:
        """The alert's bytes built once per rendering; per subscriber only the
        address, the Message-ID and the two links change."""
        raw = self._raw.get(rendered)
        if raw is None:
            built = _build(rendered, TO_SLOT, MESSAGE_ID_SLOT, MANAGE_SLOT, UNSUBSCRIBE_SLOT)
            raw = built.message().as_bytes(linesep="\r\n")
            # Only where every stand-in came through the encoding untouched.
            whole = all(slot.encode() in raw for slot in (TO_SLOT, MESSAGE_ID_SLOT))
            encoded = (b"Transfer-Encoding: quoted-printable", b"Transfer-Encoding: base64")
            if not whole or any(e in raw for e in encoded):
                raw = b""
            self._raw[rendered] = raw
        sub = message.subscription
        manage, unsubscribe = self._urls(sub)
        if not raw:
            return _build(rendered, sub.address, message_id(message), manage, unsubscribe)
        filled = (
            raw.replace(TO_SLOT.encode(), sub.address.encode())
            .replace(MESSAGE_ID_SLOT.encode(), message_id(message).encode())
            .replace(MANAGE_SLOT.encode(), manage.encode())
            .replace(UNSUBSCRIBE_SLOT.encode(), unsubscribe.encode())
        )
        return PreparedEmail(filled, sub.address)

    def _alert(self, alert: Alert, sub: Subscription) -> Rendered | None:
        if alert.kind != Alert.Kind.DIGEST:
            key: tuple[Any, ...] = (alert.pk, sub.language)
            if key not in self._cache:
                self._cache[key] = self._update(alert, sub.language)
            return self._cache[key]
        slugs = tuple(sorted(t.slug for t in sub.tags.all()))
        key = (alert.pk, sub.language, slugs)
        if key not in self._cache:
            self._cache[key] = self._digest(alert, sub.language, slugs)
        return self._cache[key]

    def _links(self) -> dict[str, str]:
        return {"manage_url": MANAGE_SLOT, "unsubscribe_url": UNSUBSCRIBE_SLOT}

    def _update(self, alert: Alert, language: str) -> Rendered:
        payload = alert.payload
        context = {
            "alert": alert,
            "headline": payload.get("headline", ""),
            "lede": payload.get("lede", ""),
            "url": absolute(payload.get("url", "/")),
            "published_at": _local(payload.get("published_at"), self._site.time_zone),
            "correction": (payload.get("correction") or {}).get("text", ""),
            **self._links(),
        }
        return _render(alert.kind, context, language)

    def _digest(self, alert: Alert, language: str, slugs: tuple[str, ...]) -> Rendered | None:
        until = datetime.fromisoformat(alert.payload["until"])
        articles = Article.objects.filter(
            status=Article.Status.PUBLISHED,
            published_at__gte=until - timedelta(days=1),
            published_at__lt=until,
        )
        if slugs:
            articles = articles.filter(tags__slug__in=slugs).distinct()
        found = list(articles.order_by("-published_at", "-id")[:50])
        if not found:
            return None
        updates = [
            {
                "headline": a.headline,
                "lede": a.lede,
                "url": absolute(a.get_absolute_url()),
                "published_at": timezone.localtime(a.published_at, _zone(self._site.time_zone)),
                "is_breaking": a.is_breaking,
            }
            for a in found
        ]
        day = timezone.localtime(until, _zone(self._site.time_zone)).date()
        return _render("digest", {"updates": updates, "day": day, **self._links()}, language)

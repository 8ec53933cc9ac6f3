"""The webhooks consumer: one signed JSON POST per subscribed receiver per event.

The body is fixed when the delivery is planned, so every retry sends the
same bytes; each attempt is signed afresh with its own timestamp (see
``signing.py``). Receivers registered after an event was written do not get
it: a new webhook starts with the next event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings

from newsdesk.news.models import Event

from . import signing
from .consumers import Consumer, Planned
from .models import Delivery, Webhook

NAME = "webhooks"
CONTENT_TYPE = "application/json"


def body(event: Event) -> str:
    data: dict[str, Any] = dict(event.payload)
    if isinstance(data.get("url"), str) and data["url"].startswith("/"):
        data["url"] = settings.NEWSDESK_SITE_URL + data["url"]
    return json.dumps(
        {
            "id": event.id,
            "type": event.type,
            "created_at": event.created_at.isoformat(),
            "data": data,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def plan(events: Sequence[Event], now: datetime) -> list[Planned]:
    receivers = list(Webhook.objects.filter(active=True).order_by("id"))
    planned = []
    for event in events:
        wanted = [
            w for w in receivers if event.type in w.events and w.created_at <= event.created_at
        ]
        if wanted:
            text = body(event)
            planned += [
                Planned(event, f"webhook:{w.pk}", w.url, text, CONTENT_TYPE, webhook=w)
                for w in wanted
            ]
    return planned


def headers(delivery: Delivery, now: datetime) -> dict[str, str]:
    assert delivery.webhook is not None
    signed = signing.headers(delivery.webhook.secret, int(now.timestamp()), delivery.body.encode())
    return {**signed, "Newsdesk-Event": delivery.event_type, "Newsdesk-Delivery": str(delivery.pk)}


consumer = Consumer(NAME, plan, headers, guarded=True)

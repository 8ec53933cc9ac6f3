"""Subscribe, confirm, manage and unsubscribe, with real mail through a real SMTP server."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from newsdesk.alerts import sending, tokens
from newsdesk.alerts.models import Message, Subscription
from newsdesk.news.models import Article

from .sink import Received, Sink

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/alerts/(?:confirm|manage|unsubscribe)/[^/\s\"]+/)")


def links(mail: Received) -> list[str]:
    return LINK.findall(mail.part("plain"))


def subscribe(client: Client, address: str, **choices: str) -> Any:
    data = {"address": address, "breaking": "on", "digest_hour": "7", **choices}
    return client.post("/alerts/subscribe/", data)


def confirmed(client: Client, sink: Sink, address: str) -> Subscription:
    assert subscribe(client, address).status_code == 200
    sending.run()
    (mail,) = sink.to(address)
    (confirm,) = links(mail)
    assert client.post(confirm).status_code == 200
    sink.clear()
    return Subscription.objects.get(address=address)


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


def test_double_opt_in_then_a_breaking_alert_then_one_click_unsubscribe(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    client = Client(enforce_csrf_checks=False)
    answer = subscribe(client, "Reader@Example.org")
    assert answer.status_code == 200
    assert "Check your inbox" in answer.content.decode()
    assert answer["Cache-Control"].startswith("max-age=0") or "no-store" in answer["Cache-Control"]

    # Until confirmed, a breaking publish sends nothing but the confirmation.
    make_article(headline="Dam breach upstream", is_breaking=True)
    assert sending.run() == 1
    (mail,) = sink.received
    assert mail.recipients == ["reader@example.org"]
    assert mail.message["Subject"] == "Confirm your alerts from Newsdesk"
    (confirm,) = links(mail)
    assert "/alerts/confirm/" in confirm

    # The link shows a button (a GET changes nothing); the POST confirms.
    page = client.get(confirm)
    assert page.status_code == 200 and "Confirm my subscription" in page.content.decode()
    assert Subscription.objects.get().state == Subscription.State.PENDING
    assert page["Referrer-Policy"] == "same-origin"
    assert client.post(confirm).status_code == 200
    assert Subscription.objects.get().state == Subscription.State.CONFIRMED
    sink.clear()

    story = make_article(
        headline="Evacuation ordered for the river towns & villages",
        lede="Residents below the dam must leave by noon.",
        is_breaking=True,
    )
    make_article(headline="Not breaking: council meets")
    assert sending.run() == 1
    (alert,) = sink.received
    message = alert.message
    assert message["Subject"] == "Breaking: Evacuation ordered for the river towns & villages"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe_url.startswith("http://testserver/alerts/unsubscribe/")
    sent = Message.objects.get(alert__isnull=False)
    assert message["Message-ID"] == f"<alert-{sent.pk}@testserver>"
    text, html = alert.part("plain"), alert.part("html")
    assert "Residents below the dam must leave by noon." in text
    assert f"http://testserver{story.get_absolute_url()}" in text
    assert "villages</a>" in html and "&amp; villages" in html
    assert unsubscribe_url in text

    # RFC 8058: a POST with no CSRF token and no session, as a mail client sends it.
    strict = Client(enforce_csrf_checks=True)
    done = strict.post(
        unsubscribe_url.removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200
    assert Subscription.objects.get().state == Subscription.State.UNSUBSCRIBED
    sink.clear()

    make_article(headline="Second breach", is_breaking=True)
    assert sending.run() == 0
    assert sink.received == []


def test_the_answer_is_the_same_for_a_known_address(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    client = Client()
    sub = confirmed(client, sink, "known@example.org")
    cache.clear()
    sub.messages.update(created_at=timezone.now() - timedelta(hours=1))  # confirmed an hour ago
    first = subscribe(client, "known@example.org")
    second = subscribe(client, "new@example.org")
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert first.status_code == second.status_code == 200
    assert strip.sub(b"", first.content) == strip.sub(b"", second.content)
    sending.run()
    (known,) = sink.to("known@example.org")
    (new,) = sink.to("new@example.org")
    assert known.message["Subject"] == "Your alerts from Newsdesk"
    assert "/alerts/manage/" in links(known)[0]
    assert new.message["Subject"] == "Confirm your alerts from Newsdesk"
    # The subscribed address keeps its choices; a second form sends no second mail soon.
    subscribe(client, "known@example.org")
    sending.run()
    assert len(sink.to("known@example.org")) == 1


def test_manage_changes_choices_and_unsubscribes(
    sink: Sink, make_article: Callable[..., Article]
) -> None:
    client = Client()
    sub = confirmed(client, sink, "tags@example.org")
    make_article(headline="Energy prices", tags=["Energy"], publish=True)
    manage = f"/alerts/manage/{tokens.make(sub, 'manage')}/"
    page = client.get(manage)
    assert page.status_code == 200 and "tags@example.org" in page.content.decode()
    saved = client.post(
        manage, {"breaking": "on", "digest": "on", "digest_hour": "18", "tags": ["energy"]}
    )
    assert saved.status_code == 200
    sub.refresh_from_db()
    assert (sub.breaking, sub.digest, sub.digest_hour) == (True, True, 18)
    assert list(sub.tags.values_list("slug", flat=True)) == ["energy"]

    # With a tag chosen, only breaking updates with that tag come.
    make_article(headline="Transport strike", tags=["Transport"], is_breaking=True)
    make_article(headline="Grid failure", tags=["Energy"], is_breaking=True)
    sending.run()
    assert [r.message["Subject"] for r in sink.received] == ["Breaking: Grid failure"]

    bad = client.post(manage, {"digest_hour": "25"})
    assert bad.status_code == 400
    gone = client.post(manage, {"unsubscribe": "1"})
    assert gone.status_code == 200 and "unsubscribed" in gone.content.decode()
    assert Subscription.objects.get().state == Subscription.State.UNSUBSCRIBED
    assert client.get(manage).status_code == 404  # the link ends with the subscription


def test_hostile_input_and_wrong_tokens_change_nothing(sink: Sink) -> None:
    client = Client()
    for address, error in [
        ("reader@example.org\r\nBcc: victim@example.org", "Enter a valid email address."),
        ("not-an-address", "Enter a valid email address."),
        ("", "This field is required."),
    ]:
        answer = subscribe(client, address)
        assert answer.status_code == 400
        assert error in answer.content.decode()
    nothing = client.post("/alerts/subscribe/", {"address": "a@example.org", "digest_hour": "7"})
    assert nothing.status_code == 400
    assert "Choose breaking updates, the daily digest or both." in nothing.content.decode()
    assert not Subscription.objects.exists()

    sub = confirmed(client, sink, "tokens@example.org")
    confirm_token, manage_token = tokens.make(sub, "confirm"), tokens.make(sub, "manage")
    # A token is for one purpose only, and a tampered one is nothing.
    assert client.post(f"/alerts/unsubscribe/{confirm_token}/").status_code == 404
    assert client.post(f"/alerts/unsubscribe/{manage_token[:-2]}xx/").status_code == 404
    assert client.get(f"/alerts/confirm/{manage_token}/").status_code == 404
    assert Subscription.objects.get().state == Subscription.State.CONFIRMED
    # A GET of the unsubscribe link asks first; it does not act.
    assert client.get(f"/alerts/unsubscribe/{manage_token}/").status_code == 200
    assert Subscription.objects.get().state == Subscription.State.CONFIRMED
    # The sign-up form goes on cached pages without a CSRF token, but a
    # browser's post from another site is refused and stores nothing.
    strict = Client(enforce_csrf_checks=True)
    form = {"address": "x@example.org", "breaking": "on", "digest_hour": "7"}
    for headers in [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-site"},
    ]:
        refused = strict.post("/alerts/subscribe/", form, headers=headers)
        assert refused.status_code == 403, headers
        assert "a form on another site cannot do it for you" in refused.content.decode()
    assert not Subscription.objects.filter(address="x@example.org").exists()
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert strict.post("/alerts/subscribe/", form, headers=same).status_code == 200
    assert Subscription.objects.filter(address="x@example.org").exists()
    # The forms behind a signed link keep Django's CSRF rule.
    manage = f"/alerts/manage/{manage_token}/"
    assert strict.post(manage, {"unsubscribe": "1"}).status_code == 403
    assert Subscription.objects.get(address="tokens@example.org").state == "confirmed"


def test_an_expired_confirmation_link_does_nothing(sink: Sink, settings: Any) -> None:
    client = Client()
    subscribe(client, "late@example.org")
    sub = Subscription.objects.get()
    signer = tokens._signer("confirm")
    old = signer.sign(f"{sub.pk}.{sub.key}")
    value, stamp, signature = old.rsplit(":", 2)
    from django.core.signing import b62_decode, b62_encode

    # The same token, signed four days ago (the link lasts three).
    aged = signing_at(signer, f"{sub.pk}.{sub.key}", b62_decode(stamp) - 4 * 86_400)
    assert client.post(f"/alerts/confirm/{aged}/").status_code == 404
    assert Subscription.objects.get().state == Subscription.State.PENDING
    assert b62_encode(b62_decode(stamp)) == stamp and value and signature


def signing_at(signer: Any, value: str, timestamp: int) -> str:
    from django.core.signing import Signer, b62_encode

    return Signer.sign(signer, f"{value}{signer.sep}{b62_encode(timestamp)}")


def test_the_form_is_rate_limited_per_client_address(sink: Sink, settings: Any) -> None:
    settings.NEWSDESK_ALERTS_SUBSCRIBE_RATE = 2
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert subscribe(client, "a@example.org").status_code == 200
    assert subscribe(client, "b@example.org").status_code == 200
    refused = subscribe(client, "c@example.org")
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "Too many sign-ups" in refused.content.decode()
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert subscribe(other, "c@example.org").status_code == 200
    assert Subscription.objects.count() == 3


def test_admins_see_counts_per_state_and_no_address(client: Client, sink: Sink) -> None:
    from django.contrib.auth import get_user_model

    for n in range(3):
        confirmed(client, sink, f"reader{n}@example.org")
    cache.clear()
    subscribe(client, "waiting@example.org")
    get_user_model().objects.create_superuser("chief", password="a long admin passphrase")
    admin = Client()
    admin.login(username="chief", password="a long admin passphrase")
    listing = admin.get("/admin/alerts/subscription/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Confirmed (3)" in html and "Waiting for confirmation (1)" in html
    assert "@example.org" not in html
    one = Subscription.objects.first()
    assert one is not None
    page = admin.get(f"/admin/alerts/subscription/{one.pk}/change/")
    assert page.status_code == 200 and "@example.org" not in page.content.decode()
    assert admin.post(f"/admin/alerts/subscription/{one.pk}/delete/").status_code == 403
    assert admin.get("/admin/alerts/subscription/add/").status_code == 403

"""The desk's tips inbox: who may read (every door), the audit entry per
reading, handling, forwarding, drafts, the readers page and retention."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import timezone

from newsdesk.news.models import Article, AuditEntry, Note
from newsdesk.news.permissions import ActionDenied
from newsdesk.site.actions import settings_row, update_settings
from newsdesk.tips import actions
from newsdesk.tips.actions import Upload
from newsdesk.tips.models import Attachment, Tip
from tests.desk.conftest import make_user, signed_in
from tests.helpers import find_all, parse, text_of

from .conftest import CANARY, PDF, photo_with_exif

pytestmark = pytest.mark.django_db


@pytest.fixture
def tip(db: None) -> Tip:
    files = [Upload("IMG_1.jpg", photo_with_exif()), Upload("doc.pdf", PDF)]
    return actions.submit_tip(message=CANARY, contact="mail: a@b.example", files=files,
                              limit=10_000_000)  # fmt: skip


def readings_of(tip: Tip) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="tip", target=str(tip)).order_by("id"))


def test_an_editor_without_the_permission_is_refused_at_every_door(
    tip: Tip, outsider: User
) -> None:
    client = signed_in(outsider)
    file = tip.attachments.first()
    assert file is not None
    for path in ("/desk/tips/", "/desk/tips", f"/desk/tips/{tip.pk}/", f"/desk/tips/{tip.pk}",
                 f"/desk/tips/{tip.pk}/files/{file.pk}/", "/desk/tips/readers/"):  # fmt: skip
        assert client.get(path).status_code == 403, path
        assert client.head(path).status_code == 403, path
    for action in ("handle", "forward", "draft"):
        assert client.post(f"/desk/tips/{tip.pk}/{action}/").status_code == 403
    for call in (
        lambda: actions.open_tip(tip, user=outsider),
        lambda: actions.open_attachment(file, user=outsider),
        lambda: actions.mark_handled(tip, user=outsider),
        lambda: actions.draft_from_tip(tip, user=outsider),
        lambda: actions.set_reader(outsider, allowed=True, user=outsider),
    ):
        with pytest.raises(ActionDenied):
            call()
    assert readings_of(tip) == []
    assert not Tip.objects.filter(handled_at__isnull=False).exists()
    # Django's admin has no page for tips either.
    assert signed_in(make_user("root", "admin")).get("/admin/tips/tip/").status_code == 404
    # Anonymous visitors go to the sign-in page.
    from django.test import Client

    assert Client().get(f"/desk/tips/{tip.pk}/")["Location"].startswith("/desk/login/")


def test_the_list_shows_no_text_and_each_reading_is_audited(tip: Tip, reader: User) -> None:
    client = signed_in(reader)
    listing = client.get("/desk/tips/")
    assert listing.status_code == 200
    assert CANARY not in listing.content.decode()
    assert "no-store" in listing["Cache-Control"]
    assert readings_of(tip) == []
    for _ in range(2):
        page = client.get(f"/desk/tips/{tip.pk}/")
        assert page.status_code == 200
        assert CANARY in text_of(parse(page.content))
    entries = readings_of(tip)
    assert [(e.actor_id, e.detail["did"]) for e in entries] == [(reader.pk, "read")] * 2
    file = tip.attachments.get(kind="pdf")
    download = client.get(f"/desk/tips/{tip.pk}/files/{file.pk}/")
    assert download.status_code == 200 and download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="doc.pdf"')
    assert "no-store" in download["Cache-Control"] and "private" in download["Cache-Control"]
    assert readings_of(tip)[-1].detail == {"did": "file", "tip": tip.pk, "file": file.pk}
    history = parse(client.get(f"/desk/tips/{tip.pk}/").content)
    lines = [text_of(li) for li in find_all(find_all(history, "section")[-1], "li")]
    assert len(lines) == 4 and lines[1].endswith("rhea: downloaded a file")


def test_handled_then_open_again(tip: Tip, reader: User) -> None:
    client = signed_in(reader)
    assert client.post(f"/desk/tips/{tip.pk}/handle/", {"handled": "1"}).status_code == 302
    tip.refresh_from_db()
    assert tip.handled_by_id == reader.pk and tip.handled_at is not None
    listing = client.get("/desk/tips/?show=handled").content.decode()
    assert f"/desk/tips/{tip.pk}/" in listing
    assert f"/desk/tips/{tip.pk}/" not in client.get("/desk/tips/").content.decode()
    client.post(f"/desk/tips/{tip.pk}/handle/", {"handled": "0"})
    tip.refresh_from_db()
    assert tip.handled_at is None
    assert [e.detail["did"] for e in readings_of(tip)] == ["handled", "reopened"]


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_forward_to_a_colleague_who_may_read_tips_tells_them_without_content(
    tip: Tip, reader: User, outsider: User, django_capture_on_commit_callbacks: Any
) -> None:
    colleague = make_user("cora", "editor")
    colleague.email = "cora@newsdesk.example"
    colleague.save()
    actions.set_reader(colleague, allowed=True, user=None)
    with pytest.raises(ValidationError) as refused:
        actions.forward_tip(tip, to=outsider, user=reader)
    assert refused.value.message_dict == {"to": ["otto may not read tips; choose someone who may."]}
    client = signed_in(reader)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/desk/tips/{tip.pk}/forward/", {"to": str(colleague.pk)})
    assert sent.status_code == 302
    tip.refresh_from_db()
    assert (tip.forwarded_to_id, tip.forwarded_by_id) == (colleague.pk, reader.pk)
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["cora@newsdesk.example"]
    assert CANARY not in notice.body and "a@b.example" not in notice.body
    assert f"/desk/tips/{tip.pk}/" in notice.body
    mine = signed_in(User.objects.get(pk=colleague.pk)).get("/desk/tips/?show=mine")
    assert f"/desk/tips/{tip.pk}/" in mine.content.decode()


def test_turn_into_a_draft_quotes_an_unnamed_reader_and_links_back(tip: Tip, reader: User) -> None:
    response = signed_in(reader).post(f"/desk/tips/{tip.pk}/draft/")
    tip.refresh_from_db()
    article = Article.objects.get()
    assert tip.draft_id == article.pk
    assert response.status_code == 302 and response["Location"] == f"/desk/articles/{article.pk}/"
    assert article.status == Article.Status.DRAFT
    assert "> " + CANARY in article.body
    assert "a@b.example" not in article.body
    assert [s.outlet for s in article.sources.all()] == ["a reader, who asked not to be named"]
    note = Note.objects.get(article=article)
    assert f"/desk/tips/{tip.pk}/" in note.text
    assert readings_of(tip)[-1].detail == {"did": "drafted", "tip": tip.pk, "draft": article.pk}


def test_admins_choose_who_reads_tips_and_each_change_is_audited(outsider: User) -> None:
    admin = make_user("ada", "admin")
    client = signed_in(admin)
    assert client.get("/desk/tips/").status_code == 200  # admins always may
    page = parse(client.get("/desk/tips/readers/").content)
    boxes = find_all(page, "input", name="readers")
    assert [b.attrs["value"] for b in boxes] == [str(outsider.pk)]
    client.post("/desk/tips/readers/", {"readers": [str(outsider.pk)]})
    assert User.objects.get(pk=outsider.pk).has_perm("tips.read_tip")
    entry = AuditEntry.objects.filter(action="account").latest("id")
    assert (entry.actor_id, entry.detail["after"]) == (admin.pk, {"tips": True})
    client.post("/desk/tips/readers/", {})
    assert not User.objects.get(pk=outsider.pk).has_perm("tips.read_tip")
    assert signed_in(outsider).get("/desk/tips/readers/").status_code == 403


def test_the_retention_period_deletes_old_tips_and_their_files(
    tip: Tip, django_capture_on_commit_callbacks: Any
) -> None:
    names = list(Attachment.objects.values_list("stored", flat=True))
    assert len(names) == 2 and all(default_storage.exists(n) for n in names)
    with pytest.raises(ValidationError) as refused:
        update_settings(tips_retention_days=0)
    assert "tips_retention_days" in refused.value.message_dict
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="3650"):
        call_command("site", "set", "--tips-retention-days", "4000")
    call_command("site", "set", "--tips-retention-days", "30", stdout=io.StringIO())
    assert settings_row().tips_retention_days == 30
    admin = signed_in(make_user("ada", "admin"))
    form = parse(admin.get("/desk/settings/").content)
    assert find_all(form, "input", name="tips_retention_days")[0].attrs["value"] == "30"
    assert admin.post("/desk/settings/", {"tips_retention_days": "31"}).status_code == 302
    assert settings_row().tips_retention_days == 31
    assert admin.post("/desk/settings/", {"tips_retention_days": ""}).status_code == 302
    assert settings_row().tips_retention_days == 31  # left empty: unchanged
    recent = actions.submit_tip(message="fresh", files=[], limit=10_000_000)
    Tip.objects.filter(pk=tip.pk).update(received_at=timezone.now() - timedelta(days=32))
    with django_capture_on_commit_callbacks(execute=True):  # the files go after the commit
        assert actions.prune(timezone.now()) == 1
    assert list(Tip.objects.all()) == [recent]
    assert not Attachment.objects.exists()
    assert not any(default_storage.exists(n) for n in names)
    assert actions.prune(timezone.now()) == 0


def test_the_command_line_grants_lists_and_revokes_readers(outsider: User) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("tips", "grant", "otto")
    out = StringIO()
    call_command("tips", "readers", stdout=out)
    assert out.getvalue().split() == ["otto"]
    with pytest.raises(CommandError, match="You do not have permission to choose who reads tips"):
        call_command("tips", "revoke", "otto", "--as", "otto")
    call_command("tips", "revoke", "otto")
    assert not User.objects.get(pk=outsider.pk).has_perm("tips.read_tip")
    key = StringIO()
    call_command("tips", "newkey", stdout=key)
    assert len(key.getvalue().strip()) == 44


def test_a_tip_sealed_with_a_key_no_longer_held_says_so_instead_of_showing_garbage(
    tip: Tip, reader: User
) -> None:
    from newsdesk.tips.crypto import new_key

    with override_settings(NEWSDESK_TIPS_KEY=new_key()):
        page = signed_in(reader).get(f"/desk/tips/{tip.pk}/")
    assert page.status_code == 500
    alert = text_of(find_all(parse(page.content), "div", role="alert")[0])
    assert alert.startswith("This tip cannot be opened: This was sealed with a key")
    assert "Put that key back after the current one." in alert
    assert readings_of(tip)[-1].detail["did"] == "read"  # the attempt is audited too


def test_the_audit_log_says_in_words_what_the_desk_did_with_tips(
    tip: Tip, reader: User, outsider: User
) -> None:
    actions.open_tip(tip, user=reader)
    actions.mark_handled(tip, user=reader)
    actions.set_reader(outsider, allowed=True, user=None)
    page = parse(signed_in(make_user("ada", "admin")).get("/desk/audit/").content)
    rows = [[text_of(td) for td in find_all(tr, "td")] for tr in find_all(page, "tr")]
    described = [(row[1], row[3], row[5]) for row in rows if len(row) > 5]
    assert ("rhea", str(tip), "read it") in described
    assert ("rhea", str(tip), "marked it handled") in described
    assert ("system", "otto", "may read tips") in described
    # The audit log's own filter knows the tip line's entries.
    admin = signed_in(make_user("ida", "admin"))
    only = parse(admin.get("/desk/audit/?action=tip").content)
    kept = [[text_of(td) for td in find_all(tr, "td")] for tr in find_all(only, "tr")]
    assert {row[2] for row in kept if len(row) > 5} == {"tip opened or handled"}

"""Sealing with the key from the environment: round trips, rotation, and a
clear error (never garbage) when the key is wrong, missing or malformed."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.checks import Error
from django.test import override_settings

from newsdesk.tips import crypto
from newsdesk.tips.checks import check_tips_key

OLD, NEW = crypto.new_key(), crypto.new_key()


def test_a_value_sealed_opens_again_and_shows_nothing_in_clear() -> None:
    with override_settings(NEWSDESK_TIPS_KEY=NEW):
        sealed = crypto.seal_text("Ballots at 4 am, Київ", "message")
        assert b"Ballots" not in sealed and sealed.startswith(b"t1")
        assert crypto.unseal_text(sealed, "message") == "Ballots at 4 am, Київ"
        assert crypto.seal_text("same", "message") != crypto.seal_text("same", "message")


def test_a_value_moved_to_another_field_or_changed_is_refused() -> None:
    with override_settings(NEWSDESK_TIPS_KEY=NEW):
        sealed = crypto.seal(b"contact line", "contact")
        with pytest.raises(crypto.TipKeyError, match="changed or damaged"):
            crypto.unseal(sealed, "message")
        flipped = sealed[:-1] + bytes([sealed[-1] ^ 1])
        with pytest.raises(crypto.TipKeyError, match="changed or damaged"):
            crypto.unseal(flipped, "contact")
        with pytest.raises(crypto.TipKeyError, match="not a sealed tip value"):
            crypto.unseal(b"plain text", "contact")


def test_the_wrong_key_names_the_missing_key_and_rotation_keeps_old_tips_readable() -> None:
    with override_settings(NEWSDESK_TIPS_KEY=OLD):
        sealed = crypto.seal(b"old tip", "message")
    kid = sealed[2:6].hex()
    with override_settings(NEWSDESK_TIPS_KEY=NEW), pytest.raises(crypto.TipKeyError) as wrong:
        crypto.unseal(sealed, "message")
    assert str(wrong.value) == (
        f"This was sealed with a key NEWSDESK_TIPS_KEY no longer holds (key id {kid}). "
        "Put that key back after the current one."
    )
    with override_settings(NEWSDESK_TIPS_KEY=f"{NEW}, {OLD}"):
        assert crypto.unseal(sealed, "message") == b"old tip"
        assert crypto.seal(b"new tip", "message")[2:6] == crypto.key_id(crypto.parse_keys(NEW)[0])


def test_production_refuses_to_start_without_a_key_or_with_a_bad_one() -> None:
    with override_settings(NEWSDESK_TIPS_KEY="", SECURE=True):
        (error,) = check_tips_key(None)
        assert isinstance(error, Error) and error.id == "newsdesk.E070"
        with pytest.raises(crypto.TipKeyError, match="NEWSDESK_TIPS_KEY is not set"):
            crypto.seal(b"x", "message")
    with override_settings(NEWSDESK_TIPS_KEY="REPLACE-ME", SECURE=True):
        (error,) = check_tips_key(None)
        assert error.id == "newsdesk.E071"
        assert "not a 32-byte key in base64url" in error.msg
    with override_settings(NEWSDESK_TIPS_KEY=NEW, SECURE=True):
        assert check_tips_key(None) == []


def test_development_makes_a_key_in_the_data_directory_once(tmp_path: object) -> None:
    with override_settings(NEWSDESK_TIPS_KEY="", SECURE=False, DATA_DIR=tmp_path):
        sealed = crypto.seal(b"dev", "message")
        key_file = tmp_path / "tips_key"  # type: ignore[operator]
        assert oct(key_file.stat().st_mode & 0o777) == "0o600"
        assert crypto.unseal(sealed, "message") == b"dev"
        assert check_tips_key(None) == []
    with override_settings(NEWSDESK_TIPS_KEY=key_file.read_text().strip()):
        assert crypto.unseal(sealed, "message") == b"dev"


@pytest.mark.django_db
def test_reseal_moves_every_tip_to_the_new_key_so_the_old_one_can_go(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from newsdesk.tips.actions import Upload, open_attachment, open_tip, submit_tip
    from newsdesk.tips.models import Attachment

    with override_settings(NEWSDESK_TIPS_KEY=OLD):
        tip = submit_tip(message="old secret", files=[Upload("a.pdf", b"%PDF-1.4 x")], limit=10**6)
    before = Attachment.objects.get().stored
    out = io.StringIO()
    with override_settings(NEWSDESK_TIPS_KEY=f"{NEW},{OLD}"):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("tips", "reseal", stdout=out)
        assert out.getvalue().strip() == "1 tip(s) sealed again with the first key."
        call_command("tips", "reseal", stdout=out)  # nothing left to move
        assert out.getvalue().splitlines()[-1] == "0 tip(s) sealed again with the first key."
    assert not default_storage.exists(before)
    with override_settings(NEWSDESK_TIPS_KEY=NEW):  # the old key is gone
        tip.refresh_from_db()
        assert open_tip(tip, user=None).message == "old secret"
        assert open_attachment(Attachment.objects.get(), user=None)[1] == b"%PDF-1.4 x"

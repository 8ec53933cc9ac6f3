"""Moving a newsroom: the demo site exported in newsdesk's format and
imported into an empty site gives the same articles, revisions,
corrections, authors, tags, images and URLs, compared field by field; a
second run makes no duplicates. SQLite in one half, PostgreSQL in the other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live.support import ROOT
from tests.live.support import run_newsdesk as newsdesk

from .conftest import Databases

pytestmark = pytest.mark.django_db(transaction=True)

ENRICH = r"""
import io, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
import django
django.setup()
from PIL import Image as PILImage
from django.core.files.uploadedfile import SimpleUploadedFile
from newsdesk.images.processing import store_upload
from newsdesk.news import actions
from newsdesk.news.actions.tags import update_tag
from newsdesk.news.actions.translations import translate
from newsdesk.news.models import Article, Tag
from newsdesk.news.permissions import COMMAND_LINE as me
from newsdesk.site.actions import update_settings
buffer = io.BytesIO()
PILImage.new("RGB", (1200, 800), (20, 90, 160)).save(buffer, "JPEG")
image = store_upload(SimpleUploadedFile("bridge.jpg", buffer.getvalue(), "image/jpeg"),
                     user=me, alt="The bridge at dawn")
story = Article.objects.filter(status="published").order_by("pk").first()
actions.update(story, user=me, image=image, image_alt="The bridge at dawn, from the east bank")
tag = Tag.objects.order_by("pk").first()
update_tag(tag, user=me, name=tag.name + " and more")
update_settings(user=me, languages="en,uk")
translate(story, language="uk", user=me)
talks = actions.open_coverage(title="Harbour talks", key_points="- Ferries wait", image=image,
                              image_alt="The bridge", user=me)
actions.add_to_coverage(story, talks, user=me)
actions.pin_in_coverage(talks, story, user=me)
actions.end_coverage(talks, user=me)
"""


SMALL = r"""
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
import django
django.setup()
from newsdesk.news import actions
from newsdesk.news.actions.authors import create_author
from newsdesk.news.permissions import COMMAND_LINE as me
mira = create_author(name="Mira Castell", bio="Covers the harbour.", user=me)
for n in range(8):
    draft = actions.create_draft(
        headline=f"Harbour update {n}: ferries and repairs", lede=f"Lede {n}.",
        body=f"Paragraph {n}.\n\n- a list\n- of things", tags=["Harbour", f"Topic {n % 3}"],
        authors=[mira], sources=[actions.SourceInput(outlet="Valley Post",
        url="https://valley.example/a", quote_style="according to")], user=me)
    if n < 6:
        story = actions.publish(draft, user=me)
        if n == 1:
            actions.correct(story, note="The ferry leaves at six.", user=me, lede="Corrected lede.")
        if n == 2:
            actions.pin(story, user=me)
"""


def dump(env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "server" / "canonical.py")],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    loaded: dict[str, object] = json.loads(done.stdout)
    return loaded


def test_the_demo_site_moves_whole(databases: Databases, tmp_path: Path) -> None:
    site, empty = databases.env(0), databases.env(1)
    for env in (site, empty):
        assert newsdesk(env, "migrate", "--verbosity", "0").returncode == 0
    if databases.vendor == "sqlite":
        loaded = newsdesk(site, "demo")
    else:
        # The PostgreSQL half is the suite's longer one: a smaller newsroom
        # with the same kinds of record (the demo runs in the SQLite half).
        loaded = subprocess.run(
            [sys.executable, "-c", SMALL], env=site, cwd=ROOT, capture_output=True, text=True
        )
    assert loaded.returncode == 0, loaded.stderr
    enriched = subprocess.run(
        [sys.executable, "-c", ENRICH], env=site, cwd=ROOT, capture_output=True, text=True
    )
    assert enriched.returncode == 0, enriched.stderr
    before = dump(site)
    assert len(before["articles"]) > (200 if databases.vendor == "sqlite" else 6)  # type: ignore[arg-type]

    made = newsdesk(site, "export", "--format", "newsdesk", str(tmp_path / "export"))
    assert made.returncode == 0, made.stderr
    brought = newsdesk(empty, "import", "newsdesk", str(tmp_path / "export"))
    assert brought.returncode == 0, brought.stderr
    after = dump(empty)
    for part in ("articles", "authors", "tags", "old_slugs", "coverages"):
        assert after[part] == before[part], part

    # Run again (as after an interruption): nothing new, nothing doubled.
    again = newsdesk(empty, "import", "newsdesk", str(tmp_path / "export"))
    assert again.returncode == 0 and "Imported 0 articles" in again.stdout, again.stdout
    assert dump(empty) == after


def test_an_import_refuses_what_it_cannot_read(databases: Databases, tmp_path: Path) -> None:
    site = databases.env(0)
    assert newsdesk(site, "migrate", "--verbosity", "0").returncode == 0
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "newsdesk.jsonl").write_text(
        '{"type": "newsdesk-export", "format": 1}\nnot json\n'
    )
    done = newsdesk(site, "import", "newsdesk", str(tmp_path / "bad"))
    assert done.returncode != 0 and "line 2 is not JSON" in done.stderr
    (tmp_path / "sneaky" / "media").mkdir(parents=True)
    (tmp_path / "sneaky" / "newsdesk.jsonl").write_text(
        '{"type": "newsdesk-export", "format": 1}\n'
        '{"type": "image", "id": 1, "sha256": "x", "original": "../../etc/passwd",'
        ' "format": "jpeg", "width": 1, "height": 1, "bytes": 1,'
        ' "created_at": "2026-12-07T10:00:00+00:00"}\n'
    )
    done = newsdesk(site, "import", "newsdesk", str(tmp_path / "sneaky"))
    assert done.returncode != 0 and "leaves the media folder" in done.stderr
    existing = newsdesk(site, "export", "--format", "newsdesk", str(tmp_path / "bad"))
    assert existing.returncode != 0 and "exists already" in existing.stderr


def test_only_admins_import(tmp_path: Path) -> None:
    """The action refuses anyone else, whichever door they come through."""
    from django.core.exceptions import PermissionDenied

    from newsdesk.news.models import Article, AuditEntry
    from newsdesk.server.transfer import import_export
    from tests.desk.conftest import make_user

    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "newsdesk.jsonl").write_text(
        '{"type": "newsdesk-export", "format": 1}\n'
        '{"type": "tag", "slug": "ports", "name": "Ports", "description": ""}\n'
    )
    for role in ("editor", "contributor"):
        with pytest.raises(PermissionDenied):
            import_export(folder, make_user(f"{role}-1", role))
    assert not Article.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()
    from newsdesk.news.models import Tag

    assert not Tag.objects.exists()
    import_export(folder, make_user("ada", "admin"))
    assert Tag.objects.get().name == "Ports"
    assert AuditEntry.objects.get(action="import").detail["tags"] == 1

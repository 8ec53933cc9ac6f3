"""``newsdesk import ghost``: posts, authors, tags, times, statuses, feature
images and old addresses from a Ghost export; members-only posts, pages and
Ghost's internal tags stay behind; a second run doubles nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from PIL import Image as PILImage

from newsdesk.news.models import Article, Author, Tag

pytestmark = pytest.mark.django_db

HTML = (
    "<p>The council voted <strong>eleven to four</strong> for the repair.</p>"
    "<blockquote><p>The wall has held for a century.</p></blockquote>"
    "<ul><li>Work starts in March</li><li>Ferries keep running</li></ul><script>alert(1)</script>"
)


def post(n: int, slug: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": f"p{n}", "uuid": f"u{n}", "title": f"Harbour wall {slug}", "slug": slug,
        "html": HTML, "type": "post", "status": "published", "visibility": "public",
        "created_at": "2026-11-03T07:00:00.000Z", "updated_at": "2026-11-03T09:30:00.000Z",
        "published_at": "2026-11-03T08:00:00.000Z",
        "custom_excerpt": "The council approves the repair.", "feature_image": None, **fields,
    }  # fmt: skip


WALL = "__GHOST_URL__/content/images/2026/11/wall.jpg"


def export(tmp_path: Path) -> Path:
    data = {
        "posts": [
            post(1, "council-approves-repair", feature_image=WALL),
            post(2, "draft-notes", status="draft", published_at=None),
            post(3, "budget-preview", status="scheduled", published_at="2027-01-12T08:00:00.000Z"),
            post(4, "members-briefing", visibility="members"),
            post(5, "about", type="page"),
        ],
        "posts_meta": [{"post_id": "p1", "feature_image_alt": "The north harbour wall",
                        "feature_image_caption": "Storm damage in October"}],
        "users": [
            {"id": "1", "name": "Tomas Renn", "slug": "tomas", "bio": "Covers the council.",
             "website": "https://renn.example", "profile_image": None},
            {"id": "2", "name": "Ilse Varga", "slug": "ilse", "bio": "", "profile_image": None},
        ],
        "tags": [
            {"id": "t1", "name": "City Hall", "slug": "city-hall", "description": "The council.",
             "visibility": "public"},
            {"id": "t2", "name": "#import", "slug": "hash-import", "visibility": "internal"},
        ],
        "posts_tags": [{"post_id": "p1", "tag_id": "t2", "sort_order": 0},
                       {"post_id": "p1", "tag_id": "t1", "sort_order": 1}],
        "posts_authors": [{"post_id": "p1", "author_id": "2", "sort_order": 1},
                          {"post_id": "p1", "author_id": "1", "sort_order": 0}],
    }  # fmt: skip
    path = tmp_path / "ghost.json"
    path.write_text(json.dumps({"db": [{"meta": {"version": "5.130.0"}, "data": data}]}))
    return path


def test_a_ghost_export_comes_in(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    images = tmp_path / "images"
    (images / "2026" / "11").mkdir(parents=True)
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), (90, 60, 30)).save(buffer, "JPEG")
    (images / "2026" / "11" / "wall.jpg").write_bytes(buffer.getvalue())
    path = export(tmp_path)
    out = io.StringIO()
    call_command("import", "ghost", str(path), "--images", str(images), stdout=out)
    said = out.getvalue()
    assert "Imported 3 articles, 2 authors and 1 tags" in said, said
    assert "1 page (only posts are imported)" in said
    assert "1 visible to members only (newsdesk has no paywall)" in said

    wall = Article.objects.get(slug="council-approves-repair")
    assert wall.status == "published" and wall.published_at is not None
    assert wall.published_at.isoformat() == "2026-11-03T08:00:00+00:00"
    assert wall.lede == "The council approves the repair."
    assert "<blockquote>" in wall.body_html and "<li>Work starts in March</li>" in wall.body_html
    assert "<script" not in wall.body_html
    assert [b.author.slug for b in wall.bylines.order_by("position")] == ["tomas", "ilse"]
    assert list(wall.tags.values_list("slug", flat=True)) == ["city-hall"]
    assert wall.image is not None and wall.image_alt == "The north harbour wall"
    assert Author.objects.get(slug="tomas").bio == "Covers the council."
    assert Tag.objects.get(slug="city-hall").description == "The council."
    assert Article.objects.get(slug="draft-notes").status == "draft"
    assert Article.objects.get(slug="budget-preview").status == "scheduled"
    assert not Article.objects.filter(slug__in=["members-briefing", "about"]).exists()

    client = Client()
    answer = client.get("/council-approves-repair/")
    assert answer.status_code == 301 and answer["Location"] == wall.get_absolute_url()
    assert client.get("/tag/city-hall/").status_code == 200
    assert client.get("/author/tomas/").status_code == 200

    again = io.StringIO()
    call_command("import", "ghost", str(path), "--images", str(images), stdout=again)
    assert "Imported 0 articles" in again.getvalue()
    assert Article.objects.count() == 3


def test_what_is_not_a_ghost_export_is_refused(tmp_path: Path) -> None:
    for name, text in (("broken.json", "{not json"), ("other.json", '{"data": {"pages": []}}')):
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(CommandError, match="Not imported"):
            call_command("import", "ghost", str(path))
    assert not Article.objects.exists()


SAMPLES = Path(__file__).parent / "samples"


def test_an_export_made_by_ghost_comes_in_whole(tmp_path: Path, settings: Any) -> None:
    """tests/server/samples/ghost.json: written by Ghost 5.130 itself
    (samples/ghost-README.md) with content written for the project."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    out = io.StringIO()
    call_command(
        "import", "ghost", str(SAMPLES / "ghost.json"),
        "--images", str(SAMPLES / "ghost-images"), stdout=out,
    )  # fmt: skip
    said = out.getvalue()
    assert "Imported 6 articles, 3 authors and 4 tags" in said, said
    assert "1 page (only posts are imported)" in said
    assert Article.objects.filter(status="published").count() == 4
    assert Article.objects.get(slug="seawall-plan-cost").status == "draft"
    assert Article.objects.get(slug="lantern-walk-promenade").status == "scheduled"
    harbour = Article.objects.get(slug="council-approves-harbour-dredging")
    assert harbour.published_at is not None
    assert harbour.published_at.isoformat() == "2026-11-03T08:30:00+00:00"
    assert harbour.image is not None and harbour.image_alt.startswith("Drawing of Ostrel harbour")
    assert harbour.bylines.exists() and harbour.tags.exists()
    storm = Article.objects.get(slug="storm-warning-lifted")
    assert storm.image is not None and storm.bylines.count() == 2  # two authors, in order
    for author in Author.objects.all():
        assert author.bio, author.slug
    assert Tag.objects.get(slug="harbour").description
    answer = Client().get("/council-approves-harbour-dredging/")
    assert answer.status_code == 301 and answer["Location"] == harbour.get_absolute_url()

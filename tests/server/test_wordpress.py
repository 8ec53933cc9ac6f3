"""``newsdesk import wordpress``: posts, authors, categories and tags, dates,
statuses, featured images and old addresses from a WXR file, streamed;
hostile XML refused; a second run doubles nothing."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from PIL import Image as PILImage

from newsdesk.news.models import Article, LegacyUrl, Revision, Tag
from tests.live.support import ROOT
from tests.live.support import run_newsdesk as newsdesk

from .conftest import Databases

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


def wxr(items: str, site: str = "http://harbour-courier.example") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Harbour Courier</title><link>{site}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mira]]></wp:author_login>
<wp:author_display_name><![CDATA[Mira Castell]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[harbour]]></wp:category_nicename>
<wp:cat_name><![CDATA[Harbour]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>4</wp:term_id><wp:tag_slug><![CDATA[ferries]]></wp:tag_slug>
<wp:tag_name><![CDATA[Ferries]]></wp:tag_name></wp:tag>
{items}
</channel></rss>"""


def post(
    post_id: int, slug: str, status: str = "publish", kind: str = "post", extra: str = ""
) -> str:
    return f"""<item><title>Ferry {slug}</title>
<link>http://harbour-courier.example/2026/11/07/{slug}/</link>
<dc:creator><![CDATA[mira]]></dc:creator>
<content:encoded><![CDATA[The first boats left at six.

<strong>Extra sailings</strong> run all afternoon. <script>alert(1)</script>]]></content:encoded>
<excerpt:encoded><![CDATA[Crossings resume after the storm.]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2026-11-07 08:30:00</wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>{kind}</wp:post_type>
<category domain="category" nicename="harbour"><![CDATA[Harbour]]></category>
<category domain="post_tag" nicename="ferries"><![CDATA[Ferries]]></category>
{extra}</item>"""


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), (30, 110, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_posts_come_in_with_their_authors_tags_dates_images_and_old_addresses(
    tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    uploads = tmp_path / "uploads"
    (uploads / "2026" / "11").mkdir(parents=True)
    (uploads / "2026" / "11" / "ferry.jpg").write_bytes(jpeg())
    attachment = """<item><title>ferry</title><wp:post_id>20</wp:post_id>
<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>http://harbour-courier.example/wp-content/uploads/2026/11/ferry.jpg</wp:attachment_url>
<excerpt:encoded><![CDATA[The morning ferry]]></excerpt:encoded>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
<wp:meta_value><![CDATA[A ferry leaving the harbour]]></wp:meta_value></wp:postmeta></item>"""
    thumbnail = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        "<wp:meta_value>20</wp:meta_value></wp:postmeta>"
    )
    items = "".join([
        post(11, "crossings-resume", extra=thumbnail),
        post(12, "timetable-draft", status="draft"),
        post(13, "binned", status="trash"),
        post(14, "about-us", kind="page"),
        attachment,  # after the post that uses it, as WXR may list it
    ])  # fmt: skip
    export = tmp_path / "export.xml"
    export.write_text(wxr(items))
    out = io.StringIO()
    call_command("import", "wordpress", str(export), "--uploads", str(uploads), stdout=out)
    assert "Imported 2 articles, 1 authors and 2 tags" in out.getvalue()
    assert (
        "1 status trash" in out.getvalue() and "1 page (only posts are imported)" in out.getvalue()
    )

    story = Article.objects.get(slug="crossings-resume")
    assert story.status == "published" and story.published_at is not None
    assert story.published_at.isoformat() == "2026-11-07T08:30:00+00:00"
    assert story.lede == "Crossings resume after the storm."
    assert "<strong>Extra sailings</strong>" in story.body_html and "<script" not in story.body_html
    assert [b.author.name for b in story.bylines.all()] == ["Mira Castell"]
    assert set(story.tags.values_list("slug", flat=True)) == {"harbour", "ferries"}
    assert story.image is not None and story.image_alt == "A ferry leaving the harbour"
    assert (
        Revision.objects.get(article=story).snapshot["imported_from"] == "imported from WordPress"
    )
    assert Article.objects.get(slug="timetable-draft").status == "draft"

    client = Client()
    for old in ("/2026/11/07/crossings-resume/", "/?p=11"):
        answer = client.get(old)
        assert answer.status_code == 301 and answer["Location"] == story.get_absolute_url(), old
    # A draft's or an unknown post's old address is just the News Feed.
    assert client.get("/?p=12").status_code == 200
    assert client.get("/?p=99").status_code == 200

    # Again, as after an interruption: nothing doubled.
    again = io.StringIO()
    call_command("import", "wordpress", str(export), "--uploads", str(uploads), stdout=again)
    assert (
        "Imported 0 articles" in again.getvalue()
        and "2 articles were there already" in again.getvalue()
    )
    assert Article.objects.count() == 2 and Tag.objects.count() == 2
    assert LegacyUrl.objects.count() == 4


@pytest.mark.parametrize(
    "hostile",
    [
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss>&a;</rss>',
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://169.254.169.254/x.dtd"><rss/>',
        '<?xml version="1.0"?><rss><channel><item><title>unclosed</channel></rss>',
    ],
)
def test_hostile_or_broken_xml_is_refused_and_stores_nothing(tmp_path: Path, hostile: str) -> None:
    export = tmp_path / "export.xml"
    export.write_text(hostile)
    with pytest.raises(CommandError, match="Not imported"):
        call_command("import", "wordpress", str(export))
    assert not Article.objects.exists()


def test_an_export_made_by_wordpress_comes_in_whole(tmp_path: Path, settings: Any) -> None:
    """tests/server/samples/wordpress.xml: written by WordPress 6.1's own
    exporter (samples/README.md) with content written for the project."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    out = io.StringIO()
    call_command(
        "import", "wordpress", str(SAMPLES / "wordpress.xml"),
        "--uploads", str(SAMPLES / "wordpress-uploads"), stdout=out,
    )  # fmt: skip
    assert "Imported 8 articles, 4 authors and 8 tags" in out.getvalue(), out.getvalue()
    assert "1 page (only posts are imported)" in out.getvalue()
    published = Article.objects.filter(status="published")
    assert published.count() == 6
    wall = Article.objects.get(
        slug="ostrel-council-approves-e4-2m-repair-of-the-north-harbour-wall"
    )
    assert wall.headline == "Ostrel council approves €4.2m repair of the north harbour wall"
    assert [b.author.name for b in wall.bylines.all()] == ["Tomas Renn"]
    assert wall.published_at is not None and wall.published_at.date().isoformat() == "2026-11-03"
    assert wall.tags.exists() and wall.body_html.count("<p>") >= 2
    ferry = Article.objects.get(slug="night-ferry-to-saltholm-returns-after-a-two-year-pause")
    lanterns = Article.objects.get(slug="lantern-festival-draws-record-crowds-to-the-old-quay")
    for story in (ferry, lanterns):
        assert story.image is not None and story.image_alt, story.slug
    draft = Article.objects.get(headline="Harbour pilots to vote on new shift pattern")
    assert draft.status == "draft"
    assert Article.objects.get(slug="what-to-expect-from-ostrels-2027-budget").status == "scheduled"

    client = Client()
    old = "/2026/11/06/night-ferry-to-saltholm-returns-after-a-two-year-pause/"
    for path in (old, "/?p=7"):
        answer = client.get(path)
        assert answer.status_code == 301 and answer["Location"] == ferry.get_absolute_url()
    for tag in Tag.objects.all():
        assert client.get(tag.get_absolute_url()).status_code == 200


COUNT = r"""
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
django.setup()
from newsdesk.news.models import Article, LegacyUrl
slugs = list(Article.objects.values_list("slug", flat=True))
print(len(slugs), len(set(slugs)), LegacyUrl.objects.count())
"""


def test_an_import_killed_half_way_and_run_again_doubles_nothing(
    databases: Databases, tmp_path: Path
) -> None:
    from bench.support import wxr

    site = databases.env(0)
    assert newsdesk(site, "migrate", "--verbosity", "0").returncode == 0
    export = tmp_path / "big.xml"
    wxr.write(export, 250)

    def counted() -> tuple[int, int, int]:
        done = subprocess.run([sys.executable, "-c", COUNT], env=site, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stderr
        total, distinct, redirects = (int(n) for n in done.stdout.split())
        return total, distinct, redirects

    running = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "import", "wordpress", str(export)],
        env=site, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Killed once it has read a hundred posts (its progress line says so).
    assert running.stderr is not None
    read = ""
    while "100 items read" not in read:
        chunk = running.stderr.read(1)
        assert chunk, f"the import ended before it could be killed: {read[-500:]}"
        read += chunk
    running.kill()
    running.wait()
    total, distinct, _redirects = counted()
    assert 0 < total < 250 and total == distinct

    again = newsdesk(site, "import", "wordpress", str(export))
    assert again.returncode == 0, again.stderr
    assert f"Imported {250 - total} articles" in again.stdout, again.stdout
    assert f"{total} articles were there already" in again.stdout
    assert counted() == (250, 250, 500)

"""What the imports from other platforms share (``wordpress.py``,
``ghost.py``): the run's summary, their HTML as Markdown, an image file
through the site's pipeline, and one post brought in with its old
addresses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from newsdesk.images.models import Image
from newsdesk.news.actions import imports
from newsdesk.news.models import LegacyUrl


@dataclass
class Summary:
    imported: int = 0
    found: int = 0  # imported before (a run that goes on)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    redirects: int = 0
    authors: int = 0
    tags: int = 0

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def finish(self, user: Any, source: str) -> None:
        """The run's audit entry."""
        done = imports.Imported(
            articles=self.imported, skipped=self.found, authors=self.authors, tags=self.tags
        )
        imports.finished(user, done, source)


def to_markdown(html: str) -> str:
    """A platform's HTML as Markdown (WordPress stores paragraphs as blank
    lines, its autop, so text without <p> is cut into paragraphs first)."""
    from markdownify import markdownify

    if "<p" not in html:
        html = "".join(f"<p>{block}</p>" for block in html.split("\n\n") if block.strip())
    return str(markdownify(html, heading_style="ATX", bullets="-", strip=["script", "style"]))


def image_from(folder: Path, relative: str, alt: str, user: Any) -> Image | None:
    """``folder/relative`` through the site's image pipeline (metadata
    stripped, renditions made), or ``None`` when it is missing, outside
    ``folder`` or not an image the pipeline takes."""
    from newsdesk.images.processing import store_upload

    file = (folder / relative).resolve()
    if folder.resolve() not in file.parents or not file.is_file():
        return None
    try:
        upload = SimpleUploadedFile(file.name, file.read_bytes())
        return store_upload(upload, user=user, alt=alt)
    except (ValidationError, OSError):
        return None


def bring_in(
    user: Any,
    record: dict[str, Any],
    *,
    image: Image | None,
    note: str,
    summary: Summary,
    old_paths: list[str],
    source: str,
) -> None:
    """One post through ``news.actions.imports``, counted, with its old
    addresses answering 301 (kept again when a run goes on)."""
    try:
        article, made = imports.import_article(
            user, record, image=image, translation_of=None, images={}, note=note
        )
    except ValidationError as exc:
        summary.skip(f"refused: {'; '.join(exc.messages)[:120]}")
        return
    if made:
        summary.imported += 1
    else:
        summary.found += 1
    for old in old_paths:
        with transaction.atomic():
            _link, added = LegacyUrl.objects.get_or_create(
                path=old[:500], defaults={"article": article, "source": source}
            )
        summary.redirects += added

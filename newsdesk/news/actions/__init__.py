"""The one door for every change to the newsroom (see ``news.permissions``).

Articles (``articles.py``, ``translations.py``), live coverages (``coverages.py``),
authors (``authors.py``) and tags (``tags.py``)
change here; the site settings in ``newsdesk.site.actions`` and accounts in
``newsdesk.desk.actions``, through the same audit log and outbox.
"""

from .articles import (
    MAX_AUTHORS,
    MAX_BODY,
    MAX_CORRECTION,
    MAX_HEADLINE,
    MAX_IMAGE_ALT,
    MAX_LANGUAGE,
    MAX_LEDE,
    MAX_SOURCES,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    SourceInput,
    correct,
    create_draft,
    event_payload,
    pin,
    publish,
    publish_due,
    restore,
    schedule,
    snapshot,
    submit,
    unpin,
    unpublish,
    update,
)
from .authors import create_author, update_author
from .coverages import (
    add_to_coverage,
    end_coverage,
    open_coverage,
    pin_in_coverage,
    remove_from_coverage,
    reopen_coverage,
    update_coverage,
)
from .review import add_note, send_back
from .tags import create_tag, merge_tags, update_tag
from .translations import missing_languages, translate, translations

__all__ = [
    "MAX_AUTHORS",
    "MAX_BODY",
    "MAX_CORRECTION",
    "MAX_HEADLINE",
    "MAX_IMAGE_ALT",
    "MAX_LANGUAGE",
    "MAX_LEDE",
    "MAX_SOURCES",
    "MAX_TAGS",
    "MAX_TAG_LENGTH",
    "SourceInput",
    "add_note",
    "add_to_coverage",
    "correct",
    "create_author",
    "create_draft",
    "create_tag",
    "end_coverage",
    "event_payload",
    "merge_tags",
    "missing_languages",
    "open_coverage",
    "pin",
    "pin_in_coverage",
    "publish",
    "publish_due",
    "remove_from_coverage",
    "reopen_coverage",
    "restore",
    "schedule",
    "send_back",
    "snapshot",
    "submit",
    "translate",
    "translations",
    "unpin",
    "unpublish",
    "update",
    "update_author",
    "update_coverage",
    "update_tag",
]

"""Publishes one update after another until killed, printing each id once
its transaction has committed (an acknowledged publish). Run by
tests/server/test_backup.py against a database of the test's own."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django

django.setup()

from newsdesk.news import actions  # noqa: E402
from newsdesk.news.permissions import COMMAND_LINE  # noqa: E402

n = 0
while True:
    n += 1
    draft = actions.create_draft(
        headline=f"Burst update {n}", lede="Published during a backup.", user=COMMAND_LINE
    )
    article = actions.publish(draft, user=COMMAND_LINE)
    sys.stdout.write(f"{article.pk}\n")
    sys.stdout.flush()

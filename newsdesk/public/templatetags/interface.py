"""The few words the scripts write themselves, in the page's language.

``<body{% script_text %}>`` renders them as JSON in the body's ``data-text``
attribute (no inline script: the Content-Security-Policy runs only our own
files), which ``live.js``, ``desk.js`` and ``wire.js`` read. A plural is given once per CLDR
category, so a script picks the form with ``Intl.PluralRules`` for the
page's language, as gettext's own rule would: Ukrainian's "1 нове
оновлення", "2 нові оновлення", "5 нових оновлень".
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

register = template.Library()

#: A number in each CLDR plural category, to ask gettext for that form.
#: ``other`` is the fractional form in Ukrainian; counts never reach it.
_SAMPLES = (("zero", 0), ("one", 1), ("two", 2), ("few", 3), ("many", 5), ("other", 5))


def _forms(plural: Callable[[int], str]) -> dict[str, str]:
    """Each category's form, with the number's placeholder left for the script."""
    return {category: plural(n) for category, n in _SAMPLES}


def script_strings() -> dict[str, object]:
    return {
        # The interface's language, for the plural rule: an article's page
        # may carry its own language in <html lang>.
        "lang": get_language(),
        "newUpdates": _forms(lambda n: ngettext("%(n)s new update", "%(n)s new updates", n)),
        "minRead": _forms(lambda n: ngettext("%(n)d min read", "%(n)d min read", n)),
        "corrected": _("Corrected"),
        "storyCorrected": _("This update has been corrected."),
        "storyUpdated": _("This update has been updated."),
        "storyWithdrawn": _("This update has been withdrawn."),
        "feedChanged": _("The feed has changed. Reload"),
        "coverageUpdated": _("The key points have been updated."),
        "coverageEnded": _("This coverage has ended."),
        # Translators: %(time)s is the time of day the composer kept a copy.
        "draftKept": _("Draft kept %(time)s"),
        "draftNotKept": _("Could not keep a copy just now; still trying."),
        "wireNew": _("new"),
        "newItems": _forms(lambda n: ngettext("%(n)s new item", "%(n)s new items", n)),
        "wireOutlets": _forms(lambda n: ngettext("%(n)s outlet", "%(n)s outlets", n)),
        "wireSpreading": _("Spreading on the wire:"),
        "wireSpreadingFlag": _("Spreading"),
    }


@register.simple_tag
def script_text() -> SafeString:
    return format_html(' data-text="{}"', json.dumps(script_strings(), ensure_ascii=False))

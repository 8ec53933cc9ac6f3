"""Text that is safe in every syndication format we write.

XML 1.0 allows only tab, newline, carriage return and the characters from
U+0020 up, less the surrogates and U+FFFE/U+FFFF. A control character or a
lone surrogate in a feed makes the whole document unreadable to a strict
parser, so everything written into a feed passes through :func:`clean` first.
(The actions already strip control characters from what the desk types; this
is the second line, for everything else.)
"""

from __future__ import annotations

import re

_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML_CHAR.sub("", value)


def escape_text(value: str) -> str:
    """Character data: ``]]>`` can never appear because ``>`` is escaped too."""
    return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(value: str) -> str:
    """An attribute value in double quotes, whitespace kept as written."""
    return (
        escape_text(value)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )

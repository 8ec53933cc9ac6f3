"""A small streaming XML writer for feeds and sitemaps.

Every name is written as given (callers use fixed, namespaced names) and every
text and attribute value is cleaned and escaped (see ``text.py``), so the
output is well-formed whatever the desk wrote.
"""

from __future__ import annotations

from collections.abc import Mapping

from .text import escape_attr, escape_text

Attrs = Mapping[str, str | None]


class XMLWriter:
    def __init__(self) -> None:
        self._parts: list[str] = ['<?xml version="1.0" encoding="utf-8"?>\n']
        self._open: list[str] = []

    @staticmethod
    def _attrs(attrs: Attrs | None) -> str:
        if not attrs:
            return ""
        return "".join(
            f' {name}="{escape_attr(value)}"' for name, value in attrs.items() if value is not None
        )

    def start(self, name: str, attrs: Attrs | None = None) -> None:
        self._parts.append(f"<{name}{self._attrs(attrs)}>")
        self._open.append(name)

    def end(self, name: str) -> None:
        expected = self._open.pop()
        if expected != name:
            raise ValueError(f"</{name}> closes <{expected}>")
        self._parts.append(f"</{name}>\n")

    def element(self, name: str, text: str | None = None, attrs: Attrs | None = None) -> None:
        """``<name attrs>text</name>``, or ``<name attrs/>`` when ``text`` is None."""
        if text is None:
            self._parts.append(f"<{name}{self._attrs(attrs)}/>\n")
        else:
            self._parts.append(f"<{name}{self._attrs(attrs)}>{escape_text(text)}</{name}>\n")

    def newline(self) -> None:
        self._parts.append("\n")

    def bytes(self) -> bytes:
        if self._open:
            raise ValueError(f"unclosed elements: {', '.join(self._open)}")
        return "".join(self._parts).encode("utf-8")

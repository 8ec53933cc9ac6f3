"""Parse rendered pages so tests assert on exact elements, not substrings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data


def parse(html: str | bytes) -> Element:
    builder = _TreeBuilder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def find_all(root: Element, tag: str | None = None, **attrs: str | bool) -> list[Element]:
    """Elements matching ``tag`` and attributes (``True`` means present; ``class_`` is a class)."""
    found = []

    def matches(el: Element) -> bool:
        if tag and el.tag != tag:
            return False
        for name, wanted in attrs.items():
            if name == "class_":
                if wanted not in el.attrs.get("class", "").split():
                    return False
                continue
            key = name.replace("_", "-")
            if wanted is True:
                if key not in el.attrs:
                    return False
            elif el.attrs.get(key) != wanted:
                return False
        return True

    def walk(el: Element) -> None:
        for child in el.children:
            if matches(child):
                found.append(child)
            walk(child)

    walk(root)
    return found


def text_of(element: Element) -> str:
    return " ".join(element.text.split())


def status_of(url: str) -> int:
    """The HTTP status a plain GET of ``url`` gets (errors included)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class Clock:
    """A clock moved by hand (``clock.advance(minutes=5)``), passed where the
    code takes ``clock=``: retries and schedules come due without waiting."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

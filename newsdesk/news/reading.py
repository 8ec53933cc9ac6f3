"""Word count and reading time, by the rule Ghost publishes and readers know.

275 words a minute; the first image adds 12 seconds, the second 11, and so on
down to 3 seconds for the tenth image and every one after it; the result is
rounded to the nearest minute (halves up) and never shown below "1 min read".
Words are counted as Ghost counts them: runs of Latin, Greek or Cyrillic
letters and digits are one word each, and each CJK character is a word.
"""

from __future__ import annotations

import math
import re

WORDS_PER_MINUTE = 275

_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_IMG = re.compile(r"<img\b", re.IGNORECASE)
_WORD = re.compile(
    r"[a-zA-ZÀ-ÿ0-9_\u0392-\u03c9\u0410-\u04f9]+"
    r"|[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u309f\uac00-\ud7af]+"
)


def count_words(html: str) -> int:
    text = _TAG.sub(" ", html)
    count = 0
    for match in _WORD.finditer(text):
        word = match.group()
        count += len(word) if ord(word[0]) >= 0x4E00 else 1
    return count


def count_images(html: str) -> int:
    return len(_IMG.findall(html))


def image_seconds(images: int) -> int:
    return sum(max(12 - i, 3) for i in range(images))


def reading_time(words: int, images: int = 0) -> int:
    """Minutes to read, at least 1."""
    seconds = words / (WORDS_PER_MINUTE / 60) + image_seconds(images)
    minutes = math.floor(seconds / 60 + 0.5)
    return max(1, minutes)

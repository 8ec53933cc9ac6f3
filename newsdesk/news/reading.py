"""Word count and reading time, by the rule Ghost publishes, for every script.

275 words a minute; the first image adds 12 seconds, the second 11, and so on
down to 3 seconds for the tenth image and every one after it; the result is
rounded to the nearest minute (halves up) and never shown below "1 min read".

Words are counted by script:

- Chinese, Japanese kana and Korean exactly as Ghost counts them: each
  Han character or Hangul syllable is a word, a run of hiragana is one word
  (and katakana, which Ghost's pattern leaves out, is not counted).
- Scripts written with spaces (Latin, Cyrillic, Greek, Armenian, Georgian,
  Arabic, Hebrew, Devanagari and the other Indic scripts...) by their words:
  a run of letters, digits and combining marks (vowel signs, points) is one
  word, whatever else is mixed in. Ghost counts Arabic and Hebrew only when
  no Latin letter or digit is present, and Devanagari never; for Latin,
  Greek and Cyrillic text this counts as Ghost does (``It's`` is two words).
- Scripts written without spaces between words (Thai, Lao, Khmer, Burmese)
  by an estimate: their letters (combining marks left out) divided by the
  average letters per word in :data:`LETTERS_PER_WORD`. No maintained
  segmenter comes without a compiled dictionary library (ICU) or a large
  model, which this count, run on every save, does not justify.
"""

from __future__ import annotations

import math
import re
import unicodedata

from .languages import MARKS

WORDS_PER_MINUTE = 275

_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_IMG = re.compile(r"<img\b", re.IGNORECASE)
#: Ghost's pattern for Chinese, Japanese and Korean: a run starting at or after
#: U+4E00 (Han, Hangul) counts each character, a run of hiragana counts once.
_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u309f\uac00-\ud7af]+")
#: Left out of the count, as Ghost's pattern leaves them out: katakana.
_UNCOUNTED = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+")
#: Scripts written without spaces between words, and their average letters a word.
_UNSPACED = {
    "thai": ("\u0e00-\u0e7f", 4.0),
    "lao": ("\u0e80-\u0eff", 4.0),
    "khmer": ("\u1780-\u17ff\u19e0-\u19ff", 5.0),
    "myanmar": ("\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff", 5.0),
}
LETTERS_PER_WORD = {name: per for name, (_chars, per) in _UNSPACED.items()}
_UNSPACED_RUNS = {name: re.compile(f"[{chars}]+") for name, (chars, _per) in _UNSPACED.items()}


# Combining marks (vowel signs, points, accents) are part of the word they sit in.
_SPACED_WORD = re.compile(f"[\\w{MARKS}]+")


def count_words(html: str) -> int:
    text = _TAG.sub(" ", html)
    count = 0
    for match in _CJK.finditer(text):
        word = match.group()
        count += len(word) if ord(word[0]) >= 0x4E00 else 1
    text = _UNCOUNTED.sub(" ", _CJK.sub(" ", text))
    for name, runs in _UNSPACED_RUNS.items():
        letters = 0
        for match in runs.finditer(text):
            letters += sum(1 for c in match.group() if unicodedata.category(c).startswith("L"))
        if letters:
            count += max(1, round(letters / LETTERS_PER_WORD[name]))
            text = runs.sub(" ", text)
    return count + len(_SPACED_WORD.findall(text))


def count_images(html: str) -> int:
    return len(_IMG.findall(html))


def image_seconds(images: int) -> int:
    return sum(max(12 - i, 3) for i in range(images))


def reading_time(words: int, images: int = 0) -> int:
    """Minutes to read, at least 1."""
    seconds = words / (WORDS_PER_MINUTE / 60) + image_seconds(images)
    minutes = math.floor(seconds / 60 + 0.5)
    return max(1, minutes)

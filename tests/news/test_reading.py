"""Reading time follows Ghost's published rule, with words counted in every script."""

from __future__ import annotations

import re

import pytest

from newsdesk.news.reading import (
    LETTERS_PER_WORD,
    count_images,
    count_words,
    image_seconds,
    reading_time,
)


@pytest.mark.parametrize(
    ("words", "images", "minutes"),
    [
        (0, 0, 1),  # never below "1 min read"
        (1, 0, 1),
        (275, 0, 1),
        (412, 0, 1),  # 1.498 min rounds down
        (413, 0, 2),  # 1.502 min rounds up
        (550, 0, 2),
        (687, 0, 2),  # 2.498
        (688, 0, 3),
        (2750, 0, 10),
        (0, 1, 1),  # 12 s
        (275, 1, 1),  # 72 s
        (413, 1, 2),
        (275, 3, 2),  # 60 + 12 + 11 + 10 = 93 s -> 1.55 -> 2
        (0, 10, 1),  # 12+11+...+3 = 75 s -> 1.25 -> 1
        (0, 12, 1),  # 75 + 3 + 3 = 81 s
        (0, 20, 2),  # 75 + 10 * 3 = 105 s -> 1.75 -> 2
    ],
)
def test_reading_time(words: int, images: int, minutes: int) -> None:
    assert reading_time(words, images) == minutes


def test_image_seconds_decrease_from_twelve_to_three() -> None:
    assert [image_seconds(n) for n in range(5)] == [0, 12, 23, 33, 42]
    assert image_seconds(10) == 75
    assert image_seconds(11) == 78


def test_halves_round_up_like_javascript() -> None:
    # 35 images: 75 s for the first ten, 3 s for each of the other 25 = 150 s = 2.5 min.
    assert image_seconds(35) == 150
    assert reading_time(0, 35) == 3  # Math.round(2.5) is 3; Python's round() would say 2
    assert reading_time(0, 15) == 2  # 90 s = 1.5 min


def test_count_words_like_ghost() -> None:
    assert count_words("<p>Hello, world! It's 2026.</p>") == 5  # It, s
    assert count_words("<p>Київ і Харків</p>") == 3
    assert count_words("<p>停火协议</p>") == 4  # each CJK character counts
    assert count_words("<p>Ceasefire 停火 talks</p>") == 4
    assert count_words("<h2>A</h2><p>b<br>c</p>") == 3
    assert count_words("") == 0


def test_count_images() -> None:
    assert count_images('<p><img src="a.png" alt=""><IMG src="b.png"></p>') == 2


# Every script ------------------------------------------------------------------

_GHOST = re.compile(
    r"[a-zA-ZÀ-ÿ0-9_\u0392-\u03c9\u0410-\u04f9]+"
    r"|[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u309f\uac00-\ud7af]+"
)


def ghost_count(html: str) -> int:
    """Ghost's countWords(), line for line (@tryghost/helpers reading-time)."""
    text = re.sub(r"<(.|\n)*?>", " ", html)
    return sum(len(w) if ord(w[0]) >= 0x4E00 else 1 for w in _GHOST.findall(text))


def _text(words: list[str], count: int) -> str:
    return " ".join(words[i % len(words)] for i in range(count))


ARABIC = [
    "أعلنت",
    "الحكومة",
    "اليوم",
    "عن",
    "خطة",
    "جديدة",
    "لإعادة",
    "بناء",
    "المدارس",
    "المتضررة",
]
HEBREW = ["הממשלה", "הודיעה", "היום", "על", "תוכנית", "חדשה", "לשיקום", "בתי", "הספר", "שנפגעו"]
HINDI = ["सरकार", "ने", "आज", "क्षतिग्रस्त", "स्कूलों", "के", "पुनर्निर्माण", "की", "नई", "योजना"]


@pytest.mark.parametrize("words", [ARABIC, HEBREW, HINDI], ids=["arabic", "hebrew", "hindi"])
def test_600_words_of_a_spaced_script_read_2_minutes(words: list[str]) -> None:
    html = f"<p>{_text(words, 600)}</p>"
    assert count_words(html) == 600
    assert reading_time(count_words(html)) == 2
    # A year and a Latin name in the text: still every word counted (Ghost: 3).
    mixed = f"<p>{_text(words, 300)} 2026 Volodymyr Zelensky {_text(words, 300)}</p>"
    assert count_words(mixed) == 603
    assert ghost_count(mixed) == 3
    assert reading_time(count_words(mixed)) == 2


def test_words_keep_their_vowel_signs_and_points() -> None:
    assert count_words("<p>हिन्दी समाचार</p>") == 2  # the vowel signs do not split a word
    assert count_words("<p>שָׁלוֹם עוֹלָם</p>") == 2  # nor the Hebrew points
    assert count_words("<p>مُحَمَّد، القاهرة</p>") == 2


@pytest.mark.parametrize(
    "html",
    [
        "<p>停火协议</p>",
        "<p>北京时间今天上午，两国代表在日内瓦举行会谈。</p>",
        "<p>Ceasefire 停火 talks, 2026</p>",
        "<p>東京で地震がありました。</p>",
        "<p>きょうは テレビで ニュースを みました</p>",  # katakana: Ghost leaves it out
        "<p>서울에서 회담이 열렸다</p>",
        "<h2>速報</h2><p>震度5強の地震 Tokyo</p>",
    ],
)
def test_chinese_japanese_and_korean_count_as_ghost_does(html: str) -> None:
    assert count_words(html) == ghost_count(html)


def test_english_and_ukrainian_count_as_ghost_does() -> None:
    for html in (
        "<p>Hello, world! It's 2026. Naïve café-owners re-open.</p>",
        "<p>Київ і Харків: ворог атакував енергетику вночі, 7 грудня.</p>",
    ):
        assert count_words(html) == ghost_count(html)


def test_thai_lao_khmer_and_burmese_are_estimated_from_their_letters() -> None:
    # Tone marks and vowels above or below a letter are not letters of their own.
    thai = "ข่าวด่วนวันนี้" * 5  # 9 letters each
    assert count_words(f"<p>{thai}</p>") == round(45 / LETTERS_PER_WORD["thai"])
    assert count_words("<p>ຂ່າວດ່ວນ</p>") == round(6 / LETTERS_PER_WORD["lao"])
    assert count_words("<p>ព័ត៌មាន</p>") >= 1
    assert count_words("<p>မြန်မာ သတင်း</p>") >= 1
    assert count_words("<p>ข่าว Bangkok 2026</p>") == 3  # 1 estimated, 2 spaced

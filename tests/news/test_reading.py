"""Reading time follows Ghost's published rule exactly."""

from __future__ import annotations

import pytest

from newsdesk.news.reading import count_images, count_words, image_seconds, reading_time


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

"""Posts from other networks in a body: recognised strictly, stored as a marker
around a plain link, shown to readers as a card that loads nothing by itself."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsdesk.news import embeds
from newsdesk.news.rendering import render_markdown, sanitise
from tests.helpers import find_all, parse, text_of

RECOGNISED = [
    ("https://t.me/kyiv_desk/4512", "telegram", "https://t.me/kyiv_desk/4512",
     "https://t.me/kyiv_desk/4512?embed=1"),
    ("https://telegram.me/kyiv_desk/4512/", "telegram", "https://t.me/kyiv_desk/4512",
     "https://t.me/kyiv_desk/4512?embed=1"),
    ("https://T.ME/kyiv_desk/4512?single", "telegram", "https://t.me/kyiv_desk/4512",
     "https://t.me/kyiv_desk/4512?embed=1"),
    ("https://x.com/deskwatch/status/1865432100000000001", "x",
     "https://x.com/deskwatch/status/1865432100000000001",
     "https://platform.twitter.com/embed/Tweet.html?id=1865432100000000001&dnt=true"),
    ("https://twitter.com/deskwatch/status/1865432100000000001?s=20", "x",
     "https://x.com/deskwatch/status/1865432100000000001",
     "https://platform.twitter.com/embed/Tweet.html?id=1865432100000000001&dnt=true"),
    ("https://mobile.twitter.com/deskwatch/status/42", "x",
     "https://x.com/deskwatch/status/42",
     "https://platform.twitter.com/embed/Tweet.html?id=42&dnt=true"),
    ("https://bsky.app/profile/desk.example.org/post/3lbq2m4yx6k2a", "bluesky",
     "https://bsky.app/profile/desk.example.org/post/3lbq2m4yx6k2a",
     "https://embed.bsky.app/embed/desk.example.org/app.bsky.feed.post/3lbq2m4yx6k2a"),
    ("https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3lbq2m4yx6k2a", "bluesky",
     "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3lbq2m4yx6k2a",
     "https://embed.bsky.app/embed/did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3lbq2m4yx6k2a"),
    ("https://mastodon.social/@deskwatch/113456789012345678", "mastodon",
     "https://mastodon.social/@deskwatch/113456789012345678",
     "https://mastodon.social/@deskwatch/113456789012345678/embed"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "youtube",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://youtube.com/shorts/dQw4w9WgXcQ", "youtube",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://youtu.be/dQw4w9WgXcQ", "youtube",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ("https://vimeo.com/76979871", "vimeo", "https://vimeo.com/76979871",
     "https://player.vimeo.com/video/76979871?dnt=1"),
]  # fmt: skip


@pytest.mark.parametrize(("address", "provider", "url", "frame"), RECOGNISED)
def test_every_provider_s_forms_are_recognised(
    address: str, provider: str, url: str, frame: str
) -> None:
    embed = embeds.recognise(address)
    assert embed == embeds.Embed(provider, url, frame)


# Addresses that must never become an embed, with what the line becomes.
LINK, TEXT = "link", "text"
HOSTILE = [
    ("https://t.me.evil.example/kyiv_desk/4512", LINK),  # lookalike host
    ("https://evil-t.me/kyiv_desk/4512", LINK),
    ("https://t.me@evil.example/kyiv_desk/4512", LINK),  # userinfo trick
    ("https://user:pw@t.me/kyiv_desk/4512", LINK),
    ("https://t.me:8443/kyiv_desk/4512", LINK),  # a port
    ("https://t.me./kyiv_desk/4512", LINK),  # trailing dot
    ("https://t.mе/kyiv_desk/4512", LINK),  # a Cyrillic letter: an IDN lookalike
    ("https://xn--t-8sb.me/kyiv_desk/4512", LINK),
    ("https://уoutube.com/watch?v=dQw4w9WgXcQ", LINK),  # a Cyrillic letter
    ("http://t.me/kyiv_desk/4512", LINK),  # downgrade to http
    ("https://t.me/kyiv_desk/45123456789012345", LINK),  # overlong id
    ("https://t.me/" + "a" * 40 + "/1", LINK),  # overlong channel
    ("https://x.com/deskwatch/status/123456789012345678901", LINK),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQQ", LINK),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=aaaaaaaaaaa", LINK),
    ("https://vimeo.com/769798711234567", LINK),
    ("https://bsky.app/profile/desk.example.org/post/../../x", LINK),
    ("https://evil.example/@deskwatch/113456789012345678", LINK),  # not a listed instance
    ("https://t.me/kyiv_desk/4512#<script>", TEXT),  # a character no URL has
    ("javascript:alert(1)", TEXT),
    ("JaVaScRiPt://t.me/kyiv_desk/4512", TEXT),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", TEXT),
    ("//t.me/kyiv_desk/4512", TEXT),
    ("https:/t.me/kyiv_desk/4512", TEXT),
    ("https://t.me\\@evil.example/kyiv_desk/4512", TEXT),
]


@pytest.mark.parametrize(("address", "becomes"), HOSTILE)
def test_hostile_addresses_are_a_plain_link_or_text(address: str, becomes: str) -> None:
    assert embeds.recognise(address) is None
    html = render_markdown(address)
    tree = parse(html)
    assert "data-embed-url" not in html and "iframe" not in html and "<script" not in html
    links = find_all(tree, "a")
    if becomes == LINK:
        assert [a.attrs for a in links] == [{"href": address, "rel": "nofollow noopener"}]
    else:
        # Markdown's backslash escape is the one change to the text.
        assert links == [] and text_of(tree) == address.replace("\\@", "@")


def test_a_post_on_a_line_of_its_own_is_stored_as_a_marker_around_a_link() -> None:
    html = render_markdown(
        "Before.\n\nhttps://t.me/kyiv_desk/4512\n\nSee <https://youtu.be/dQw4w9WgXcQ>\n\n"
        "<https://vimeo.com/76979871>"
    )
    markers = find_all(parse(html), "div", class_="embed")
    assert [m.attrs["data-embed-url"] for m in markers] == [
        "https://t.me/kyiv_desk/4512",
        "https://vimeo.com/76979871",
    ]
    # In a sentence an address stays the link it was.
    assert '<a href="https://youtu.be/dQw4w9WgXcQ" rel="nofollow noopener">' in html
    assert embeds.urls(html) == ["https://t.me/kyiv_desk/4512", "https://vimeo.com/76979871"]
    assert embeds.origins(html) == ["https://player.vimeo.com", "https://t.me"]


def test_a_post_inside_a_list_or_quote_stays_a_link() -> None:
    html = render_markdown("- https://t.me/kyiv_desk/4512\n\n> https://t.me/kyiv_desk/4513")
    assert "data-embed-url" not in html


def test_the_sanitiser_drops_a_marker_whose_address_we_would_not_have_built() -> None:
    forged = (
        '<div class="embed" data-embed-url="https://t.me.evil.example/a/1"><p>x</p></div>'
        '<div class="embed" data-embed-url="https://T.ME/kyiv_desk/4512"><p>y</p></div>'
        '<div class="card" data-embed-url="https://t.me/kyiv_desk/4512" onclick="x()">z</div>'
    )
    clean = sanitise(forged)
    assert [d.attrs for d in find_all(parse(clean), "div")] == [
        {"class": "embed"},
        {"class": "embed"},
        {"data-embed-url": "https://t.me/kyiv_desk/4512"},
    ]
    assert "evil" not in clean and "T.ME" not in clean
    assert 'class="card"' not in clean and "onclick" not in clean
    assert embeds.urls(clean) == []


def test_a_card_shows_the_preview_as_text_and_a_button_naming_the_network() -> None:
    html = render_markdown("https://t.me/kyiv_desk/4512")
    preview = embeds.Preview(
        text='<img src=x onerror="alert(1)"> Sirens', author="Kyiv <b>desk</b>"
    )
    page = embeds.expand(html, {"https://t.me/kyiv_desk/4512": preview})
    tree = parse(page)
    (card,) = find_all(tree, "aside", class_="embed")
    assert find_all(card, "img") == [] and find_all(card, "b") == []
    assert (
        text_of(find_all(card, "blockquote")[0])
        == '<img src=x onerror="alert(1)"> Sirens— Kyiv <b>desk</b>'
    )
    (button,) = find_all(card, "button")
    assert button.attrs["data-embed-frame"] == "https://t.me/kyiv_desk/4512?embed=1"
    assert "hidden" in button.attrs
    assert text_of(button) == "Load post from Telegram"
    assert find_all(tree, "iframe") == [] and find_all(tree, "script") == []
    assert [a.attrs["href"] for a in find_all(card, "a")] == ["https://t.me/kyiv_desk/4512"]


def test_without_preview_text_the_card_is_the_network_the_link_and_the_button() -> None:
    page = embeds.expand(render_markdown("https://vimeo.com/76979871"), {})
    (card,) = find_all(parse(page), "aside")
    assert find_all(card, "blockquote") == []
    assert text_of(find_all(card, "p", class_="embed-provider")[0]) == "Vimeo"


def test_feeds_get_the_link_and_text_without_a_button() -> None:
    html = render_markdown("https://x.com/deskwatch/status/42")
    page = embeds.expand(
        html, {"https://x.com/deskwatch/status/42": embeds.Preview("Hello")}, interactive=False
    )
    assert "button" not in page and "data-embed-frame" not in page
    assert "Hello" in page and 'href="https://x.com/deskwatch/status/42"' in page


HOSTS = [
    "t.me",
    "telegram.me",
    "x.com",
    "twitter.com",
    "bsky.app",
    "youtu.be",
    "youtube.com",
    "vimeo.com",
    "mastodon.social",
    "t.me.evil.example",
    "evil.example",
    "T.ME",
    "t.me.",
]
FRAME_HOSTS = {
    "t.me",
    "platform.twitter.com",
    "embed.bsky.app",
    "www.youtube-nocookie.com",
    "player.vimeo.com",
    "mastodon.social",
}
ADDRESSES = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, user, host, path: f"{scheme}://{user}{host}/{path}",
        st.sampled_from(["https", "http", "HTTPS", "javascript", "data"]),
        st.sampled_from(["", "user@", "t.me@", "a:b@"]),
        st.sampled_from(HOSTS),
        st.text(alphabet="abcdefghij_0123456789/?=&@.:%#-", max_size=60),
    ),
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(ADDRESSES)
def test_whatever_is_recognised_is_a_known_network_with_an_address_we_built(value: str) -> None:
    embed = embeds.recognise(value)
    if embed is None:
        return
    assert embeds.recognise(embed.url) == embed
    assert urlsplit(embed.frame).scheme == "https"
    assert urlsplit(embed.frame).hostname in FRAME_HOSTS
    assert urlsplit(value.strip()).hostname in {h.lower() for h in HOSTS[:9]} | {
        "www.youtube.com", "m.youtube.com", "www.x.com", "www.twitter.com", "mobile.twitter.com",
        "www.vimeo.com", "mastodon.social",
    }  # fmt: skip
    assert not any(c in embed.url + embed.frame for c in "<>\"' \\`")

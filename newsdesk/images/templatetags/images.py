"""``{% responsive_image image alt sizes=... %}``: an ``<img>`` with its WebP srcset."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from newsdesk.images.models import Image

register = template.Library()


@register.simple_tag
def responsive_image(
    image: Image | None,
    alt: str,
    sizes: str = "100vw",
    width: int = 960,
    loading: str = "lazy",
    css_class: str = "",
) -> SafeString:
    """The rendition nearest ``width`` as ``src``, every rendition in ``srcset``.

    ``width`` and ``height`` are the picked rendition's, so the browser keeps
    the space before the file arrives. Every value is escaped.
    """
    if image is None:
        return SafeString("")
    chosen = image.rendition(int(width))
    w, h = (chosen["width"], chosen["height"]) if chosen else (image.width, image.height)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'loading="{}" decoding="async"{}>',
        image.src(int(width)),
        image.srcset(),
        sizes,
        alt,
        int(w),
        int(h),
        loading,
        format_html(' class="{}"', css_class) if css_class else "",
    )

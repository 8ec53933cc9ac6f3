import re

from django.urls import path, re_path

from newsdesk.news.languages import URL_CODE

from . import sitemaps, views
from .entries import FORMATS

app_name = "feeds"

urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemaps/site.xml", sitemaps.site, name="sitemap-site"),
    path("sitemaps/news.xml", sitemaps.news, name="sitemap-news"),
    path("sitemaps/<str:kind>-<int:number>.xml", sitemaps.part, name="sitemap-part"),
]
for fmt, (filename, _media_type) in FORMATS.items():
    urlpatterns += [
        path(filename, views.site_feed, {"fmt": fmt}, name=f"site-{fmt}"),
        path(f"tag/<str:slug>/{filename}", views.tag_feed, {"fmt": fmt}, name=f"tag-{fmt}"),
        path(
            f"author/<str:slug>/{filename}", views.author_feed, {"fmt": fmt}, name=f"author-{fmt}"
        ),
        path(
            f"live/<str:slug>/{filename}",
            views.coverage_feed,
            {"fmt": fmt},
            name=f"coverage-{fmt}",
        ),
        re_path(
            rf"^(?P<language>{URL_CODE})/{re.escape(filename)}$",
            views.language_feed,
            {"fmt": fmt},
            name=f"language-{fmt}",
        ),
    ]

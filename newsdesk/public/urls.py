from django.urls import path, re_path

from newsdesk.news.languages import URL_CODE

from . import coverages, follow, search, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="feed"),
    path("news/<str:slug>/", views.article, name="article"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<str:slug>/", views.author, name="author"),
    path("live/<str:slug>/", coverages.coverage, name="coverage"),
    path("follow/", follow.follow, name="follow"),
    path("search", search.search, name="search"),
    path("opensearch.xml", search.opensearch, name="opensearch"),
    # One language's News Feed: /uk/, /en/ (any of the site's languages).
    re_path(rf"^(?P<language>{URL_CODE})/$", views.feed, name="language-feed"),
]

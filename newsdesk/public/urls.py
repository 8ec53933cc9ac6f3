from django.urls import path

from . import search, views

app_name = "public"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("news/<str:slug>/", views.article, name="article"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("author/<str:slug>/", views.author, name="author"),
    path("search", search.search, name="search"),
    path("opensearch.xml", search.opensearch, name="opensearch"),
]

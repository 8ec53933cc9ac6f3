from django.contrib import admin
from django.urls import include, path, re_path

from newsdesk.images.views import media

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("newsdesk.api.urls")),
    path("desk/", include("newsdesk.desk.urls")),
    path("", include("newsdesk.feeds.urls")),
    path("", include("newsdesk.public.urls")),
    # Uploaded media in the embedded shape; behind a proxy or object storage
    # in production, this route is simply never reached.
    re_path(r"^media/(?P<path>.*)$", media),
]

handler404 = "newsdesk.public.views.not_found"

from django.contrib import admin
from django.urls import include, path, re_path

from newsdesk.desk.views import home as desk_home
from newsdesk.images.views import media
from newsdesk.tips.inbox import inbox as tips_inbox
from newsdesk.wire.callback import push_callback
from newsdesk.wire.views import queue as wire_queue

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("newsdesk.api.urls")),
    path("desk/wire/", include("newsdesk.wire.urls")),
    path("desk/tips/", include("newsdesk.tips.desk_urls")),
    path("desk/", include("newsdesk.desk.urls")),
    re_path(r"^desk$", desk_home),  # the same access rule without the slash
    re_path(r"^desk/wire$", wire_queue),
    re_path(r"^desk/tips$", tips_inbox),
    # WebSub hubs verify and deliver here (newsdesk/wire/push.py).
    path("wire/push/<str:token>/", push_callback, name="wire_push"),
    path("", include("newsdesk.alerts.urls")),
    path("", include("newsdesk.push.urls")),
    path("", include("newsdesk.tips.urls")),
    path("", include("newsdesk.feeds.urls")),
    path("", include("newsdesk.public.urls")),
    # Uploaded media in the embedded shape; behind a proxy or object storage
    # in production, this route is simply never reached.
    re_path(r"^media/(?P<path>.*)$", media),
]

handler404 = "newsdesk.public.views.not_found"
handler500 = "newsdesk.server.unavailable.server_error"

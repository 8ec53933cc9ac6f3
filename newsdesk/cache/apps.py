from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CacheConfig(AppConfig):
    name = "newsdesk.cache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self) -> None:
        from django.conf import settings

        from newsdesk.news.outbox import events_committed

        from . import checks, invalidation  # noqa: F401  (checks registers the system checks)
        from .store import PAGES

        PAGES.max_bytes = settings.NEWSDESK_PAGE_CACHE_MB * 1024 * 1024
        backend = settings.NEWSDESK_PAGE_CACHE_BACKEND
        if settings.REDIS_URL and PAGES.max_bytes and backend in {"auto", "redis"}:
            from .shared import RedisPages

            PAGES.shared = RedisPages(
                settings.REDIS_URL, prefix=settings.NEWSDESK_PAGE_CACHE_REDIS_PREFIX
            )
        events_committed.connect(invalidation.on_commit, dispatch_uid="newsdesk-page-cache")

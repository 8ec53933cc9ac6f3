"""Settings for newsdesk, read from the environment and nowhere else.

Every variable is documented in docs/operations.md. A value that cannot be
parsed does not crash the process here: it is recorded in
``NEWSDESK_CONFIG_ERRORS`` and reported by the ``newsdesk.E00x`` system checks
(see ``newsdesk/news/checks.py``), which say how to fix it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import zoneinfo
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url

PACKAGE_DIR = Path(__file__).resolve().parent
_source_root = PACKAGE_DIR.parent
_default_data_dir = (
    _source_root / "var" if (_source_root / "pyproject.toml").exists() else Path.cwd() / "var"
)

NEWSDESK_CONFIG_ERRORS: list[tuple[str, str, str]] = []


def _error(check_id: str, message: str, hint: str) -> None:
    NEWSDESK_CONFIG_ERRORS.append((check_id, message, hint))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    _error(
        "newsdesk.E001",
        f"{name}={raw!r} is not a boolean.",
        f"Set {name} to one of 1, true, yes, on, 0, false, no, off.",
    )
    return default


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if not minimum <= value <= maximum:
        _error(
            "newsdesk.E002",
            f"{name}={raw!r} is not a whole number between {minimum} and {maximum}.",
            f"Set {name} to a whole number between {minimum} and {maximum}, or unset it "
            f"to use the default ({default}).",
        )
        return default
    return value


def env_float(name: str, default: float, *, minimum: float, maximum: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = minimum - 1
    if not minimum <= value <= maximum:
        _error(
            "newsdesk.E002",
            f"{name}={raw!r} is not a number between {minimum} and {maximum}.",
            f"Set {name} to a number between {minimum} and {maximum}, or unset it "
            f"to use the default ({default}).",
        )
        return default
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        _error(
            "newsdesk.E008",
            f"{name}={value!r} is not one of {', '.join(choices)}.",
            f"Set {name} to one of {', '.join(choices)}.",
        )
        return default
    return value


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str, code: str) -> list[str]:
    """A comma-separated list of IP addresses or networks; others are reported."""
    values = env_list(name, "")
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            _error(
                code,
                f"{name} has {value!r}, which is not an IP address or network.",
                "List addresses or networks, comma-separated, e.g. 127.0.0.1,10.20.0.0/16; "
                "host names are not accepted (they can change).",
            )
    return values


DATA_DIR = Path(os.environ.get("NEWSDESK_DATA_DIR", str(_default_data_dir))).resolve()


def _ensure_data_dir() -> None:
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _error(
            "newsdesk.E003",
            f"The data directory {DATA_DIR} cannot be created: {exc.strerror}.",
            "Set NEWSDESK_DATA_DIR to a writable directory.",
        )


def _load_secret_key() -> str:
    from_env = os.environ.get("NEWSDESK_SECRET_KEY", "")
    if from_env:
        return from_env
    _ensure_data_dir()
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return key_file.read_text().strip()
    except OSError as exc:
        _error(
            "newsdesk.E004",
            f"The secret key file {key_file} cannot be written: {exc.strerror}.",
            "Set NEWSDESK_SECRET_KEY, or make NEWSDESK_DATA_DIR writable.",
        )
        return key
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


SECRET_KEY = _load_secret_key()
DEBUG = env_bool("NEWSDESK_DEBUG", False)
ALLOWED_HOSTS = env_list("NEWSDESK_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("NEWSDESK_CSRF_TRUSTED_ORIGINS", "")

NEWSDESK_SITE_NAME = os.environ.get("NEWSDESK_SITE_NAME", "Newsdesk")
NEWSDESK_SITE_URL = os.environ.get("NEWSDESK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
NEWSDESK_PAGE_SIZE = env_int("NEWSDESK_PAGE_SIZE", 20, minimum=1, maximum=100)
NEWSDESK_THREADS = env_int("NEWSDESK_THREADS", 8, minimum=1, maximum=64)
# Web processes `newsdesk serve` starts: one per core answers cached pages
# fastest; each keeps its own page cache and live hub, both fed by the outbox.
NEWSDESK_WEB_PROCESSES = env_int("NEWSDESK_WEB_PROCESSES", 1, minimum=1, maximum=64)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "newsdesk.site",
    "newsdesk.feeds",
    "newsdesk.hooks",
    "newsdesk.news",
    "newsdesk.public",
    "newsdesk.search",
    "newsdesk.live",
    "newsdesk.cache",
    "newsdesk.images",
    "ninja",
    "newsdesk.api",
    "newsdesk.wire",
    "newsdesk.tips",
    "newsdesk.desk",
    "newsdesk.alerts",
    "newsdesk.push",
    "newsdesk.worker",
    "newsdesk.server",
]

MIDDLEWARE = [
    "newsdesk.server.middleware.RouteMiddleware",
    "newsdesk.server.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.public.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsdesk.desk.middleware.DeskMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

_loaders: list[Any] = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.public.context_processors.site",
            ],
            # Cached even under DEBUG=False only, which is Django's default;
            # spelled out so the choice is visible.
            "loaders": _loaders if DEBUG else [("django.template.loaders.cached.Loader", _loaders)],
        },
    },
]

# Database ---------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
SQLITE_OPTIONS = {
    # Writers queue on BEGIN IMMEDIATE instead of failing half-way through a
    # transaction with "database is locked" when they upgrade a read lock.
    "transaction_mode": "IMMEDIATE",
    # Seconds a connection waits for the write lock (busy timeout).
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY;"
        "PRAGMA cache_size=-20000;"
    ),
}


# Seconds a server thread keeps its database connection. Set whichever way
# the database is configured: dj_database_url.parse() always returns
# CONN_MAX_AGE 0 and CONN_HEALTH_CHECKS False, so a setdefault() after it
# would leave every DATABASE_URL deployment reconnecting for each request
# (tests/test_settings_database.py reads the effective values).
SQLITE_CONN_MAX_AGE = 600
POSTGRES_CONN_MAX_AGE = 60


def _database() -> dict[str, Any]:
    if not DATABASE_URL:
        _ensure_data_dir()
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "newsdesk.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
            # Each server thread keeps its connection (and SQLite's page cache
            # with it) instead of opening the file and running the PRAGMAs
            # above for every request: about 2 ms of an uncached page.
            "CONN_MAX_AGE": SQLITE_CONN_MAX_AGE,
            # Tests use a file too, so they run in WAL mode like production and
            # a live server thread sees the same database.
            "TEST": {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL))
    except (ValueError, KeyError) as exc:
        _error(
            "newsdesk.E005",
            f"DATABASE_URL cannot be used: {exc}.",
            "Use sqlite:////absolute/path/newsdesk.sqlite3 or "
            "postgres://USER:PASSWORD@HOST:5432/NAME.",
        )
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        config["CONN_MAX_AGE"] = SQLITE_CONN_MAX_AGE
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = POSTGRES_CONN_MAX_AGE
        # A connection kept across requests may have been closed by the
        # server or a restart: checked once before a request reuses it.
        config["CONN_HEALTH_CHECKS"] = True
    else:
        _error(
            "newsdesk.E006",
            f"DATABASE_URL names an unsupported database ({engine or 'unknown'}).",
            "newsdesk runs on SQLite (sqlite:///...) or PostgreSQL (postgres://...).",
        )
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    return config


DATABASES = {"default": _database()}

# A read replica for public pages (newsdesk/server/replica.py): anonymous
# GET/HEAD outside the desk, /admin and the Admin API read it while it has
# replayed every event this process knows of; everything else reads and
# writes the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()


def _replica() -> dict[str, Any] | None:
    if not DATABASE_REPLICA_URL:
        return None
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        _error(
            "newsdesk.E012",
            "DATABASE_REPLICA_URL is set but DATABASE_URL is not PostgreSQL.",
            "A read replica needs PostgreSQL as the primary (DATABASE_URL=postgres://...); "
            "unset DATABASE_REPLICA_URL on SQLite.",
        )
        return None
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(DATABASE_REPLICA_URL))
    except (ValueError, KeyError) as exc:
        config = {"ENGINE": f"unparsable ({exc})"}
    if config.get("ENGINE") != "django.db.backends.postgresql" or not config.get("NAME"):
        _error(
            "newsdesk.E012",
            "DATABASE_REPLICA_URL is not a PostgreSQL URL.",
            "Use postgres://USER:PASSWORD@HOST:5432/NAME (a streaming replica of "
            "DATABASE_URL), or unset it.",
        )
        return None
    config["CONN_MAX_AGE"] = POSTGRES_CONN_MAX_AGE
    config["CONN_HEALTH_CHECKS"] = True
    # A replica that is away must not hold a reader's request for long: the
    # request falls back to the primary.
    config["OPTIONS"] = {"connect_timeout": 2, **config.get("OPTIONS", {})}
    # In tests the replica is the test database itself.
    config["TEST"] = {"MIRROR": "default"}
    return config


_replica_config = _replica()
if _replica_config is not None:
    DATABASES["replica"] = _replica_config
    DATABASE_ROUTERS = ["newsdesk.server.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "newsdesk.server.replica.PublicReadsMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache (newsdesk/cache): rendered public pages kept in this process and
# dropped when the outbox says they changed; 0 turns it off.
NEWSDESK_PAGE_CACHE_MB = env_int("NEWSDESK_PAGE_CACHE_MB", 64, minimum=0, maximum=65_536)
# Pages shared by every web process: auto = in Redis as well when REDIS_URL
# is set (each process keeps its own copy in front), memory = per process.
NEWSDESK_PAGE_CACHE_BACKEND = env_choice(
    "NEWSDESK_PAGE_CACHE_BACKEND", "auto", ("auto", "memory", "redis")
)
# Key prefix in Redis, for several sites (or test runs) sharing one server.
NEWSDESK_PAGE_CACHE_REDIS_PREFIX = os.environ.get(
    "NEWSDESK_PAGE_CACHE_REDIS_PREFIX", "newsdesk:pages:"
)
# Pages readers ask for that a publish changes, rendered again before the
# old ones are dropped (the most requested first); 0 leaves them to readers.
NEWSDESK_PAGE_CACHE_WARM = env_int("NEWSDESK_PAGE_CACHE_WARM", 4, minimum=0, maximum=64)

# Caches in front (docs/operations.md, "Caches in front"): the headers that
# name a page's dependency keys, and the purger the worker tells when an
# outbox event moves them (newsdesk/hooks/purge.py). Checked by
# newsdesk/cache/checks.py.
NEWSDESK_SURROGATE_HEADERS = [
    name.lower() for name in env_list("NEWSDESK_SURROGATE_HEADERS", "Surrogate-Key,Cache-Tag,xkey")
]
NEWSDESK_PURGE = os.environ.get("NEWSDESK_PURGE", "").strip().lower() or "none"
NEWSDESK_PURGE_VARNISH_URLS = env_list("NEWSDESK_PURGE_VARNISH_URLS", "")
NEWSDESK_PURGE_FASTLY_API = os.environ.get("NEWSDESK_PURGE_FASTLY_API", "https://api.fastly.com")
NEWSDESK_PURGE_FASTLY_SERVICE = os.environ.get("NEWSDESK_PURGE_FASTLY_SERVICE", "").strip()
NEWSDESK_PURGE_FASTLY_TOKEN = os.environ.get("NEWSDESK_PURGE_FASTLY_TOKEN", "").strip()
NEWSDESK_PURGE_CLOUDFLARE_API = os.environ.get(
    "NEWSDESK_PURGE_CLOUDFLARE_API", "https://api.cloudflare.com"
)
NEWSDESK_PURGE_CLOUDFLARE_ZONE = os.environ.get("NEWSDESK_PURGE_CLOUDFLARE_ZONE", "").strip()
NEWSDESK_PURGE_CLOUDFLARE_TOKEN = os.environ.get("NEWSDESK_PURGE_CLOUDFLARE_TOKEN", "").strip()

# Live stream (newsdesk/live, docs/live-events.md) --------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    _error(
        "newsdesk.E009",
        f"REDIS_URL={REDIS_URL!r} is not a Redis URL.",
        "Use redis://HOST:6379/0 (or rediss:// for TLS), or unset REDIS_URL.",
    )
    REDIS_URL = ""
# Who wakes the live streams of every process when an event is committed:
# auto = redis when REDIS_URL is set, postgres on PostgreSQL, else memory.
NEWSDESK_LIVE_BROKER = env_choice(
    "NEWSDESK_LIVE_BROKER", "auto", ("auto", "memory", "postgres", "redis")
)
# How often a process reads the events table when no broker can wake it
# (the embedded default, or a broker that is down).
NEWSDESK_LIVE_POLL_SECONDS = env_float("NEWSDESK_LIVE_POLL_SECONDS", 0.5, minimum=0.05, maximum=60)
# On SQLite, how often the hub asks whether another process committed
# (PRAGMA data_version; newsdesk/live/freshness.py).
NEWSDESK_LIVE_WATCH_SECONDS = env_float(
    "NEWSDESK_LIVE_WATCH_SECONDS", 0.05, minimum=0.01, maximum=60
)
# How often it reads the table anyway while a broker is healthy.
NEWSDESK_LIVE_SAFETY_POLL_SECONDS = env_float(
    "NEWSDESK_LIVE_SAFETY_POLL_SECONDS", 10, minimum=0.5, maximum=600
)
NEWSDESK_LIVE_HEARTBEAT_SECONDS = env_float(
    "NEWSDESK_LIVE_HEARTBEAT_SECONDS", 12, minimum=0.1, maximum=60
)
# Who answers GET /live under `newsdesk serve`: "connection" hands the socket
# to a few-slot stream object after uvicorn parsed the request (the lean path);
# "asgi" keeps it an ASGI response like any other server would.
NEWSDESK_LIVE_HANDLER = env_choice("NEWSDESK_LIVE_HANDLER", "connection", ("connection", "asgi"))
NEWSDESK_LIVE_RETRY_MS = env_int("NEWSDESK_LIVE_RETRY_MS", 3000, minimum=100, maximum=600_000)
NEWSDESK_EVENT_RETENTION_DAYS = env_int(
    "NEWSDESK_EVENT_RETENTION_DAYS", 30, minimum=1, maximum=3650
)

# Accounts ---------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/desk/login/"
LOGIN_REDIRECT_URL = "/desk/"
# Sign-in throttle: this many failures in the window, per account and per
# client address, and further attempts wait for the window to pass.
NEWSDESK_LOGIN_FAILURES = env_int("NEWSDESK_LOGIN_FAILURES", 5, minimum=1, maximum=1000)
NEWSDESK_LOGIN_WINDOW_MINUTES = env_int(
    "NEWSDESK_LOGIN_WINDOW_MINUTES", 15, minimum=1, maximum=1440
)
# Proxies allowed to say who the client is (X-Forwarded-For); empty: the
# connection's own address is the client's, whatever the headers say.
NEWSDESK_TRUSTED_PROXIES = env_networks("NEWSDESK_TRUSTED_PROXIES", "newsdesk.E010")
# Accepted passwords are hashed whole (argon2), so long ones lose nothing.
NEWSDESK_PASSWORD_MAX = 1024

# Time and language ------------------------------------------------------
USE_TZ = True  # stored in UTC, shown in TIME_ZONE
TIME_ZONE = os.environ.get("NEWSDESK_TIME_ZONE", "UTC")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    _error(
        "newsdesk.E007",
        f"NEWSDESK_TIME_ZONE={TIME_ZONE!r} is not a known time zone.",
        "Use an IANA name such as Europe/London or UTC.",
    )
    TIME_ZONE = "UTC"
LANGUAGE_CODE = os.environ.get("NEWSDESK_LANGUAGE", "en")
USE_I18N = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The interface language is not negotiated with the browser: the reader
# site speaks the site settings' language and the desk each person's own
# (newsdesk.desk.middleware, newsdesk.site.interface), so a cached page
# never depends on Accept-Language.
# Dates and times in each language's own order and month names ("7 грудня
# 2026"), with the few formats Django's own do not say as we want.
FORMAT_MODULE_PATH = ["newsdesk.site.formats"]

# Static files and media -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# whitenoise warns at every start-up when it is missing; a failure is
# reported by newsdesk.E003 when the data directory itself cannot be made.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("NEWSDESK_MEDIA_ROOT", str(DATA_DIR / "media")))
# Image uploads (newsdesk/images, docs/images.md): refused above these limits.
NEWSDESK_IMAGE_MAX_BYTES = env_int(
    "NEWSDESK_IMAGE_MAX_BYTES", 20_000_000, minimum=1_000, maximum=200_000_000
)
NEWSDESK_IMAGE_MAX_PIXELS = env_int(
    "NEWSDESK_IMAGE_MAX_PIXELS", 50_000_000, minimum=1_000, maximum=170_000_000
)

# Security ---------------------------------------------------------------
SECURE = env_bool("NEWSDESK_SECURE", False)  # served over HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("NEWSDESK_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
# Ask browsers to ship the site in their HSTS preload lists: only once every
# subdomain is served over HTTPS too (hstspreload.org), since it is hard to undo.
SECURE_HSTS_PRELOAD = SECURE and env_bool("NEWSDESK_HSTS_PRELOAD", False)
if SECURE:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
NEWSDESK_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# The tip line (docs/operations.md, "Tips"): the keys tips are sealed with
# (base64url, 32 bytes each; the first seals, all open), only ever from the
# environment. Unset in development, one is made in the data directory;
# production (NEWSDESK_SECURE) refuses to start without it (newsdesk.E070).
NEWSDESK_TIPS_KEY = os.environ.get("NEWSDESK_TIPS_KEY", "").strip()
# A tip's attachments together, and the tips one address may send an hour.
NEWSDESK_TIPS_MAX_BYTES = env_int(
    "NEWSDESK_TIPS_MAX_BYTES", 10_000_000, minimum=10_000, maximum=100_000_000
)
NEWSDESK_TIPS_PER_HOUR = env_int("NEWSDESK_TIPS_PER_HOUR", 5, minimum=1, maximum=10_000)

# Feeds, search engines and webhooks (docs/feeds.md, docs/webhooks.md) --
NEWSDESK_FEED_SIZE = env_int("NEWSDESK_FEED_SIZE", 50, minimum=1, maximum=500)
NEWSDESK_SITEMAP_SIZE = env_int("NEWSDESK_SITEMAP_SIZE", 50_000, minimum=1, maximum=50_000)
# Cache-Control on pages and feeds: fresh for max-age seconds, then served
# stale for up to stale-while-revalidate more while a cache revalidates.
NEWSDESK_CACHE_MAX_AGE = env_int("NEWSDESK_CACHE_MAX_AGE", 30, minimum=0, maximum=86_400)
NEWSDESK_CACHE_STALE = env_int("NEWSDESK_CACHE_STALE", 60, minimum=0, maximum=86_400)
NEWSDESK_WEBSUB_HUB = os.environ.get("NEWSDESK_WEBSUB_HUB", "").strip()
NEWSDESK_LOGO_URL = os.environ.get("NEWSDESK_LOGO_URL", "").strip()
# Addresses (IPs or networks) webhooks may reach although they are not public.
NEWSDESK_WEBHOOK_ALLOW = env_list("NEWSDESK_WEBHOOK_ALLOW", "")
NEWSDESK_DELIVERY_MAX_ATTEMPTS = env_int(
    "NEWSDESK_DELIVERY_MAX_ATTEMPTS", 12, minimum=1, maximum=50
)

# E-mail (docs/alerts.md): EMAIL_URL names Django's e-mail backend, e.g.
# smtp://user:password@mail.example:587/?tls=True (STARTTLS),
# smtps://...:465 (TLS from the start) or console:// (development: messages
# are written to the log). Read with dj-email-url into Django's EMAIL_* settings.
EMAIL_URL = os.environ.get("EMAIL_URL", "console://").strip() or "console://"
try:
    _email = dj_email_url.parse(EMAIL_URL)
    if "EMAIL_BACKEND" not in _email:
        raise ValueError(f"unknown scheme {EMAIL_URL.split(':')[0]!r}")
except (ValueError, KeyError) as exc:
    _error(
        "newsdesk.E091",
        f"EMAIL_URL cannot be used: {exc}.",
        "Use smtp://user:password@host:587/?tls=True, smtps://user:password@host:465 "
        "or console://.",
    )
    _email = dj_email_url.parse("console://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
DEFAULT_FROM_EMAIL = os.environ.get("NEWSDESK_ALERTS_FROM", "").strip() or _email.get(
    "DEFAULT_FROM_EMAIL", "newsdesk@localhost"
)
# E-mail alerts: SMTP connections sending at once, how many subscribe forms
# one client address may send an hour, how long a confirmation link lasts,
# how long the links in every message (manage, unsubscribe) last, and how
# many permanent failures in a row stop a subscription.
NEWSDESK_ALERTS_CONNECTIONS = env_int("NEWSDESK_ALERTS_CONNECTIONS", 4, minimum=1, maximum=32)
NEWSDESK_ALERTS_SUBSCRIBE_RATE = env_int(
    "NEWSDESK_ALERTS_SUBSCRIBE_RATE", 10, minimum=1, maximum=10_000
)
NEWSDESK_ALERTS_CONFIRM_HOURS = env_int("NEWSDESK_ALERTS_CONFIRM_HOURS", 72, minimum=1, maximum=720)
NEWSDESK_ALERTS_LINK_DAYS = env_int("NEWSDESK_ALERTS_LINK_DAYS", 365, minimum=1, maximum=3650)
NEWSDESK_ALERTS_MAX_FAILURES = env_int("NEWSDESK_ALERTS_MAX_FAILURES", 3, minimum=1, maximum=20)

# The wire desk (docs/wire.md): addresses (IPs or networks) its fetches may
# reach although they are not public, and the limits on every fetch.
NEWSDESK_FETCH_ALLOW = env_networks("NEWSDESK_FETCH_ALLOW", "newsdesk.E031")
NEWSDESK_WIRE_DEADLINE = env_float("NEWSDESK_WIRE_DEADLINE", 30, minimum=0.1, maximum=600)
NEWSDESK_WIRE_MAX_BYTES = env_int(
    "NEWSDESK_WIRE_MAX_BYTES", 10_000_000, minimum=10_000, maximum=200_000_000
)
NEWSDESK_WIRE_PER_HOST = env_int("NEWSDESK_WIRE_PER_HOST", 2, minimum=1, maximum=32)
NEWSDESK_WIRE_BATCH = env_int("NEWSDESK_WIRE_BATCH", 8, minimum=1, maximum=1000)
# Embedded posts (docs/desk.md, "Embeds"): whether the worker fetches their
# preview text from the networks (off: cards show without it, and the server
# never asks a provider anything), and the Mastodon instances the desk may
# embed from (others' posts stay links), lower-case host names.
NEWSDESK_EMBED_PREVIEWS = env_bool("NEWSDESK_EMBED_PREVIEWS", True)
NEWSDESK_EMBED_MASTODON_HOSTS = [
    h.lower()
    for h in env_list(
        "NEWSDESK_EMBED_MASTODON_HOSTS",
        "mastodon.social,mastodon.online,mstdn.social,mas.to,journa.host",
    )
]
# A wire story is "spreading" once this many outlets report it within this
# many minutes: flagged on the monitor, announced on every open desk page.
NEWSDESK_WIRE_SPREAD_OUTLETS = env_int("NEWSDESK_WIRE_SPREAD_OUTLETS", 3, minimum=2, maximum=50)
NEWSDESK_WIRE_SPREAD_MINUTES = env_int("NEWSDESK_WIRE_SPREAD_MINUTES", 60, minimum=1, maximum=1440)

# Browser push (docs/push.md): the VAPID private key (unset: generated into
# the data directory on first use), the contact push services see (a mailto:
# or https: URI; the site's URL when unset), the addresses (IPs or networks)
# push messages may reach although they are not public, how long a push
# service keeps a message for a browser that is offline, and how many
# subscription changes one client address may make a minute.
NEWSDESK_VAPID_PRIVATE_KEY = os.environ.get("NEWSDESK_VAPID_PRIVATE_KEY", "").strip()
NEWSDESK_VAPID_SUBJECT = os.environ.get("NEWSDESK_VAPID_SUBJECT", "").strip()
NEWSDESK_PUSH_ALLOW = env_networks("NEWSDESK_PUSH_ALLOW", "newsdesk.E080")
NEWSDESK_PUSH_TTL = env_int("NEWSDESK_PUSH_TTL", 6 * 3600, minimum=0, maximum=28 * 86_400)
NEWSDESK_PUSH_RATE = env_int("NEWSDESK_PUSH_RATE", 10, minimum=1, maximum=10_000)

# The JSON API (docs/api.md) ---------------------------------------------
# Whether the Content API answers only requests with a content key (or an
# admin token); by default it is open, like the site.
NEWSDESK_API_CONTENT_KEYS_REQUIRED = env_bool("NEWSDESK_API_CONTENT_KEYS_REQUIRED", False)
# Requests a minute: per client address without a key, per content key, per
# admin token. Counted in Django's cache (per process unless it is shared).
NEWSDESK_API_RATE_ANONYMOUS = env_int(
    "NEWSDESK_API_RATE_ANONYMOUS", 120, minimum=1, maximum=1_000_000
)
NEWSDESK_API_RATE_CONTENT = env_int("NEWSDESK_API_RATE_CONTENT", 600, minimum=1, maximum=1_000_000)
NEWSDESK_API_RATE_ADMIN = env_int("NEWSDESK_API_RATE_ADMIN", 300, minimum=1, maximum=1_000_000)

# Operations (docs/operations.md): health, metrics, logs -------------------
# /metrics answers a bearer token or these addresses (IPs or networks); with
# neither it answers 403.
NEWSDESK_METRICS_TOKEN = os.environ.get("NEWSDESK_METRICS_TOKEN", "").strip()
if NEWSDESK_METRICS_TOKEN and len(NEWSDESK_METRICS_TOKEN) < 24:
    _error(
        "newsdesk.E060",
        "NEWSDESK_METRICS_TOKEN is shorter than 24 characters.",
        "Use a long random value, e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`, or unset it.",
    )
    NEWSDESK_METRICS_TOKEN = ""
NEWSDESK_METRICS_ALLOW = env_networks("NEWSDESK_METRICS_ALLOW", "newsdesk.E061")
# /readyz fails when no worker has finished a pass for this long.
NEWSDESK_WORKER_STALE_SECONDS = env_int(
    "NEWSDESK_WORKER_STALE_SECONDS", 60, minimum=10, maximum=86_400
)
# Seconds a 503 asks clients to wait (Retry-After) while the database fails.
NEWSDESK_RETRY_AFTER = env_int("NEWSDESK_RETRY_AFTER", 10, minimum=1, maximum=3600)
# One line per request on the newsdesk.access logger; off for `make demo`.
NEWSDESK_ACCESS_LOG = env_bool("NEWSDESK_ACCESS_LOG", False)
# Log lines as JSON objects (one per line, with the request id) or plain text.
NEWSDESK_LOG_FORMAT = env_choice("NEWSDESK_LOG_FORMAT", "plain", ("plain", "json"))
# Client addresses in the access log: off unless an operator needs them.
NEWSDESK_LOG_ADDRESSES = env_bool("NEWSDESK_LOG_ADDRESSES", False)

# Django's own upload limits, stated rather than implied.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "newsdesk.ops.logs.JsonFormatter"},
    },
    "filters": {"request_id": {"()": "newsdesk.ops.logs.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": NEWSDESK_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("NEWSDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Written only with NEWSDESK_ACCESS_LOG, whatever the root level.
        "newsdesk.access": {"level": "INFO"},
        # httpx names every URL it requests at INFO; a browser's push endpoint
        # is a capability, so only its warnings are written.
        "httpx": {"level": "WARNING"},
    },
}

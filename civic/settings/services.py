"""External services, each configured from one URL: the database, Redis (the Celery
broker and the cache) and outgoing mail."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .general import BASE_DIR, env

# DATABASES
# ------------------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)


def _database_from_env() -> dict:
    """Parse DATABASE_URL, failing with a message that names the variable."""
    url = env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a sqlite:// or postgres:// URL, got scheme {scheme!r}."
        )
    try:
        config = env.db_url_config(url)
    except Exception as exc:  # django-environ raises several unrelated types
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid URL: {exc}") from exc
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL does not name a database.")
    config["ATOMIC_REQUESTS"] = False
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Survive a PostgreSQL restart without poisoning persistent connections.
        config["CONN_HEALTH_CHECKS"] = True
        config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    else:
        config.setdefault("OPTIONS", {})
        # WAL and a busy timeout let the dev server, worker and tests share the file.
        config["OPTIONS"].update(
            {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            }
        )
    return config


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS: broker and cache. Unset means eager Celery and the database cache.
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL and urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
    raise ImproperlyConfigured(
        f"REDIS_URL must be a redis:// or rediss:// URL, got {REDIS_URL!r}."
    )

# The anonymous page cache (civic/cache.py) has its own alias, "pages": whole
# pages that can be thrown away at any moment, so it lives in its own Redis
# database (better: its own instance) with `maxmemory` and an LRU policy, away
# from the broker's queues and the rate-limit counters, which must never be
# evicted (docs/deployment.md, "Redis").
PAGE_CACHE_URL = env("PAGE_CACHE_URL", default="")
if PAGE_CACHE_URL and urlsplit(PAGE_CACHE_URL).scheme not in {
    "redis",
    "rediss",
    "unix",
}:
    raise ImproperlyConfigured(
        f"PAGE_CACHE_URL must be a redis:// or rediss:// URL, got {PAGE_CACHE_URL!r}."
    )


def redis_database(url: str, db: int) -> str:
    """The same Redis server as `url`, database number `db`."""
    parts = urlsplit(url)
    if parts.scheme == "unix":  # the socket's path stays; the database is ?db=
        return f"{url.split('?', 1)[0]}?db={db}"
    return parts._replace(path=f"/{db}").geturl()


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "civic",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Database 2 of the same server unless PAGE_CACHE_URL says otherwise.
            "LOCATION": PAGE_CACHE_URL
            or redis_database(REDIS_URL, env.int("PAGE_CACHE_REDIS_DB", default=2)),
            "KEY_PREFIX": "civic-pages",
        },
    }
else:
    # Shared across server processes, so allauth's rate limits and TOTP replay
    # protection still hold; a per-process memory cache would not.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "civic_cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "civic_cache",
            "KEY_PREFIX": "pages",
        },
    }

# EMAIL
# ------------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Participa Betim <nao-responda@betim.mg.gov.br>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

"""Test settings: the database comes from DATABASE_URL (SQLite by default, PostgreSQL
in CI); Celery runs eagerly unless a test starts a real worker."""

import os

from .base import *
from .base import DATABASES, REDIS_URL

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CIVIC_MFA_REQUIRED_FOR_STAFF = False
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Every request asks the shared cache for the current generation, so a test that
# changes data sees the change at once whichever thread serves the page.
CIVIC_PAGE_CACHE_LOCAL_SECONDS = 0
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"

_suffix = os.environ.get("TEST_DB_SUFFIX", "")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Lets two suites share one server (a developer's run and CI) without clashing.
    DATABASES["default"]["TEST"] = {"NAME": f"test_civic{_suffix}"}
else:
    # A file rather than SQLite's shared in-memory database, so the live server's
    # request threads open their own connections as a real server does.
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / "var" / f"test_civic{_suffix}.sqlite3")
    }


if REDIS_URL:
    # Each test gets its own key prefix (tests/conftest.py), so tests never see
    # each other's rate-limit counters and nobody needs FLUSHDB.
    CACHES["default"]["KEY_PREFIX"] = "civic-test"
    CACHES["pages"]["KEY_PREFIX"] = "civic-test-pages"

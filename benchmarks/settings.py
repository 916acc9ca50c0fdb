"""Settings for the benchmarks: production-like (DEBUG off, no debug toolbar),
without HTTPS redirects, and with the anonymous page cache off so every request
really searches. The database comes from DATABASE_URL, set by the script."""

from civic.settings.base import *  # noqa: F403
from civic.settings.base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="benchmark-only-key-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CIVIC_PAGE_CACHE_ENABLED = env.bool("CIVIC_PAGE_CACHE_ENABLED", default=False)
CIVIC_MFA_REQUIRED_FOR_STAFF = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
ROOT_URLCONF = "benchmarks.urls"

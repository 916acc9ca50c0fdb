"""Settings shared by every environment; everything variable comes from the environment.

See `.env.example` for the variables and the README for what each one does.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Português")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True

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

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "civic",
        }
    }
else:
    # Shared across server processes, so allauth's rate limits and TOTP replay
    # protection still hold; a per-process memory cache would not.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "civic_cache",
        }
    }

# APPS
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    # Django admin for superusers only, logging in through allauth.
    "civic.adminsite.CivicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
]
THIRD_PARTY_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail user management with forms for our User model.
    "civic.accounts.wagtail_apps.CivicUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rules.apps.AutodiscoverRulesConfig",
    # The open-data API; as an app, its docs page loads Swagger UI from its own
    # static files instead of a CDN.
    "ninja",
]
LOCAL_APPS = [
    "civic.accounts",
    "civic.territory",
    "civic.notifications",
    "home",
    "entities",
    "consultations",
]
INSTALLED_APPS = LOCAL_APPS[:1] + DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS[1:]

# AUTHENTICATION
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth
ACCOUNT_ADAPTER = "civic.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "civic.accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Participa Betim] "
# Tell people by email when their password, email or second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "https"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_RATE_LIMITS = {
    # ASVS 6.3.1: at most 5 wrong passwords per account every 5 minutes, and 10 a
    # minute per address, so one attacker cannot lock everyone out.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Participa Betim"
MFA_RECOVERY_CODE_COUNT = 10
# Staff, moderators and council secretaries act for the city: outside DEBUG they
# must use a second factor (ASVS 6.3.2).
CIVIC_MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=not DEBUG)

# Versions of the documents a person agrees to at sign-up (LGPD art. 8).
CIVIC_TERMS_VERSION = "2026-11-28"
CIVIC_PRIVACY_VERSION = "2026-11-28"

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Whole Wagtail pages for anonymous visitors: after Locale (key) and Csrf
    # (token fill), before Authentication (a hit needs no session or user).
    "civic.cache.AnonymousPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "civic.accounts.middleware.RequireStaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "civic.urls"
WSGI_APPLICATION = "civic.wsgi.application"

# TEMPLATES
# ------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "civic.notifications.context_processors.unread_notifications",
            ],
        },
    }
]
FORM_RENDERER = "civic.forms.GovBrFormRenderer"

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Private documents (entity files) live outside MEDIA_ROOT and are only served by
# views that check permissions.
PRIVATE_MEDIA_ROOT = env.path(
    "PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640

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

# CELERY
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
# Longer than any task, so acks_late never redelivers a task still running.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")
# Every periodic job is an idempotent sweeper: running one twice does no harm.
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep": {
        "task": "civic.notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "notifications-daily-digest": {
        "task": "civic.notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "consultations-tick": {
        "task": "consultations.tick",
        "schedule": 5 * 60.0,
    },
    "entities-daily-registry-pass": {
        "task": "entities.daily_registry_pass",
        "schedule": crontab(hour=6, minute=15),
    },
}

# NOTIFICATIONS
# ------------------------------------------------------------------------------
NOTIFICATIONS_EMAIL_BATCH_SIZE = 100
NOTIFICATIONS_MAX_RETRIES = 6
# A pending delivery untouched for this long is re-queued by the sweeper.
NOTIFICATIONS_REQUEUE_AFTER_SECONDS = 5 * 60
# Signed preference/unsubscribe links in emails stay valid this long.
NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS = 365

# ENTITY REGISTRY
# ------------------------------------------------------------------------------
ENTITIES_DOCUMENT_MAX_BYTES = env.int(
    "ENTITIES_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024
)
# Reminders before a document expires, in days (each sent once).
ENTITIES_REMINDER_DAYS = (30, 7, 0)
# A reminder job that was down still reminds of documents expired this recently.
ENTITIES_REMINDER_GRACE_DAYS = 7
# The dashboard flags documents expiring within this many days.
ENTITIES_EXPIRY_WARNING_DAYS = 30
# Approved entities confirm their data every 12 months ("renovação pendente").
ENTITIES_RENEWAL_MONTHS = 12
ENTITIES_RENEWAL_NOTICE_DAYS = 30
ENTITIES_INVITATION_DAYS = 14
ENTITIES_DIRECTORY_PAGE_SIZE = 20

# Named Django views that the anonymous page cache (civic/cache.py) stores whole,
# besides Wagtail pages. Their data calls invalidate_public_pages() on change.
CIVIC_PAGE_CACHE_URL_NAMES = {"entities:directory", "entities:detail"}
CIVIC_PAGE_CACHE_URL_NAMES |= {
    "consultations:list",
    "consultations:detail",
    "consultations:device",
    "consultations:report",
}
# Hearings and forums; a person's own registration shows only when signed in.
CIVIC_PAGE_CACHE_URL_NAMES |= {"consultations:event_list", "consultations:event_detail"}
# The agenda and its calendar files (same bytes for every anonymous visitor).
CIVIC_PAGE_CACHE_URL_NAMES |= {
    "consultations:agenda",
    "consultations:agenda_ics",
    "consultations:event_ics",
}

# CONSULTATIONS, HEARINGS AND FORUMS
# ------------------------------------------------------------------------------
# Minimum notice between publishing a hearing and holding it, in days; staff may
# publish later only with a recorded justification.
HEARINGS_MIN_NOTICE_DAYS = env.int("HEARINGS_MIN_NOTICE_DAYS", default=15)
# Followers of a consultation are reminded this many days before it closes.
CONSULTATIONS_CLOSING_REMINDER_DAYS = 7
# People registered for an event are reminded this many hours before it.
EVENTS_REMINDER_HOURS = 24
# Written contributions to a hearing are taken online until this many days after it.
EVENTS_CONTRIBUTION_DAYS_AFTER = env.int("EVENTS_CONTRIBUTION_DAYS_AFTER", default=7)
EVENTS_PAGE_SIZE = 20
CONSULTATIONS_PAGE_SIZE = 20
CONSULTATIONS_CONTRIBUTIONS_PAGE_SIZE = 25

# The platform's sections in the main menu, in order: (URL name, label).
CIVIC_MAIN_MENU = [
    ("consultations:list", _("Consultas")),
    ("consultations:event_list", _("Audiências e fóruns")),
    ("consultations:agenda", _("Agenda")),
    ("entities:directory", _("Entidades")),
    ("open_data", _("Dados abertos")),
]

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Participa Betim"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

# LOGGING
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

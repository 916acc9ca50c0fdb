"""Settings shared by every environment; everything variable comes from the environment.

Each concern has its own module, gathered here:
- `general`: the environment reader, debug, hosts, site address, language and time;
- `services`: the database, Redis (broker and cache) and email, each from one URL;
- `security`: authentication, allauth, the second factor, consents, cookies, headers;
- `celery`: the broker options and the beat schedule of periodic jobs;
- `domain`: the settings of notifications, entities, consultations and the page cache;
- this module: apps, middleware, templates, static and media files, Wagtail, logging.

See `.env.example` for the variables and the README for what each one does.
"""

from .celery import *
from .domain import *
from .general import *
from .general import BASE_DIR, LANGUAGES, SITE_URL, env
from .security import *
from .services import *

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
    "allauth.socialaccount",
    "allauth.mfa",
    "allauth.usersessions",
    "rules.apps.AutodiscoverRulesConfig",
    # The open-data API; as an app, its docs page loads Swagger UI from its own
    # static files instead of a CDN.
    "ninja",
]
LOCAL_APPS = [
    "civic.accounts",
    "civic.accounts.govbr",
    "civic.territory",
    "civic.notifications",
    "home",
    "entities",
    "consultations",
    "councils",
    "entities.partnerships",
    "civic.dialogue",
]
INSTALLED_APPS = LOCAL_APPS[:1] + DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS[1:]

# MIDDLEWARE
# ------------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL out of every query parameter and form field, before anything reads them.
    "civic.middleware.StripNulMiddleware",
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
    # MEDIA_ROOT holds only public media: Wagtail documents go under
    # PRIVATE_MEDIA_ROOT (civic/storage.py), served by the document view.
    "default": {"BACKEND": "civic.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640

# WAGTAIL
# ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Participa Betim"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# The email changes only through allauth, which verifies the new address: entity
# invitations are matched on it, and notifications go to it.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go out only through Wagtail's view, which checks collection privacy
# and sends nosniff and a CSP; never a redirect to a file URL (civic.E004).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Office formats only: HTML, SVG, XML or scripts served from our origin could run
# in a visitor's browser.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "csv",
    "txt",
]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

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

"""Production: fails closed. No default secret, HTTPS only, secure cookies, HSTS, and a
second factor for staff. No environment variable turns these off, and
`manage.py check --deploy` fails on what settings cannot decide (civic/checks.py)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env, env_flag

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

# Pinned rather than read: django-environ reads `X=` (as in a copied .env.example) as
# false, and base derives the MFA default from DEBUG, which the environment may set.
# Staff, moderators and council secretaries act for the city (ASVS 6.3.2).
CIVIC_MFA_REQUIRED_FOR_STAFF = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The directive alone changes nothing: only submitting the apex domain to the
# preload list does, and that is the city IT's decision.
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

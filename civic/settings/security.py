"""Who may sign in and what protects them: authentication, allauth and its rate
limits, the second factor, consent records, and the cookie and header defaults.

`production.py` pins what must not be switched off there (`civic.checks` verifies it).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .general import DEBUG, SITE_URL, env, env_flag

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
    # Entering a CPF on the profile: whether it is taken must not be probed one
    # number after another (civic/accounts/forms.py ProfileForm.clean_cpf).
    "change_cpf": "5/h/user,20/h/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Participa Betim"
MFA_RECOVERY_CODE_COUNT = 10
# Staff, moderators and council secretaries act for the city: outside DEBUG they
# must use a second factor (ASVS 6.3.2). Always on in production.
CIVIC_MFA_REQUIRED_FOR_STAFF = env_flag("MFA_REQUIRED_FOR_STAFF", default=not DEBUG)

# Versions of the documents a person agrees to at sign-up (LGPD art. 8).
CIVIC_TERMS_VERSION = "2026-11-28"
CIVIC_PRIVACY_VERSION = "2026-11-28"

# CLIENT ADDRESS
# ------------------------------------------------------------------------------


def _trusted_proxy_count() -> int:
    """TRUSTED_PROXY_COUNT: how many proxies of our own stand in front of the site."""
    raw = env.str("TRUSTED_PROXY_COUNT", default="").strip()
    if not raw:
        return 0
    if not (raw.isascii() and raw.isdigit()):
        raise ImproperlyConfigured(
            f"TRUSTED_PROXY_COUNT must be a whole number of proxies, got {raw!r}."
        )
    return int(raw)


# Behind the TLS proxy, REMOTE_ADDR is the proxy's address for everyone: per-address
# rate limits and recorded addresses read X-Forwarded-For instead, trusting exactly
# this many entries from its right (civic/accounts/client_ip.py). 0 ignores it.
CIVIC_TRUSTED_PROXY_COUNT = _trusted_proxy_count()
# Our adapter answers allauth's get_client_ip; allauth's own setting agrees with it.
ALLAUTH_TRUSTED_PROXY_COUNT = CIVIC_TRUSTED_PROXY_COUNT

# SECURITY
# ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

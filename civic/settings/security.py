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
    # Fale com a SRSC (civic.dialogue): following a demand by protocol and secret
    # code is a guess of a secret, so few tries per address and per protocol;
    # opening demands without an account (also through `/parcerias/denuncia/`,
    # the art. 12 channel of the partnerships) is limited per address.
    "dialogue_follow": "10/10m/ip,5/h/key",
    "dialogue_open": "20/h/ip",
    # A claim code of a managed account (civic.dialogue.assisted) is a guess
    # of a secret too.
    "dialogue_claim": "10/10m/ip",
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

# GOV.BR LOGIN ÚNICO (OpenID Connect, through allauth's socialaccount)
# ------------------------------------------------------------------------------
# Credentials come from the "Serviço de Integração aos Produtos do Ecossistema da
# Identidade Digital GOV.BR". GOVBR_SERVER_URL is the issuer:
#   staging:    https://sso.staging.acesso.gov.br
#   production: https://sso.acesso.gov.br (needs an official government domain,
#               Portaria SGD/MGI 7.076/2024 art. 3; betim.mg.gov.br qualifies)
# Without all three, the provider is not configured and no gov.br button appears.
GOVBR_CLIENT_ID = env.str("GOVBR_CLIENT_ID", default="").strip()
GOVBR_CLIENT_SECRET = env.str("GOVBR_CLIENT_SECRET", default="").strip()
GOVBR_SERVER_URL = env.str("GOVBR_SERVER_URL", default="").strip().rstrip("/")
GOVBR_SCOPES = [
    "openid",
    "email",
    "profile",
    "govbr_confiabilidades",
    "govbr_confiabilidades_idtoken",
]
# Where a person raises the reliability level (selos) of their gov.br account.
GOVBR_LEVELS_URL = "https://confiabilidades.acesso.gov.br/"
# The lowest gov.br level an action needs, e.g. GOVBR_REQUIRED_LEVELS=
# "entities.submit=prata,partnerships.submit_proposal=prata". Empty: none.
GOVBR_REQUIRED_LEVELS = env.dict("GOVBR_REQUIRED_LEVELS", default={})


def govbr_provider_settings(
    *, client_id: str, secret: str, server_url: str
) -> dict[str, dict]:
    """SOCIALACCOUNT_PROVIDERS for gov.br: one app when configured, none otherwise."""
    configured = bool(client_id and secret and server_url)
    return {
        "govbr": {
            # gov.br mandates PKCE with S256 (manual: iniciarintegracao.rst).
            "OAUTH_PKCE_ENABLED": True,
            "SCOPE": GOVBR_SCOPES,
            "APPS": [
                {
                    "name": "gov.br",
                    "client_id": client_id,
                    "secret": secret,
                    "settings": {
                        "server_url": server_url,
                        # gov.br's token endpoint takes HTTP Basic credentials.
                        "token_auth_method": "client_secret_basic",
                    },
                }
            ]
            if configured
            else [],
        }
    }


SOCIALACCOUNT_PROVIDERS = govbr_provider_settings(
    client_id=GOVBR_CLIENT_ID, secret=GOVBR_CLIENT_SECRET, server_url=GOVBR_SERVER_URL
)
SOCIALACCOUNT_ADAPTER = "civic.accounts.govbr.adapter.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "civic.accounts.govbr.forms.GovBrSignupForm"}
# Never log someone into an existing account only because an email matches: linking
# asks the person to confirm (civic/accounts/govbr/linking.py).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# New gov.br accounts go through a form where terms and privacy are accepted.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False

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

"""The platform's deployment checks, run by `manage.py check --deploy` (`make check`).

Production settings pin what they can (civic/settings/production.py). These fail
the deployment on what a settings module cannot decide alone: a second factor
switched off by an override, mail that goes nowhere, no Redis, hence no beat, and
documents served other than through their view.
"""

from django.conf import settings
from django.core import checks

# Backends that deliver nothing: nobody could confirm an address or reset a
# password, and every notification would be lost.
UNDELIVERED_EMAIL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    }
)


@checks.register(checks.Tags.security, deploy=True)
def check_deployment(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Refuse a deployment without staff MFA, real mail delivery or Redis."""
    errors = []
    if not getattr(settings, "CIVIC_MFA_REQUIRED_FOR_STAFF", False):
        errors.append(
            checks.Error(
                "CIVIC_MFA_REQUIRED_FOR_STAFF is off: staff, moderators and council "
                "secretaries could act for the city with a password alone "
                "(ASVS 6.3.2).",
                hint="Deploy with civic.settings.production, which always requires "
                "the second factor.",
                id="civic.E001",
            )
        )
    if settings.EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
        errors.append(
            checks.Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}, which delivers no mail: "
                "nobody could confirm an email address or reset a password, and "
                "notifications would be lost.",
                hint="Set EMAIL_URL to the SMTP server, for example "
                "smtp+tls://user:password@smtp.example.org:587.",
                id="civic.E002",
            )
        )
    if not getattr(settings, "REDIS_URL", ""):
        errors.append(
            checks.Error(
                "REDIS_URL is not set: tasks run inside web requests and no beat "
                "runs, so consultations never open or close on their own, reminders "
                "and digests are never sent, and the outbox is never swept.",
                hint="Set REDIS_URL (redis://host:6379/0), and run one `make beat` "
                "and at least one `make worker`.",
                id="civic.E003",
            )
        )
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) != "serve_view":
        errors.append(
            checks.Error(
                "WAGTAILDOCS_SERVE_METHOD is not 'serve_view': documents would be "
                "sent by redirect to a file URL, bypassing the document view's "
                "collection privacy, nosniff and Content-Security-Policy.",
                hint="Keep WAGTAILDOCS_SERVE_METHOD = 'serve_view' (civic/settings/"
                "base.py); see docs/deployment.md for X-Accel-Redirect.",
                id="civic.E004",
            )
        )
    return errors

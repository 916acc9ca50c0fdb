"""Require a second factor from everyone who acts for the Prefeitura."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .rules import is_privileged

# Pages a privileged person without TOTP may still reach: what it takes to set
# up the second factor (allauth asks to reauthenticate and to have a verified
# email first), to leave, and to switch language.
EXEMPT_URL_NAMES = frozenset(
    {
        "account_logout",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "account_email",
        "account_email_verification_sent",
        "account_confirm_email",
        "set_language",
    }
)
EXEMPT_URL_NAME_PREFIXES = ("mfa_",)


def has_active_totp(user) -> bool:
    """True when the person has an authenticator app set up."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


class RequireStaffMFAMiddleware:
    """Send privileged users without TOTP to the activation page (ASVS 6.3.2).

    Privileged means `civic.accounts.rules.is_privileged`: superusers, Django
    staff, members of the staff/moderation/council-secretary groups, and anyone
    who can enter the Wagtail admin. Active only when
    settings.CIVIC_MFA_REQUIRED_FOR_STAFF is true (default: not DEBUG).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.must_set_up_mfa(request):
            if request.method == "GET":
                messages.warning(
                    request,
                    _(
                        "Sua conta tem acesso administrativo. Para continuar, ative a "
                        "verificação em duas etapas com um aplicativo autenticador."
                    ),
                    fail_silently=True,
                )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def must_set_up_mfa(self, request) -> bool:
        """Whether this request must be turned away to the TOTP setup."""
        if not getattr(settings, "CIVIC_MFA_REQUIRED_FOR_STAFF", False):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if self.is_exempt_path(request.path_info):
            return False
        if not is_privileged(user):
            return False
        return not has_active_totp(user)

    @staticmethod
    def is_exempt_path(path: str) -> bool:
        """Static files, media and the MFA setup pages themselves."""
        for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
            if prefix and path.startswith(prefix):
                return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        name = match.url_name or ""
        return name in EXEMPT_URL_NAMES or name.startswith(EXEMPT_URL_NAME_PREFIXES)

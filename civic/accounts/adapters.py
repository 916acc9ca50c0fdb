"""allauth hooks for Participa Betim."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation

from .client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Saves our sign-up fields, applies the person's chosen language, and finds the
    client's address the way the rest of the platform does."""

    def get_client_ip(self, request):
        """The address for allauth's rate limits and session list (`client_ip`)."""
        address = client_ip(request)
        if address is None:
            # allauth's own contract: refuse rather than count everyone as one.
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def save_user(self, request, user, form, commit=True):
        """Copy name, bairro and the current language onto the new user."""
        data = form.cleaned_data
        if data.get("full_name"):
            user.full_name = data["full_name"]
        if data.get("bairro"):
            user.bairro = data["bairro"]
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def post_login(self, request, user, **kwargs):
        """Switch the site to the language saved in the profile."""
        response = super().post_login(request, user, **kwargs)
        if response is not None and user.language in dict(settings.LANGUAGES):
            set_language_cookie(response, user.language)
        return response


def set_language_cookie(response, language: str) -> None:
    """Remember the person's language the way Django's set_language view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )

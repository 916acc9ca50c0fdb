"""allauth's social-account hooks for gov.br."""

from __future__ import annotations

import logging

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.utils import timezone

from .claims import identity_from
from .linking import link_candidate, start_link
from .services import verified_cpf_for

logger = logging.getLogger(__name__)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """New gov.br accounts pass through a form (terms and privacy, LGPD art. 8);
    a gov.br login that matches an existing account asks to confirm the link."""

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        """Never: the person must accept the terms on the sign-up form."""
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        """Stop a new gov.br login that matches an existing account: link it only
        after the person proves the account is theirs (no silent takeover)."""
        if sociallogin.is_existing:
            return
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            return
        identity = identity_from(sociallogin.account.extra_data)
        candidate = link_candidate(identity)
        if candidate is not None:
            raise ImmediateHttpResponse(
                start_link(request, sociallogin=sociallogin, user=candidate)
            )

    def populate_user(self, request, sociallogin, data):
        """Name and email from gov.br (the social name when there is one)."""
        user = super().populate_user(request, sociallogin, data)
        user.full_name = data.get("name") or ""
        user.email = (data.get("email") or "").lower()
        language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.language = language
        return user

    def get_signup_form_initial_data(self, sociallogin) -> dict:
        initial = super().get_signup_form_initial_data(sociallogin)
        initial["full_name"] = sociallogin.user.full_name
        return initial

    def save_user(self, request, sociallogin, form=None):
        """A new account keeps the verified CPF and the level from gov.br."""
        user = sociallogin.user
        identity = identity_from(sociallogin.account.extra_data)
        user.cpf = verified_cpf_for(user=user, identity=identity)
        user.govbr_level = identity.level
        user.govbr_level_at = timezone.now()
        return super().save_user(request, sociallogin, form=form)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        """Log what went wrong (never the claims) before the error page."""
        logger.warning(
            "gov.br login failed: error=%s exception=%s",
            error,
            type(exception).__name__ if exception else None,
        )

"""Talking to gov.br: discovery, the token exchange and the ID token checks."""

from __future__ import annotations

import hmac

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from allauth.utils import build_absolute_uri
from django.urls import reverse
from requests import RequestException


class GovBrOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect client, plus nonce checking and a signature check
    on every ID token, and a clean error page when gov.br cannot be reached."""

    def __init__(self, request) -> None:
        super().__init__(request, "govbr")

    @property
    def openid_config(self):
        try:
            return super().openid_config
        except RequestException as error:
            # allauth fetches discovery outside its own error handling on the
            # callback; answer with the error page rather than a 500.
            raise ImmediateHttpResponse(
                render_authentication_error(
                    self.request, self.get_provider(), exception=error
                )
            ) from error

    def get_callback_url(self, request, app) -> str:
        return build_absolute_uri(request, reverse("govbr_callback"))

    def complete_login(self, request, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        if not kwargs["response"].get("id_token"):
            raise OAuth2Error("gov.br answered without an ID token")
        return login

    def _decode_id_token(self, app, id_token: str) -> dict:
        """Verify signature, issuer, audience, expiry and our nonce."""
        from .provider import nonce_for

        claims = jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )
        state_id = request_state(self.request)
        nonce = claims.get("nonce")
        if not (
            state_id
            and isinstance(nonce, str)
            and hmac.compare_digest(nonce, nonce_for(state_id))
        ):
            raise OAuth2Error("ID token nonce does not match this login")
        return claims


def request_state(request) -> str:
    """The state gov.br sent back to the callback."""
    value = request.GET.get("state", "")
    return value if isinstance(value, str) else ""

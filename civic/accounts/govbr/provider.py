"""The allauth provider "govbr": OpenID Connect with gov.br's claims and nonce."""

from __future__ import annotations

import hashlib
import hmac

from allauth.account.models import EmailAddress
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
    OpenIDConnectProviderAccount,
)
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.http import urlencode
from requests import RequestException

from civic.accounts.validators import format_cpf

from .claims import identity_from, merged_claims
from .client import GovBrOAuth2Adapter

STATE_ID_LENGTH = 16


def nonce_for(state_id: str) -> str:
    """The nonce sent with a login whose state is `state_id` (OIDC Core §3.1.2.1).

    Derived from the state, which allauth keeps in the session and consumes on
    the callback, so an ID token only fits the browser session that asked for it.
    """
    key = f"govbr-nonce:{settings.SECRET_KEY}".encode()
    return hmac.new(key, state_id.encode(), hashlib.sha256).hexdigest()


class GovBrAccount(OpenIDConnectProviderAccount):
    """How a linked gov.br account is shown to its owner: never the whole CPF."""

    def to_str(self) -> str:
        identity = identity_from(self.account.extra_data or {})
        masked = format_cpf(identity.cpf)
        if len(masked) == 14:
            masked = f"***.{masked[4:11]}-**"
        return identity.name or masked or "gov.br"


class GovBrProvider(OpenIDConnectProvider):
    """gov.br Login Único (reference/domain.md §5.3)."""

    id = "govbr"
    name = "gov.br"
    account_class = GovBrAccount
    oauth2_adapter_class = GovBrOAuth2Adapter
    pkce_enabled_default = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.name = "gov.br"

    def get_login_url(self, request, **kwargs) -> str:
        url = reverse("govbr_login")
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def get_callback_url(self) -> str:
        return reverse("govbr_callback")

    def get_oauth2_adapter(self, request):
        return self.oauth2_adapter_class(request)

    def get_default_scope(self) -> list[str]:
        return list(settings.GOVBR_SCOPES)

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        """Send the person to gov.br with state, PKCE S256 and a nonce."""
        state_id = get_random_string(STATE_ID_LENGTH)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce_for(state_id)
        try:
            return super().redirect(
                request,
                process,
                next_url,
                data,
                auth_params=auth_params,
                state_id=state_id,
                **kwargs,
            )
        except RequestException as error:
            # gov.br's discovery document could not be fetched.
            return render_authentication_error(request, self, exception=error)

    def extract_uid(self, data) -> str:
        return identity_from(data).cpf

    def extract_common_fields(self, data) -> dict:
        identity = identity_from(data)
        return {"email": identity.email, "name": identity.name}

    def extract_email_addresses(self, data) -> list[EmailAddress]:
        identity = identity_from(data)
        if not identity.email:
            return []
        return [
            EmailAddress(
                email=identity.email, verified=identity.email_verified, primary=True
            )
        ]

    def extract_extra_data(self, data) -> dict:
        """Keep the claims, not the raw tokens."""
        return {"claims": merged_claims(data)}


provider_classes = [GovBrProvider]

"""The gov.br login and callback views (allauth's OAuth2 views on our client)."""

from functools import wraps

from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2CallbackView,
    OAuth2LoginView,
)
from django.http import Http404

from .client import GovBrOAuth2Adapter


def _not_found_unless_configured(view):
    """Without GOVBR_* settings there is no gov.br app: answer 404, not 500."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist as error:
            raise Http404 from error

    return wrapper


oauth2_login = _not_found_unless_configured(
    OAuth2LoginView.adapter_view(GovBrOAuth2Adapter)
)
oauth2_callback = _not_found_unless_configured(
    OAuth2CallbackView.adapter_view(GovBrOAuth2Adapter)
)

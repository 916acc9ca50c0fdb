"""allauth includes this module under /accounts/: /accounts/govbr/..."""

from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns
from django.urls import path

from . import linking
from .provider import GovBrProvider

urlpatterns = [
    *default_urlpatterns(GovBrProvider),
    path("govbr/vincular/", linking.LinkView.as_view(), name="govbr_link"),
    path(
        "govbr/vincular/codigo/",
        linking.LinkCodeView.as_view(),
        name="govbr_link_code",
    ),
    path(
        "govbr/vincular/confirmar/",
        linking.LinkConfirmView.as_view(),
        name="govbr_link_confirm",
    ),
]

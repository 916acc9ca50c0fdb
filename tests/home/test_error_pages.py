import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [path("proibido/", _forbidden), path("", include("civic.urls"))]


@override_settings(ROOT_URLCONF=__name__)
def test_permission_denied_page_is_in_portuguese(client):
    response = client.get("/proibido/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Acesso não permitido" in body
    assert "<html" in body
    assert "main-content" in body

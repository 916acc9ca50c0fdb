"""Whatever goes wrong with gov.br ends in a pt-BR page with a retry link, never a 500."""

import socket

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from civic.accounts.models import User
from civic.settings.security import govbr_provider_settings

from .govbr_flow import at_provider, back_to_site, govbr_login, start_login
from .govbr_provider import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.django_db

ERROR_TITLE = "Não foi possível entrar com gov.br"


def assert_error_page(response):
    assert response.status_code == 401
    body = response.content.decode()
    assert ERROR_TITLE in body
    assert f'href="{reverse("account_login")}"' in body
    assert "Tentar de novo" in body
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


def closed_port_url() -> str:
    """An address where nothing listens: gov.br out of reach."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_provider_answers_with_an_error(client, govbr):
    govbr.authorize_error = "server_error"
    assert_error_page(govbr_login(client))


def test_person_cancels_at_gov_br(client, govbr):
    govbr.authorize_error = "access_denied"
    response = govbr_login(client)
    assert response["Location"] == reverse("socialaccount_login_cancelled")
    page = client.get(response["Location"]).content.decode()
    assert "Você cancelou a entrada com gov.br" in page
    assert "Tentar de novo" in page


def test_bad_state(client, govbr):
    callback = at_provider(start_login(client))
    assert_error_page(back_to_site(client, callback.replace("state=", "state=x")))


def test_missing_state(client, govbr):
    callback = at_provider(start_login(client))
    code = callback.split("code=")[1].split("&")[0]
    assert_error_page(client.get(f"{reverse('govbr_callback')}?code={code}"))


def test_expired_code(client, govbr):
    govbr.code_ttl = -1
    assert_error_page(govbr_login(client))


def test_code_used_twice(client, govbr):
    callback = at_provider(start_login(client))
    back_to_site(client, callback)
    client.logout()
    # A new state, but the old, spent code: gov.br refuses it.
    fresh = at_provider(start_login(client))
    state = fresh.split("state=")[1].split("&")[0]
    code = callback.split("code=")[1].split("&")[0]
    response = client.get(f"{reverse('govbr_callback')}?code={code}&state={state}")
    assert response.status_code == 401
    assert ERROR_TITLE in response.content.decode()


def test_invalid_code(client, govbr):
    callback = at_provider(start_login(client))
    state = callback.split("state=")[1].split("&")[0]
    response = client.get(f"{reverse('govbr_callback')}?code=inventado&state={state}")
    assert_error_page(response)


def test_wrong_client_secret(client, govbr, settings):
    settings.SOCIALACCOUNT_PROVIDERS = govbr_provider_settings(
        client_id=CLIENT_ID, secret="errado", server_url=govbr.issuer
    )
    assert_error_page(govbr_login(client))


def test_unreachable_provider_at_the_start(client, govbr, settings):
    settings.SOCIALACCOUNT_PROVIDERS = govbr_provider_settings(
        client_id=CLIENT_ID, secret=CLIENT_SECRET, server_url=closed_port_url()
    )
    response = client.post(reverse("govbr_login"), {"process": "login"})
    assert_error_page(response)


def test_unreachable_provider_on_the_way_back(client, govbr, settings):
    callback = at_provider(start_login(client))
    settings.SOCIALACCOUNT_PROVIDERS = govbr_provider_settings(
        client_id=CLIENT_ID, secret=CLIENT_SECRET, server_url=closed_port_url()
    )
    assert_error_page(back_to_site(client, callback))

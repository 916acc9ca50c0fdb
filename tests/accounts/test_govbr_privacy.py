"""The CPF gov.br vouches for is kept, but never shown publicly."""

import pytest
from django.test import Client
from django.urls import reverse

from civic.accounts.models import User

from .conftest import VALID_CPF, VALID_CPF_MASKED
from .govbr_flow import govbr_login

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/entidades/",
    "/consultas/",
    "/conselhos/",
    "/chamamentos/",
    "/dados-abertos/",
    "/api/v1/entidades/",
    "/api/v1/consultas/",
    "/api/v1/conselhos/",
    "/api/v1/openapi.json",
]


@pytest.fixture
def govbr_member(client, govbr):
    """A person who signed up with gov.br, logged in on `client`."""
    govbr_login(client)
    response = client.post(
        reverse("socialaccount_signup"),
        {"full_name": "Joana da Silva", "accept_terms": "on", "accept_privacy": "on"},
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.cpf == VALID_CPF
    return user


def assert_no_cpf(body: str) -> None:
    for form in (VALID_CPF, VALID_CPF_MASKED, VALID_CPF[:9]):
        assert form not in body


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_cpf_not_on_public_pages_or_api(govbr_member, path):
    for client in (Client(), Client()):
        response = client.get(path, follow=True)
        assert response.status_code < 500
        assert_no_cpf(response.content.decode())


def test_cpf_not_on_the_members_own_pages_or_connections(client, govbr_member):
    for name in ("accounts:profile", "socialaccount_connections", "account_email"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_no_cpf(response.content.decode())


def test_profile_shows_the_link_and_level(client, govbr_member):
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Vinculada, nível Prata" in page
    assert "Confirmado pelo gov.br" in page


def test_verified_cpf_cannot_be_changed_in_the_profile(client, govbr_member):
    response = client.post(
        reverse("accounts:profile_edit"),
        {"full_name": "Joana da Silva", "cpf": "111.444.777-35", "language": "pt-br"},
    )
    assert response.status_code == 302
    govbr_member.refresh_from_db()
    assert govbr_member.cpf == VALID_CPF


def test_own_data_export_has_cpf_and_level(govbr_member):
    from civic.accounts.exports import export_account

    data = export_account(govbr_member)
    assert data["cpf"] == VALID_CPF
    assert data["govbr_level"] == "prata"


def test_erasure_forgets_cpf_level_and_gov_br_link(govbr_member):
    from allauth.socialaccount.models import SocialAccount

    from civic.accounts.services import account_erase

    account_erase(user=govbr_member, by=govbr_member)
    govbr_member.refresh_from_db()
    assert govbr_member.cpf == ""
    assert govbr_member.govbr_level == ""
    assert not SocialAccount.objects.exists()

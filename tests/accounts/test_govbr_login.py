"""gov.br Login Único end to end, against the local OpenID Connect provider."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from civic.accounts.models import Consent, GovBrLevel, User

from .conftest import VALID_CPF
from .govbr_flow import at_provider, back_to_site, govbr_login, query_of, start_login
from .govbr_provider import govbr_person

pytestmark = pytest.mark.django_db

SIGNUP_FORM = {
    "full_name": "Joana da Silva",
    "bairro": "",
    "accept_terms": "on",
    "accept_privacy": "on",
}


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


# The button


@pytest.mark.parametrize("page", ["account_login", "account_signup"])
def test_no_button_without_settings(client, page):
    body = client.get(reverse(page)).content.decode()
    assert "br-sign-in primary" not in body
    assert "gov.br</span>" not in body
    assert reverse("govbr_login") not in body


@pytest.mark.parametrize("page", ["account_login", "account_signup"])
def test_button_when_configured(client, govbr, page):
    body = client.get(reverse(page)).content.decode()
    assert 'class="br-sign-in primary"' in body
    assert f'action="{reverse("govbr_login")}?process=login"' in body
    assert 'Entrar com&nbsp;<span class="text-black">gov.br</span>' in body


def test_login_url_is_404_without_settings(client):
    assert client.post(reverse("govbr_login")).status_code == 404
    assert client.get(reverse("govbr_callback")).status_code == 404


# The authorization request


def test_authorization_request_has_pkce_state_nonce_and_scopes(client, govbr):
    params = query_of(start_login(client))
    assert params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256"
    assert 43 <= len(params["code_challenge"]) <= 128
    assert len(params["state"]) >= 16
    assert len(params["nonce"]) >= 32
    assert sorted(params["scope"].split()) == [
        "email",
        "govbr_confiabilidades",
        "govbr_confiabilidades_idtoken",
        "openid",
        "profile",
    ]
    assert params["redirect_uri"] == "http://testserver/accounts/govbr/login/callback/"


def test_each_login_gets_its_own_state_and_nonce(client, govbr):
    first, second = query_of(start_login(client)), query_of(start_login(client))
    assert first["state"] != second["state"]
    assert first["nonce"] != second["nonce"]


# A new account


def test_new_person_goes_to_the_signup_form_first(client, govbr):
    response = govbr_login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_signup")
    # Nothing is created before the terms are accepted.
    assert not User.objects.exists()
    assert logged_in_user(client) is None
    page = client.get(response["Location"]).content.decode()
    assert "Criar conta com gov.br" in page
    assert 'value="Joana da Silva"' in page
    assert "Confirmado pelo gov.br." in page
    assert VALID_CPF not in page


def test_new_account_with_verified_cpf_email_level_and_consents(client, govbr):
    govbr_login(client)
    response = client.post(
        reverse("socialaccount_signup"),
        {**SIGNUP_FORM, "email": "outro@example.org"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get()
    assert logged_in_user(client) == user
    # The email comes from gov.br; the form cannot change it.
    assert user.email == "joana@example.org"
    assert EmailAddress.objects.get(user=user).verified
    assert user.cpf == VALID_CPF
    assert user.govbr_level == GovBrLevel.PRATA
    assert user.govbr_level_at is not None
    assert not user.has_usable_password()
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("govbr", VALID_CPF)
    consents = Consent.objects.filter(user=user)
    assert sorted(consents.values_list("document", flat=True)) == ["privacy", "terms"]
    assert {c.ip_address for c in consents} == {"203.0.113.9"}


def test_signup_refused_without_accepting_terms(client, govbr):
    govbr_login(client)
    data = {**SIGNUP_FORM}
    del data["accept_terms"]
    response = client.post(reverse("socialaccount_signup"), data)
    assert response.status_code == 200
    assert "você precisa aceitar os Termos de Uso" in response.content.decode()
    assert not User.objects.exists()


def test_social_name_is_preferred(client, govbr):
    govbr.person = govbr_person(
        cpf=VALID_CPF, name="João Souza", social_name="Joana Souza"
    )
    govbr_login(client)
    page = client.get(reverse("socialaccount_signup")).content.decode()
    assert 'value="Joana Souza"' in page


def test_unverified_email_must_be_confirmed(client, govbr, mailoutbox):
    govbr.person = govbr_person(cpf=VALID_CPF, email_verified=False)
    govbr_login(client)
    response = client.post(
        reverse("socialaccount_signup"), {**SIGNUP_FORM, "email": "joana@example.org"}
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert not EmailAddress.objects.get(user=user).verified
    assert logged_in_user(client) is None
    assert len(mailoutbox) == 1


# Returning person: the level is refreshed at every login


def test_returning_person_logs_in_and_level_is_refreshed(client, govbr):
    govbr_login(client)
    client.post(reverse("socialaccount_signup"), SIGNUP_FORM)
    user = User.objects.get()
    client.logout()

    govbr.person = govbr_person(cpf=VALID_CPF, level="gold")
    response = govbr_login(client)
    assert response.status_code == 302
    assert logged_in_user(client) == user
    user.refresh_from_db()
    assert user.govbr_level == GovBrLevel.OURO

    client.logout()
    govbr.person = govbr_person(cpf=VALID_CPF, level="bronze")
    govbr_login(client)
    user.refresh_from_db()
    assert user.govbr_level == GovBrLevel.BRONZE


def test_id_token_nonce_must_match_the_login(client, govbr):
    govbr.tamper_nonce = True
    response = govbr_login(client)
    assert response.status_code == 401
    assert "Não foi possível entrar com gov.br" in response.content.decode()
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


def test_callback_replayed_in_another_session_is_refused(client, govbr):
    from django.test import Client

    callback = at_provider(start_login(client))
    attacker = Client()
    response = back_to_site(attacker, callback)
    assert response.status_code == 401
    assert logged_in_user(attacker) is None

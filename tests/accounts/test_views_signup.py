"""Sign-up, email verification, password reset and the entrance pages."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from civic.accounts.models import Consent, User

from .conftest import NEW_PASSWORD, first_link, login, signup, through_proxy

pytestmark = pytest.mark.django_db


# --- Sign-up and email verification ---------------------------------------------


def test_signup_creates_user_consents_and_sends_a_verification_link(
    client, mailoutbox, bairro
):
    response = signup(client, bairro=str(bairro.pk))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="joana@example.org")
    assert user.full_name == "Joana da Silva"
    assert user.bairro == bairro
    assert user.cpf == ""
    assert user.phone == ""
    consents = {c.document: c for c in Consent.objects.filter(user=user)}
    assert set(consents) == {"terms", "privacy"}
    assert consents["terms"].version == settings.CIVIC_TERMS_VERSION
    assert consents["privacy"].version == settings.CIVIC_PRIVACY_VERSION
    assert {c.ip_address for c in consents.values()} == {"203.0.113.7"}
    assert all(c.accepted_at is not None for c in consents.values())

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["joana@example.org"]
    assert (
        message.subject == "[Participa Betim] Confirme seu e-mail para ativar sua conta"
    )
    link = first_link(message.body, "/accounts/confirm-email/")
    assert "Olá, Joana da Silva!" in message.body
    html = message.alternatives[0][0]
    assert link in html.replace("&amp;", "&")
    assert not EmailAddress.objects.get(user=user).verified


def test_signup_behind_the_proxy_records_the_client_address(client, settings):
    """LGPD art. 8 §2: the consent proof keeps the person's address, not the proxy's."""
    settings.CIVIC_TRUSTED_PROXY_COUNT = 1
    response = signup(
        client,
        request_meta=through_proxy("203.0.113.7", written_by_client="192.0.2.1"),
    )
    assert response.status_code == 302
    consents = Consent.objects.filter(user__email="joana@example.org")
    assert sorted(consents.values_list("ip_address", flat=True)) == [
        "203.0.113.7",
        "203.0.113.7",
    ]


def test_signup_errors_keep_the_typed_values(client):
    response = signup(client, accept_privacy="")
    assert response.status_code == 200
    content = response.content.decode()
    assert "aceitar a Política de Privacidade" in content
    assert 'value="Joana da Silva"' in content
    assert 'value="joana@example.org"' in content
    assert not User.objects.filter(email="joana@example.org").exists()


def test_signup_page_does_not_ask_for_cpf_or_phone(client):
    content = client.get(reverse("account_signup")).content.decode()
    assert 'name="full_name"' in content
    assert 'name="cpf"' not in content
    assert 'name="phone"' not in content
    assert 'href="/termos-de-uso/"' in content
    assert 'href="/privacidade/"' in content


def test_unverified_user_cannot_log_in_until_the_email_is_confirmed(client, mailoutbox):
    signup(client)
    client.logout()
    user = User.objects.get(email="joana@example.org")

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302

    link = first_link(mailoutbox[-1].body, "/accounts/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirmar e-mail" in page.content.decode()
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    login(client, user, NEW_PASSWORD)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_password_reset_flow(client, citizen, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[Participa Betim] Criar nova senha"
    link = first_link(mailoutbox[0].body, "/accounts/password/reset/key/")

    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key into the session
    form_url = response["Location"]
    page = client.get(form_url)
    assert "Criar nova senha" in page.content.decode()
    response = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302

    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    # A security notice follows, in pt-BR.
    assert mailoutbox[-1].subject == "[Participa Betim] Sua senha foi redefinida"
    client.logout()
    login(client, citizen, NEW_PASSWORD)


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "<h1>Entrar no Participa Betim</h1>"),
        ("account_signup", "<h1>Criar conta</h1>"),
        ("account_reset_password", "<h1>Recuperar senha</h1>"),
        ("account_reset_password_done", "<h1>Verifique seu e-mail</h1>"),
        ("account_email_verification_sent", "<h1>Confirme seu e-mail</h1>"),
    ],
)
def test_entrance_pages_render_in_pt_br_inside_the_site_layout(
    client, url_name, heading
):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "base.html" in templates
    assert "accounts/base_entrance.html" in templates
    assert heading in response.content.decode()


def test_signup_with_an_existing_email_reveals_nothing_and_mails_the_owner(
    client, citizen, mailoutbox
):
    response = signup(client, email=citizen.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=citizen.email).count() == 1
    assert not Consent.objects.filter(user=citizen).exists()
    assert mailoutbox[-1].subject == "[Participa Betim] Você já tem uma conta"

"""The person's LGPD rights (art. 18) on their account: export their data and
erase the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse

from civic.accounts import personal_data
from civic.accounts.models import AccountDeletion, Consent, User
from civic.accounts.rules import STAFF_GROUP
from tests.factories.accounts import DEFAULT_PASSWORD

from .conftest import VALID_CPF, login, reauthenticate, signup

pytestmark = pytest.mark.django_db


# --- Data export --------------------------------------------------------------------


def test_data_export_requires_reauthentication(client, citizen):
    login(client, citizen)
    url = reverse("accounts:data_export")
    response = client.get(url)
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{reverse('account_reauthenticate')}?next={url.replace('/', '%2F')}"
    )
    response = client.post(
        f"{reverse('account_reauthenticate')}?next={url}",
        {"password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_data_export_is_a_json_attachment_with_all_sections(
    client, user_factory, bairro
):
    person = user_factory(cpf=VALID_CPF, phone="31988887777", bairro=bairro)
    Consent.objects.create(
        user=person, document="terms", version="v1", ip_address="198.51.100.1"
    )

    def export_extra(user):
        return [{"owner": user.email}]

    personal_data.register_exporter("test_extra", export_extra)
    try:
        login(client, person)
        reauthenticate(client)
        response = client.get(reverse("accounts:data_export"))
    finally:
        personal_data.unregister_exporter("test_extra")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="participa-betim-meus-dados-'
    )
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )
    data = json.loads(response.content)
    sections = data["sections"]
    assert data["account_id"] == person.pk
    assert sections["account"]["email"] == person.email
    assert sections["account"]["cpf"] == VALID_CPF
    assert sections["account"]["phone"] == "31988887777"
    assert sections["account"]["bairro"] == bairro.name
    assert sections["email_addresses"] == [
        {"email": person.email, "verified": True, "primary": True}
    ]
    assert sections["consents"][0]["version"] == "v1"
    assert sections["consents"][0]["ip_address"] == "198.51.100.1"
    assert len(sections["sessions"]) >= 1
    assert sections["mfa"] == []
    assert sections["test_extra"] == [{"owner": person.email}]
    # Credentials are not personal information to hand out.
    assert "password" not in response.content.decode()


# --- Account deletion ----------------------------------------------------------------


def test_delete_page_asks_for_password_and_confirmation_word(client, citizen):
    login(client, citizen)
    content = client.get(reverse("accounts:delete")).content.decode()
    assert 'name="password"' in content
    assert 'name="confirmation"' in content
    assert "EXCLUIR" in content


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"password": DEFAULT_PASSWORD, "confirmation": "apagar"},
            "confirmation",
            "Digite a palavra EXCLUIR",
        ),
        (
            {"password": "senha-errada-999", "confirmation": "EXCLUIR"},
            "password",
            "Senha incorreta",
        ),
    ],
)
def test_delete_refuses_without_both_confirmations(
    client, citizen, data, field, message
):
    login(client, citizen)
    response = client.post(reverse("accounts:delete"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.deleted_at is None
    assert citizen.is_active


def test_delete_erases_pii_keeps_the_row_logs_out_and_frees_the_email(
    client, user_factory, bairro, mailoutbox
):
    person = user_factory(
        full_name="Pessoa Que Sai", cpf=VALID_CPF, phone="31988887777", bairro=bairro
    )
    Consent.objects.create(user=person, document="terms", version="v1")
    email = person.email
    login(client, person)

    response = client.post(
        reverse("accounts:delete"),
        {"password": DEFAULT_PASSWORD, "confirmation": "excluir"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    person.refresh_from_db()
    assert person.email == f"removido-{person.pk}@contas.invalid"
    assert (person.full_name, person.cpf, person.phone, person.bairro) == (
        "",
        "",
        "",
        None,
    )
    assert not person.has_usable_password()
    assert not person.is_active
    assert person.deleted_at is not None
    assert person.display_name == "Participante removido"
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Consent.objects.filter(user=person).exists()
    deletion = AccountDeletion.objects.get(user_id_erased=person.pk)
    assert deletion.by_self is True
    # Logged out everywhere.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302

    # The email address is free for a new account.
    response = signup(client, email=email)
    assert response.status_code == 302
    assert User.objects.get(email=email).pk != person.pk


def test_staff_roles_do_not_survive_erasure(client, staff_user):
    login(client, staff_user)
    client.post(
        reverse("accounts:delete"),
        {"password": DEFAULT_PASSWORD, "confirmation": "EXCLUIR"},
    )
    staff_user.refresh_from_db()
    assert staff_user.deleted_at is not None
    assert not staff_user.groups.exists()
    assert (
        not Group.objects.get(name=STAFF_GROUP)
        .user_set.filter(pk=staff_user.pk)
        .exists()
    )


def test_account_without_password_confirms_deletion_by_reauthentication(
    client, citizen
):
    citizen.set_unusable_password()
    citizen.save()
    client.force_login(citizen)
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]

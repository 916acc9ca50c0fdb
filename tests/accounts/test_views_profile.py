"""My account: allauth's management pages, who sees which account, the profile
and its edit form."""

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import VALID_CPF, VALID_CPF_MASKED, login, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "account_email",
        "account_change_password",
        "mfa_index",
        "usersessions_list",
        "account_logout",
    ],
)
def test_account_management_pages_render(client, citizen, url_name):
    login(client, citizen)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]


def test_mfa_pages_render_through_activation_and_recovery_codes(client, citizen):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    login(client, citizen)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302  # reauthentication first
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "Ativar aplicativo autenticador" in page.content.decode()
    secret = page.context["form"].secret
    import time

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes"))
    assert "Códigos de recuperação" in codes_page.content.decode()
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 200
    assert client.get(reverse("mfa_deactivate_totp")).status_code == 200


# --- /minha-conta/ permission matrix ----------------------------------------------

ACCOUNT_URLS = [
    "accounts:profile",
    "accounts:profile_edit",
    "accounts:data_export",
    "accounts:delete",
]


@pytest.mark.parametrize("url_name", ACCOUNT_URLS)
def test_anonymous_is_sent_to_login(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


# What identifies the person on each page (the delete page shows no personal data).
OWN_DATA_MARKERS = {
    "accounts:profile": lambda p: p.email,
    "accounts:profile_edit": lambda p: f'value="{p.full_name}"',
    "accounts:data_export": lambda p: p.email,
    "accounts:delete": lambda p: 'name="confirmation"',
}


@pytest.mark.parametrize("role", ["citizen", "staff_user", "moderator", "superuser"])
@pytest.mark.parametrize("url_name", ACCOUNT_URLS)
def test_each_role_sees_only_its_own_account(
    client, request, role, url_name, user_factory
):
    person = request.getfixturevalue(role)
    stranger = user_factory(full_name="Pessoa Estranha", cpf=VALID_CPF)
    login(client, person)
    if url_name == "accounts:data_export":
        reauthenticate(client)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    content = response.content.decode()
    assert OWN_DATA_MARKERS[url_name](person) in content
    assert stranger.email not in content
    assert "Pessoa Estranha" not in content
    assert VALID_CPF not in content


def test_profile_overview_shows_name_email_and_bairro(client, user_factory, bairro):
    person = user_factory(full_name="Ana Souza", bairro=bairro)
    login(client, person)
    content = client.get(reverse("accounts:profile")).content.decode()
    assert "Ana Souza" in content
    assert person.email in content
    assert bairro.name in content
    for url_name in [
        "accounts:profile_edit",
        "account_email",
        "account_change_password",
        "mfa_index",
        "usersessions_list",
        "accounts:data_export",
        "accounts:delete",
    ]:
        assert f'href="{reverse(url_name)}"' in content


# --- Profile edit ------------------------------------------------------------------


def edit_data(**overrides):
    data = {
        "full_name": "Maria Cidadã",
        "cpf": "",
        "phone": "",
        "bairro": "",
        "language": "pt-br",
    }
    data.update(overrides)
    return data


def test_profile_edit_saves_and_stores_cpf_unmasked(client, citizen, bairro):
    login(client, citizen)
    response = client.post(
        reverse("accounts:profile_edit"),
        edit_data(
            full_name="Maria C. Souza",
            cpf=VALID_CPF_MASKED,
            phone="(31) 98888-7777",
            bairro=str(bairro.pk),
            language="en",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    citizen.refresh_from_db()
    assert citizen.full_name == "Maria C. Souza"
    assert citizen.cpf == VALID_CPF
    assert citizen.phone == "31988887777"
    assert citizen.bairro == bairro
    assert citizen.language == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cpf", "123.456.789-00", "Informe um CPF válido"),
        ("phone", "12-34", "Informe um telefone com DDD"),
        ("full_name", "", "Informe seu nome completo"),
    ],
)
def test_profile_edit_errors_in_pt_br_keep_typed_values(
    client, citizen, field, value, message
):
    login(client, citizen)
    data = edit_data(full_name="Nome Digitado", phone="(31) 97777-6666")
    data[field] = value
    response = client.post(reverse("accounts:profile_edit"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    for typed in ("Nome Digitado", "(31) 97777-6666", "123.456.789-00", "12-34"):
        if typed in data.values():
            assert f'value="{typed}"' in content
    citizen.refresh_from_db()
    assert citizen.full_name == "Maria Cidadã"


def test_profile_edit_rejects_a_duplicate_cpf(client, citizen, user_factory):
    user_factory(cpf=VALID_CPF)
    login(client, citizen)
    response = client.post(
        reverse("accounts:profile_edit"), edit_data(cpf=VALID_CPF_MASKED)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "outra conta" not in content
    assert "Não foi possível usar este CPF" in content
    assert f'value="{VALID_CPF_MASKED}"' in content
    citizen.refresh_from_db()
    assert citizen.cpf == ""


def test_cpf_probing_is_throttled_and_reported(
    client, citizen, user_factory, caplog, settings
):
    """Trying CPFs one after another to learn who has an account stops after
    the `change_cpf` rate limit, and each refusal is in the security log."""
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "change_cpf": "3/h/user",
    }
    user_factory(cpf=VALID_CPF)
    login(client, citizen)
    url = reverse("accounts:profile_edit")
    with caplog.at_level("WARNING", logger="civic.security"):
        answers = [
            client.post(url, edit_data(cpf=VALID_CPF_MASKED)).content.decode()
            for _ in range(4)
        ]
    assert all("Não foi possível usar este CPF" in a for a in answers[:3])
    assert "Muitas tentativas" in answers[3]
    assert "Não foi possível usar este CPF" not in answers[3]
    records = [r for r in caplog.records if r.name == "civic.security"]
    assert len(records) >= 3
    assert all(VALID_CPF not in r.getMessage() for r in records)
    assert str(citizen.pk) in records[0].getMessage()
    # Saving other fields without touching the CPF is never throttled.
    response = client.post(url, edit_data(full_name="Maria Atualizada"))
    assert response.status_code == 302


def test_cpf_appears_only_masked_on_the_owners_edit_page(client, user_factory):
    owner = user_factory(cpf=VALID_CPF, phone="31988887777")
    other = user_factory()
    anonymous_pages = ["/", reverse("account_login"), reverse("account_signup")]
    for url in anonymous_pages:
        content = client.get(url).content.decode()
        assert VALID_CPF not in content
        assert VALID_CPF_MASKED not in content

    login(client, other)
    for url_name in ["accounts:profile", "accounts:profile_edit", "accounts:delete"]:
        content = client.get(reverse(url_name)).content.decode()
        assert VALID_CPF not in content
        assert VALID_CPF_MASKED not in content
    client.logout()

    login(client, owner)
    overview = client.get(reverse("accounts:profile")).content.decode()
    assert VALID_CPF not in overview
    assert VALID_CPF_MASKED not in overview
    edit = client.get(reverse("accounts:profile_edit")).content.decode()
    assert f'value="{VALID_CPF_MASKED}"' in edit
    assert VALID_CPF not in edit

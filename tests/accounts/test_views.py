import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from civic.accounts import personal_data
from civic.accounts.models import AccountDeletion, Consent, User
from civic.accounts.rules import STAFF_GROUP
from tests.factories.accounts import DEFAULT_PASSWORD

from .conftest import VALID_CPF, VALID_CPF_MASKED, login, reauthenticate

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "outra-senha-bem-longa-77"


def signup(client, email="joana@example.org", **overrides):
    data = {
        "full_name": "Joana da Silva",
        "email": email,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "bairro": "",
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data, REMOTE_ADDR="203.0.113.7")


def first_link(body: str, path_fragment: str) -> str:
    match = re.search(
        r"https?://[^\s\"'<>]*" + re.escape(path_fragment) + r"[^\s\"'<>]*", body
    )
    assert match, body
    return match.group(0)


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


# --- Login rate limits ------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_but_not_others(
    client, citizen, user_factory
):
    other = user_factory()
    for _ in range(5):
        response = client.post(
            reverse("account_login"),
            {"login": citizen.email, "password": "errada-123456"},
        )
        assert response.status_code == 200
        assert "estão incorretos" in response.content.decode()

    # Even the right password is refused now, with the rate-limit message.
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert "Muitas tentativas de login falharam" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # A brand-new client (another browser, or another server worker) is refused
    # too: the counter lives in the shared cache, not in the session.
    from django.test import Client

    fresh = Client()
    response = fresh.post(
        reverse("account_login"), {"login": citizen.email, "password": DEFAULT_PASSWORD}
    )
    assert "Muitas tentativas de login falharam" in response.content.decode()

    # Nobody else is locked out.
    login(Client(), other)


def test_rate_limit_counters_live_in_the_shared_cache(client, citizen):
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.REDIS_URL:
        assert backend == "django.core.cache.backends.redis.RedisCache"
    else:
        assert backend == "django.core.cache.backends.db.DatabaseCache"
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM civic_cache")
            before = cursor.fetchone()[0]
        client.post(
            reverse("account_login"),
            {"login": citizen.email, "password": "errada-123456"},
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM civic_cache")
            assert cursor.fetchone()[0] > before


def test_wagtail_admin_login_goes_through_the_same_allauth_form(client, staff_user):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"

    for _ in range(5):
        client.post(
            reverse("account_login"),
            {"login": staff_user.email, "password": "errada-123456"},
        )
    # There is no second login form: posting to /admin/login/ only redirects.
    response = client.post(
        "/admin/login/", {"username": staff_user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff_user.email, "password": DEFAULT_PASSWORD},
    )
    assert "Muitas tentativas de login falharam" in response.content.decode()


def test_admin_login_redirects_to_allauth_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_admin_login_without_next_defaults_to_the_admin(client):
    response = client.get("/admin/login/")
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


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
    assert "já está vinculado a outra conta" in content
    assert f'value="{VALID_CPF_MASKED}"' in content
    citizen.refresh_from_db()
    assert citizen.cpf == ""


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


# --- Wagtail user management ---------------------------------------------------------


def test_wagtail_user_list_and_edit_work_for_a_superuser(client, superuser, citizen):
    client.force_login(superuser)
    listing = client.get("/admin/users/")
    assert listing.status_code == 200
    assert citizen.email in listing.content.decode()

    edit_url = reverse("wagtailusers_users:edit", args=[citizen.pk])
    page = client.get(edit_url)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="full_name"' in content
    assert 'name="password1"' not in content
    assert 'name="first_name"' not in content

    group = Group.objects.get(name=STAFF_GROUP)
    response = client.post(
        edit_url,
        {
            "email": "Nova@Example.org",
            "full_name": "Maria Renomeada",
            "is_active": "",
            "groups": [str(group.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    citizen.refresh_from_db()
    assert citizen.full_name == "Maria Renomeada"
    assert citizen.email == "nova@example.org"
    assert citizen.is_active is False
    assert list(citizen.groups.all()) == [group]


def test_wagtail_user_delete_erases_instead(client, superuser, citizen):
    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:delete", args=[citizen.pk]))
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.deleted_at is not None
    assert AccountDeletion.objects.get(user_id_erased=citizen.pk).by_self is False


def test_wagtail_user_management_is_closed_to_srsc_staff(client, staff_user, citizen):
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code != 200
    edit_url = reverse("wagtailusers_users:edit", args=[citizen.pk])
    assert client.get(edit_url).status_code != 200


def test_ten_failures_from_one_address_block_that_address_only(client, citizen):
    """10/m per IP: one attacker cannot keep guessing, nor lock out other people."""
    from django.test import Client

    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"nao-existe-{n}@example.org", "password": "errada-123456"},
            REMOTE_ADDR="198.51.100.66",
        )
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="198.51.100.66",
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)

    other_place = Client(REMOTE_ADDR="203.0.113.99")
    response = other_place.post(
        reverse("account_login"), {"login": citizen.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in other_place.session


def test_signup_with_an_existing_email_reveals_nothing_and_mails_the_owner(
    client, citizen, mailoutbox
):
    response = signup(client, email=citizen.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=citizen.email).count() == 1
    assert not Consent.objects.filter(user=citizen).exists()
    assert mailoutbox[-1].subject == "[Participa Betim] Você já tem uma conta"


def test_account_without_password_confirms_deletion_by_reauthentication(
    client, citizen
):
    citizen.set_unusable_password()
    citizen.save()
    client.force_login(citizen)
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]


def test_citizens_cannot_enter_the_wagtail_admin(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/")


def test_wagtail_user_create_sets_no_password(client, superuser):
    client.force_login(superuser)
    url = reverse("wagtailusers_users:add")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    response = client.post(
        url,
        {"email": "Nova.Pessoa@Example.org", "full_name": "Pessoa Nova", "groups": []},
    )
    assert response.status_code == 302
    person = User.objects.get(email="nova.pessoa@example.org")
    assert person.full_name == "Pessoa Nova"
    assert not person.has_usable_password()


def test_wagtail_user_edit_refuses_a_taken_email(
    client, superuser, citizen, user_factory
):
    other = user_factory()
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[citizen.pk]),
        {
            "email": other.email.upper(),
            "full_name": "X",
            "is_active": "on",
            "groups": [],
        },
    )
    assert response.status_code == 200
    assert "Já existe uma conta com este e-mail" in response.content.decode()

"""A gov.br login whose email matches an existing account links to it only after
the person confirms: by signing in to the account, or with a code by email."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from civic.accounts.models import GovBrLevel, User
from tests.factories.accounts import DEFAULT_PASSWORD

from .conftest import OTHER_VALID_CPF, VALID_CPF, login
from .govbr_flow import govbr_login
from .govbr_provider import govbr_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def existing(user_factory):
    """An account made with email and password, whose email gov.br also vouches for."""
    return user_factory(email="joana@example.org", full_name="Joana Antiga")


def logged_in_id(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def code_from(mail) -> str:
    return re.search(r"^\s*(\d{6})\s*$", mail.body, re.MULTILINE).group(1)


def test_matching_email_asks_for_confirmation_no_silent_takeover(
    client, govbr, existing
):
    response = govbr_login(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("govbr_link")
    assert logged_in_id(client) is None
    assert not SocialAccount.objects.exists()
    existing.refresh_from_db()
    assert existing.cpf == ""
    assert existing.govbr_level == ""
    page = client.get(reverse("govbr_link")).content.decode()
    assert "Vincular sua conta gov.br" in page
    assert "j****@example.org" in page
    assert "Entrar com e-mail e senha" in page


def test_matching_email_case_insensitively(client, govbr, existing):
    govbr.person = govbr_person(cpf=VALID_CPF, email="Joana@Example.ORG")
    assert govbr_login(client)["Location"] == reverse("govbr_link")


def test_matching_cpf_asks_for_confirmation(client, govbr, user_factory):
    owner = user_factory(email="outra@example.org", cpf=VALID_CPF)
    assert govbr_login(client)["Location"] == reverse("govbr_link")
    assert "o****@example.org" in client.get(reverse("govbr_link")).content.decode()
    assert not SocialAccount.objects.filter(user=owner).exists()


def test_confirm_by_signing_in_to_the_account(client, govbr, existing):
    govbr_login(client)
    page = client.get(reverse("govbr_link")).content.decode()
    confirm = reverse("govbr_link_confirm")
    assert f"?next={confirm}" in page

    response = client.post(
        f"{reverse('account_login')}?next={confirm}",
        {"login": existing.email, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == confirm
    page = client.get(confirm).content.decode()
    assert "Vincular minha conta gov.br" in page
    assert not SocialAccount.objects.exists()

    response = client.post(confirm)
    assert response["Location"] == reverse("accounts:profile")
    account = SocialAccount.objects.get()
    assert account.user == existing
    existing.refresh_from_db()
    assert existing.cpf == VALID_CPF
    assert existing.govbr_level == GovBrLevel.PRATA

    # From now on, gov.br logs straight into the account.
    other = Client()
    govbr_login(other)
    assert logged_in_id(other) == existing.pk


def test_signing_in_to_another_account_links_nothing(client, govbr, existing, citizen):
    govbr_login(client)
    confirm = reverse("govbr_link_confirm")
    login(client, citizen)
    assert "conta diferente" in client.get(confirm).content.decode()
    client.post(confirm)
    assert not SocialAccount.objects.exists()


def test_confirm_page_needs_login(client, govbr, existing):
    govbr_login(client)
    response = client.post(reverse("govbr_link_confirm"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not SocialAccount.objects.exists()


def test_confirm_by_email_code(client, govbr, existing, mailoutbox):
    govbr_login(client)
    response = client.post(reverse("govbr_link_code"), {"send": "1"})
    assert response["Location"] == reverse("govbr_link")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["joana@example.org"]
    assert "vincular" in mailoutbox[0].subject
    code = code_from(mailoutbox[0])

    wrong = "000000" if code != "000000" else "111111"
    response = client.post(reverse("govbr_link_code"), {"verify": "1", "code": wrong})
    assert response.status_code == 400
    assert "Código incorreto" in response.content.decode()
    assert not SocialAccount.objects.exists()

    response = client.post(reverse("govbr_link_code"), {"verify": "1", "code": code})
    assert response.status_code == 302
    assert SocialAccount.objects.get().user == existing
    assert logged_in_id(client) == existing.pk
    existing.refresh_from_db()
    assert existing.cpf == VALID_CPF
    assert existing.govbr_level == GovBrLevel.PRATA
    # The password stays: the address was already confirmed by its owner.
    assert existing.has_usable_password()


def test_email_code_on_unconfirmed_address_wipes_the_password(
    client, govbr, user_factory, mailoutbox
):
    """Whoever registered the address without confirming it loses the account to
    the mailbox's owner."""
    existing = user_factory(email="joana@example.org", verified_email=False)
    govbr_login(client)
    client.post(reverse("govbr_link_code"), {"send": "1"})
    code = code_from(mailoutbox[0])
    client.post(reverse("govbr_link_code"), {"verify": "1", "code": code})
    existing.refresh_from_db()
    assert not existing.has_usable_password()
    assert EmailAddress.objects.get(user=existing).verified
    assert logged_in_id(client) == existing.pk


def test_three_wrong_codes_end_the_attempt(client, govbr, existing, mailoutbox):
    govbr_login(client)
    client.post(reverse("govbr_link_code"), {"send": "1"})
    code = code_from(mailoutbox[0])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        response = client.post(
            reverse("govbr_link_code"), {"verify": "1", "code": wrong}
        )
    assert response["Location"] == reverse("account_login")
    response = client.post(reverse("govbr_link_code"), {"verify": "1", "code": code})
    assert response["Location"] == reverse("account_login")
    assert not SocialAccount.objects.exists()


def test_code_before_sending_is_refused(client, govbr, existing):
    govbr_login(client)
    response = client.post(
        reverse("govbr_link_code"), {"verify": "1", "code": "123456"}
    )
    assert response.status_code == 400
    assert not SocialAccount.objects.exists()


def test_cancel_forgets_the_gov_br_login(client, govbr, existing):
    govbr_login(client)
    response = client.post(reverse("govbr_link"))
    assert response["Location"] == reverse("account_login")
    assert client.get(reverse("govbr_link"))["Location"] == reverse("account_login")
    assert not SocialAccount.objects.exists()


def test_link_pages_without_pending_login(client, govbr):
    assert client.get(reverse("govbr_link"))["Location"] == reverse("account_login")
    response = client.post(reverse("govbr_link_code"), {"send": "1"})
    assert response["Location"] == reverse("account_login")


def test_other_cpf_with_new_email_is_a_new_account(client, govbr, existing):
    govbr.person = govbr_person(cpf=OTHER_VALID_CPF, email="nova@example.org")
    assert govbr_login(client)["Location"] == reverse("socialaccount_signup")
    assert User.objects.count() == 1

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from civic.accounts.rules import COUNCIL_SECRETARY_GROUP, MODERATION_GROUP
from tests.factories.accounts import DEFAULT_PASSWORD


def login(client, user, password=DEFAULT_PASSWORD):
    """Log in through allauth's form, as a person would (records the auth method)."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def reauthenticate(client, password=DEFAULT_PASSWORD):
    """Confirm the password again, as allauth asks before sensitive actions."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.fixture
def moderator(user_factory):
    person = user_factory(full_name="Pessoa da Moderação")
    person.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return person


@pytest.fixture
def council_secretary(user_factory):
    person = user_factory(full_name="Secretária do Conselho")
    person.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    return person


@pytest.fixture
def bairro():
    from civic.territory.models import Bairro

    return Bairro.objects.active().select_related("regional").order_by("pk").first()


# A valid CPF (check digits computed by the Receita Federal rule).
VALID_CPF = "52998224725"
VALID_CPF_MASKED = "529.982.247-25"
OTHER_VALID_CPF = "11144477735"

NEW_PASSWORD = "outra-senha-bem-longa-77"


def signup(client, email="joana@example.org", **overrides):
    """Sign up through allauth's form, from a fixed client address."""
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
    """The first absolute link in an email body whose path contains the fragment."""
    match = re.search(
        r"https?://[^\s\"'<>]*" + re.escape(path_fragment) + r"[^\s\"'<>]*", body
    )
    assert match, body
    return match.group(0)

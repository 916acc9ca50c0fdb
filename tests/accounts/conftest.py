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

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


# The TLS proxy in front of the site, and what it passes on (TRUSTED_PROXY_COUNT=1).
PROXY = "10.0.0.2"


def through_proxy(client_address: str, *, written_by_client: str = "") -> dict:
    """The request as the app server gets it from the proxy: the proxy's own address,
    and X-Forwarded-For with the client's address appended to whatever it sent."""
    forwarded = ", ".join(filter(None, [written_by_client, client_address]))
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def signup(client, email="joana@example.org", *, request_meta=None, **overrides):
    """Sign up through allauth's form, by default straight from 203.0.113.7."""
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
    meta = request_meta or {"REMOTE_ADDR": "203.0.113.7"}
    return client.post(reverse("account_signup"), data, **meta)


def first_link(body: str, path_fragment: str) -> str:
    """The first absolute link in an email body whose path contains the fragment."""
    match = re.search(
        r"https?://[^\s\"'<>]*" + re.escape(path_fragment) + r"[^\s\"'<>]*", body
    )
    assert match, body
    return match.group(0)


@pytest.fixture(scope="session")
def govbr_server():
    """One local gov.br-like OpenID Connect provider for the whole session."""
    from .govbr_provider import LocalGovBr

    provider = LocalGovBr().start()
    yield provider
    provider.stop()


@pytest.fixture
def govbr(govbr_server, settings):
    """The site configured against the local provider, with a fresh person."""
    from civic.settings.security import govbr_provider_settings

    from .govbr_provider import CLIENT_ID, CLIENT_SECRET, govbr_person

    settings.GOVBR_CLIENT_ID = CLIENT_ID
    settings.GOVBR_CLIENT_SECRET = CLIENT_SECRET
    settings.GOVBR_SERVER_URL = govbr_server.issuer
    settings.SOCIALACCOUNT_PROVIDERS = govbr_provider_settings(
        client_id=CLIENT_ID, secret=CLIENT_SECRET, server_url=govbr_server.issuer
    )
    govbr_server.person = govbr_person(cpf=VALID_CPF)
    govbr_server.authorize_error = ""
    govbr_server.code_ttl = 60.0
    govbr_server.tamper_nonce = False
    govbr_server.authorize_requests.clear()
    yield govbr_server
    govbr_server.person = {}

"""Logging in: the rate limits per account and per client address, and the
admin logins that go through the same allauth form."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import DEFAULT_PASSWORD

from .conftest import PROXY, login, through_proxy

pytestmark = pytest.mark.django_db


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


def test_ten_failures_from_one_address_block_that_address_only(client, citizen):
    """10/m per IP: one attacker cannot keep guessing, nor lock out other people."""
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


# --- Behind the TLS proxy -----------------------------------------------------------

ATTACKER = "198.51.100.66"
NEIGHBOUR = "203.0.113.99"


def fail_ten_logins(client, **request_meta):
    """Ten wrong passwords for ten unknown accounts (so no account limit applies)."""
    for n in range(10):
        response = client.post(
            reverse("account_login"),
            {"login": f"nao-existe-{n}@example.org", "password": "errada-123456"},
            **request_meta,
        )
        assert response.status_code == 200


def assert_refused(response, client):
    assert "_auth_user_id" not in client.session
    assert response.status_code == 429 or (
        "Muitas tentativas" in response.content.decode()
    )


def test_behind_the_proxy_one_client_failing_does_not_refuse_another(
    client, citizen, settings
):
    """Everyone reaches the app from the proxy's address: with TRUSTED_PROXY_COUNT
    the per-address limit counts each client, not the proxy."""
    settings.CIVIC_TRUSTED_PROXY_COUNT = 1
    fail_ten_logins(client, **through_proxy(ATTACKER))
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": DEFAULT_PASSWORD},
        **through_proxy(ATTACKER),
    )
    assert_refused(response, client)

    neighbour = Client(**through_proxy(NEIGHBOUR))
    response = neighbour.post(
        reverse("account_login"), {"login": citizen.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in neighbour.session


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_client_cannot_escape_the_limit_by_writing_forwarded_for(
    client, citizen, settings, proxies
):
    settings.CIVIC_TRUSTED_PROXY_COUNT = proxies

    def meta(n):
        """Each attempt claims another address in X-Forwarded-For."""
        if proxies == 0:  # straight to the app server, no proxy in between
            return {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"}
        return through_proxy(ATTACKER, written_by_client=f"192.0.2.{n}")

    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"nao-existe-{n}@example.org", "password": "errada-123456"},
            **meta(n),
        )
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": DEFAULT_PASSWORD},
        **meta(99),
    )
    assert_refused(response, client)


def test_session_list_shows_the_client_address_not_the_proxy(client, citizen, settings):
    from allauth.usersessions.models import UserSession

    settings.CIVIC_TRUSTED_PROXY_COUNT = 1
    behind_proxy = Client(**through_proxy(NEIGHBOUR, written_by_client="192.0.2.1"))
    login(behind_proxy, citizen)
    assert [s.ip for s in UserSession.objects.filter(user=citizen)] == [NEIGHBOUR]
    page = behind_proxy.get(reverse("usersessions_list")).content.decode()
    assert NEIGHBOUR in page
    assert PROXY not in page


def test_citizens_cannot_enter_the_wagtail_admin(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/")

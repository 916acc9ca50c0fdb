"""`client_ip`: the client's address behind our own proxies, never one the client chose."""

import pytest
from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from civic.accounts.client_ip import client_ip, parse_ip

PROXY = "10.0.0.2"


def request_from(remote_addr=PROXY, forwarded=None):
    """A request as the app server receives it from its peer."""
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


@pytest.mark.parametrize(
    "forwarded",
    [None, "198.51.100.7", "198.51.100.7, 203.0.113.5", "garbage", "::1"],
)
def test_without_trusted_proxies_forwarded_for_is_ignored(settings, forwarded):
    settings.CIVIC_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.9", forwarded)) == "203.0.113.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # One proxy: the entry it appended, whatever the client wrote before it.
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        (1, "1.1.1.1,2.2.2.2,  203.0.113.5 ", "203.0.113.5"),
        # Two proxies: the entry the outer one appended.
        (2, "198.51.100.66, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "2001:DB8:0:0::1", "2001:db8::1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "203.0.113.5:51234", "203.0.113.5"),
        (1, "::ffff:203.0.113.5", "203.0.113.5"),
        (1, "fe80::1%eth0", "fe80::1"),
    ],
)
def test_trusted_proxies_name_the_client(settings, proxies, forwarded, expected):
    settings.CIVIC_TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(PROXY, forwarded)) == expected


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        # Fewer entries than proxies: the request skipped a proxy, or the count
        # is wrong. allauth's own helper raises ImproperlyConfigured here.
        (2, "203.0.113.5"),
        (3, "198.51.100.1, 203.0.113.5"),
        (1, ""),
        (1, "unknown"),
        (1, "203.0.113.5, unknown"),
        (1, "198.51.100.1, "),
        (1, "203.0.113.5:99999"),
        (1, "203.0.113.5:80:80"),
        (1, "[2001:db8::1"),
        (1, "[2001:db8::1]x"),
        (1, "[2001:db8::1]:²"),
        (1, "203.0.113.5\x00"),
        (1, "<script>alert(1)</script>"),
        (1, "2" * 100_000),
        (1, "203.0.113.5," * 50_000 + "nonsense"),
        (1, "010.000.000.001"),
    ],
)
def test_unusable_forwarded_for_falls_back_to_the_peer(settings, proxies, forwarded):
    settings.CIVIC_TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(PROXY, forwarded)) == PROXY


def test_a_request_past_the_proxies_counts_as_its_peer(settings):
    settings.CIVIC_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("203.0.113.9")) == "203.0.113.9"


@pytest.mark.parametrize("remote_addr", ["", "unix:/run/app.sock", "localhost"])
def test_no_usable_address_is_none(settings, remote_addr):
    settings.CIVIC_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(remote_addr)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (" 192.0.2.1 ", "192.0.2.1"),
        ("[::1]", "::1"),
        ("[::1]:8000", "::1"),
        ("::", "::"),
        ("192.0.2.1:", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_parse_ip(value, expected):
    assert parse_ip(value) == expected


def test_allauth_asks_the_same_helper(settings):
    settings.CIVIC_TRUSTED_PROXY_COUNT = 1
    request = request_from(PROXY, "198.51.100.66, 203.0.113.5")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.5"


def test_allauth_refuses_a_request_without_any_address(settings):
    request = request_from("")
    with pytest.raises(PermissionDenied):
        get_adapter(request).get_client_ip(request)


def test_allauth_setting_agrees_with_ours(settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.CIVIC_TRUSTED_PROXY_COUNT

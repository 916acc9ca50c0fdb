"""The address of the person behind a request, as the platform's own proxies saw it.

Production runs behind a TLS proxy, so REMOTE_ADDR is the proxy's address for
everyone. Each proxy appends the address it received the request from to
X-Forwarded-For, so with N proxies of our own the client is the N-th entry from
the right; whatever stands to its left was written by the client and proves
nothing. `CIVIC_TRUSTED_PROXY_COUNT` (env `TRUSTED_PROXY_COUNT`) says how many
proxies there are. At 0, the default, X-Forwarded-For is ignored, so a client
cannot choose its own address.

Every recorded address (consents, allauth's session list) and every per-address
limit (allauth's rate limits) comes from `client_ip`: our allauth adapter
delegates to it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# An IPv6 address in brackets with a port is at most 55 characters; anything much
# longer is not an address, and is not worth parsing.
MAX_ENTRY_LENGTH = 64


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when not even the peer's address is usable."""
    peer = parse_ip(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.CIVIC_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return peer
    # Only the last `proxies` entries matter; a huge header is never split whole.
    entries = forwarded.rsplit(",", proxies)
    if len(entries) < proxies:
        # The request did not pass through every proxy (or the count is wrong):
        # the peer is then the one address nobody could have written.
        return peer
    return parse_ip(entries[-proxies]) or peer


def parse_ip(value: str) -> str | None:
    """One address entry, normalised, or None when it is not an IP address.

    Accepts IPv4 and IPv6 with or without a port (`203.0.113.5:443`,
    `[2001:db8::1]:443`), and unwraps IPv4-mapped IPv6 (`::ffff:203.0.113.5`),
    so one client always has one spelling.
    """
    value = value.strip()
    if not value or len(value) > MAX_ENTRY_LENGTH:
        return None
    if value.startswith("["):
        value, closed, rest = value[1:].partition("]")
        if not closed or (rest and not (rest[0] == ":" and _is_port(rest[1:]))):
            return None
    elif value.count(":") == 1:
        value, _colon, port = value.partition(":")
        if not _is_port(port):
            return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        # A zone ("fe80::1%eth0") names a local interface, not a client.
        address = ipaddress.IPv6Address(address.packed)
    return str(address)


def _is_port(text: str) -> bool:
    """True for a TCP port number written in ASCII digits."""
    return text.isascii() and text.isdigit() and int(text) <= 65535

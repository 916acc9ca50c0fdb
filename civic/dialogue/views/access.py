"""Access to anonymous demands by their secret code, kept in the session.

After the follow-up form verifies a protocol and code, the demand's id goes
into the session; on later requests it is put on `request.user.dialogue_codes`,
which the rule `holds_code` reads. Nothing else grants it.
"""

from __future__ import annotations

from allauth.core import ratelimit

SESSION_KEY = "dialogue_codes"
MAX_REMEMBERED = 20


def grant_code_access(request, demand) -> None:
    """Remember that this browser gave the demand's code."""
    ids = [pk for pk in request.session.get(SESSION_KEY, []) if pk != demand.pk]
    request.session[SESSION_KEY] = [*ids, demand.pk][-MAX_REMEMBERED:]
    load_code_access(request)


def load_code_access(request) -> None:
    """Put the demands whose code this browser gave on the request's user."""
    ids = request.session.get(SESSION_KEY, [])
    request.user.dialogue_codes = frozenset(pk for pk in ids if isinstance(pk, int))


def throttled(request, action: str, key: str | None = None) -> bool:
    """Count one attempt against the platform's rate limits (allauth's, per
    address from `client_ip` through our adapter, and per key); True when over."""
    return not ratelimit.consume(request, action=action, key=key)

"""Signed, login-free links to a person's email preferences (RFC 8058 one-click)."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "civic.notifications.unsubscribe"
# Scopes a token can carry besides a kind slug.
ALL_KINDS = "*"
DIGEST_KINDS = "@digest"


class InvalidToken(Exception):
    """The link was tampered with, expired, or names nobody."""


@dataclass(frozen=True)
class UnsubscribeToken:
    user_id: int
    scope: str  # a kind slug, ALL_KINDS or DIGEST_KINDS


def make_token(user_id: int, scope: str) -> str:
    return signing.dumps({"u": user_id, "k": scope}, salt=SALT, compress=True)


def read_token(token: str) -> UnsubscribeToken:
    """Decode a token, raising InvalidToken for anything but a good one."""
    max_age = settings.NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE_DAYS * 24 * 60 * 60
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as exc:  # SignatureExpired is a subclass
        raise InvalidToken(str(exc)) from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("u"), int)
        or not isinstance(data.get("k"), str)
    ):
        raise InvalidToken("Malformed payload.")
    return UnsubscribeToken(user_id=data["u"], scope=data["k"])


_PLACEHOLDER = "__token__"


@lru_cache(maxsize=1)
def _unsubscribe_path_template() -> str:
    # reverse() walks the whole URLconf (Wagtail's included); a 10k fan-out
    # should not pay that once per email.
    return reverse("notifications:unsubscribe", kwargs={"token": _PLACEHOLDER})


def unsubscribe_url(user_id: int, scope: str) -> str:
    """The absolute one-click link for emails (List-Unsubscribe and footer)."""
    path = _unsubscribe_path_template().replace(
        _PLACEHOLDER, make_token(user_id, scope)
    )
    return f"{settings.SITE_URL}{path}"

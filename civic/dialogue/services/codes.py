"""The secret code of an anonymous denúncia: shown once, kept only as a hash.

The code is 12 characters from an alphabet without look-alikes (about 60
bits), checked with Django's password hashers, and every guess is throttled
(`dialogue_follow` in ACCOUNT_RATE_LIMITS), so it cannot be guessed online.
"""

from __future__ import annotations

import secrets
from functools import cache

from django.contrib.auth.hashers import check_password, make_password

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: read aloud or copied by hand without mistakes.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
GROUPS, GROUP_LENGTH = 3, 4


@cache
def _dummy_hash() -> str:
    """A hash of no real code, so an unknown protocol costs as much as a wrong code."""
    return make_password(secrets.token_hex(16))


def new_code() -> str:
    """A fresh code, `XXXX-XXXX-XXXX`."""
    return "-".join(
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH))
        for _ in range(GROUPS)
    )


def normalize_code(raw: str) -> str:
    """What the person typed, upper-cased and grouped, ignoring spaces and dashes."""
    letters = "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:40]
    return "-".join(
        letters[i : i + GROUP_LENGTH] for i in range(0, len(letters), GROUP_LENGTH)
    )


def hash_code(code: str) -> str:
    return make_password(normalize_code(code))


def code_matches(code: str, code_hash: str | None) -> bool:
    """Whether the code is the one hashed; takes as long when there is no hash."""
    if not code_hash:
        check_password(normalize_code(code), _dummy_hash())
        return False
    return check_password(normalize_code(code), code_hash)

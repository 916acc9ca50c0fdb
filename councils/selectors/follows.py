"""Read use cases of follows: whether a person follows a council, and which."""

from __future__ import annotations

from ..models import Council, CouncilFollow


def is_following(*, user, council: Council) -> bool:
    """Whether the person follows the council (one query; False if anonymous)."""
    if not user.is_authenticated:
        return False
    return CouncilFollow.objects.filter(user=user, council=council).exists()


def councils_followed_by(user) -> list[Council]:
    """The councils a person follows, by name (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Council.objects.filter(follows__user=user, is_active=True).order_by("name")
    )

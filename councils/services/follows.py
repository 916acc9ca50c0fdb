"""Following a council: its followers hear of convocations, atas and
resolutions (councils.notifications). Following changes nothing the public
sees, so no page cache is invalidated; the unique constraint, not a lookup
first, makes a double click harmless."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from ..models import Council, CouncilFollow


def council_follow(*, user, council: Council, follow: bool = True) -> bool:
    """Follow an active council, or stop following it. `follow` says what the
    person wants, so asking twice changes nothing; returns whether anything changed."""
    if not user.has_perm("councils.follow_council") or not council.is_active:
        raise PermissionDenied
    if not follow:
        deleted, _rows = CouncilFollow.objects.filter(
            user=user, council=council
        ).delete()
        return bool(deleted)
    try:
        with transaction.atomic():
            CouncilFollow.objects.create(user=user, council=council)
    except IntegrityError:
        return False
    return True

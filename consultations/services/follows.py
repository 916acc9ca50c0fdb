"""Following a consultation, a policy area or a bairro.

Following only decides who is told (consultations.notifications): it changes
nothing the public sees, so no page cache is invalidated. The unique
constraints, not a lookup first, make a double click harmless.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from civic.territory.models import Bairro

from ..models import Consultation, Follow, PolicyArea


def _check(user) -> None:
    if not user.has_perm("consultations.follow"):
        raise PermissionDenied


def consultation_follow(
    *, user, consultation: Consultation, follow: bool = True
) -> bool:
    """Follow a public consultation, or stop following it. `follow` says what the
    person wants, so asking twice changes nothing; returns whether anything changed."""
    _check(user)
    if not user.has_perm("consultations.view_consultation", consultation):
        raise PermissionDenied
    if not follow:
        deleted, _rows = Follow.objects.filter(
            user=user, consultation=consultation
        ).delete()
        return bool(deleted)
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, consultation=consultation)
    except IntegrityError:
        return False
    return True


def follows_replace(
    *,
    user,
    policy_areas: Iterable[PolicyArea],
    bairros: Iterable[Bairro],
) -> dict[str, int]:
    """Make the areas and bairros a person follows exactly these (their
    consultations are left alone). Returns how many follows were added and removed."""
    _check(user)
    area_ids = {a.pk for a in policy_areas}
    bairro_ids = {b.pk for b in bairros}
    with transaction.atomic():
        current = Follow.objects.select_for_update().filter(
            user=user, consultation__isnull=True
        )
        have_areas = set()
        have_bairros = set()
        stale = []
        for follow in current:
            if follow.policy_area_id is not None:
                if follow.policy_area_id in area_ids:
                    have_areas.add(follow.policy_area_id)
                else:
                    stale.append(follow.pk)
            elif follow.bairro_id is not None:
                if follow.bairro_id in bairro_ids:
                    have_bairros.add(follow.bairro_id)
                else:
                    stale.append(follow.pk)
        removed = Follow.objects.filter(pk__in=stale).delete()[0] if stale else 0
        new = [Follow(user=user, policy_area_id=pk) for pk in area_ids - have_areas]
        new += [Follow(user=user, bairro_id=pk) for pk in bairro_ids - have_bairros]
        # A concurrent save of the same choice may have inserted some rows already.
        Follow.objects.bulk_create(new, ignore_conflicts=True)
    return {"added": len(new), "removed": removed}

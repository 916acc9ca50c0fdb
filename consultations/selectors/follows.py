"""Read use cases of follows: what a person follows."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Consultation, Follow


def is_following(*, user, consultation: Consultation) -> bool:
    """Whether the person follows this consultation (one query; False if anonymous)."""
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, consultation=consultation).exists()


@dataclass
class FollowedThings:
    """Everything a person follows, by kind."""

    area_ids: set[int] = field(default_factory=set)
    bairro_ids: set[int] = field(default_factory=set)
    consultations: list[Consultation] = field(default_factory=list)


def follows_of(user) -> FollowedThings:
    """A person's follows (one query), consultations newest first; drafts
    (a consultation taken back to draft) are left out."""
    followed = FollowedThings()
    for follow in (
        Follow.objects.filter(user=user)
        .select_related("consultation")
        .order_by("-created_at", "-pk")
    ):
        if follow.policy_area_id:
            followed.area_ids.add(follow.policy_area_id)
        elif follow.bairro_id:
            followed.bairro_ids.add(follow.bairro_id)
        elif follow.consultation.status != Consultation.Status.DRAFT:
            followed.consultations.append(follow.consultation)
    return followed

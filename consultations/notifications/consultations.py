"""Notices about consultations: opening (to its followers, and to the
followers of its area and bairros), a week before closing, and the report."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import followers_of, tell, when
from .kinds import CONSULTATION_UPDATE, NEW_IN_FOLLOWED


def _followers_and_contributors(consultation) -> set[int]:
    """Who follows the consultation or wrote in it."""
    from ..models import Contribution

    contributors = (
        Contribution.objects.filter(consultation=consultation, author__isnull=False)
        .values_list("author_id", flat=True)
        .distinct()
    )
    return set(followers_of(consultation_id=consultation.pk)) | set(contributors)


def _update(consultation, people, *, what, key: str, url: str = "", **context):
    """A CONSULTATION_UPDATE notice, once per key."""
    tell(
        people,
        CONSULTATION_UPDATE,
        title=consultation.title,
        what=what,
        key=f"consultation:{consultation.pk}:{key}",
        url=url or consultation.get_absolute_url(),
        **context,
    )


def consultation_changed(consultation, action: str) -> None:
    """Tell people about a consultation opening or its report being published."""
    if action == "open":
        following = set(followers_of(consultation_id=consultation.pk))
        closes_at = when(consultation.closes_at)
        _update(
            consultation,
            following,
            what=_("a consulta está aberta"),
            key="open",
            closes_at=closes_at,
        )
        bairros = list(consultation.bairros.values_list("pk", flat=True))
        # No bairros means the whole city: it concerns every bairro, as the
        # agenda's bairro filter also shows it.
        area_and_place = set(
            followers_of(
                policy_area_id=consultation.policy_area_id,
                bairro_ids=bairros,
                any_bairro=not bairros,
            )
        )
        tell(
            area_and_place - following,
            NEW_IN_FOLLOWED,
            title=consultation.title,
            what=_("Nova consulta pública"),
            key=f"consultation:{consultation.pk}:new",
            url=consultation.get_absolute_url(),
            closes_at=closes_at,
        )
    elif action == "publish_report":
        _update(
            consultation,
            _followers_and_contributors(consultation),
            what=_("o relatório final foi publicado"),
            key="report",
            url=reverse("consultations:report", kwargs={"slug": consultation.slug}),
        )


def consultation_closing_soon(consultation, *, now: datetime) -> bool:
    """A week before closing, remind followers and contributors (once per
    closing date)."""
    days = settings.CONSULTATIONS_CLOSING_REMINDER_DAYS
    if consultation.closes_at - now > timedelta(days=days):
        return False
    _update(
        consultation,
        _followers_and_contributors(consultation),
        what=_("a consulta encerra em breve"),
        key=f"closing:{consultation.closes_at.isoformat()}",
        closes_at=when(consultation.closes_at),
    )
    return True

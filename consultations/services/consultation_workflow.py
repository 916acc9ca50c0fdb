"""The life of a consultation: draft → scheduled → open → closed → answered.

Opening and closing happen at the scheduled times without anyone acting: the
beat job `consultations_tick` applies them, idempotently, under row locks.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Consultation, ConsultationLog, Contribution
from .workflow import InvalidTransition

S = Consultation.Status

# (status, action) -> new status. "open" and "close" are the clock's actions.
CONSULTATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "schedule"): S.SCHEDULED,
    (S.SCHEDULED, "unschedule"): S.DRAFT,
    (S.SCHEDULED, "open"): S.OPEN,
    (S.OPEN, "close"): S.CLOSED,
    (S.CLOSED, "publish_report"): S.ANSWERED,
}
CLOCK_ACTIONS = frozenset({"open", "close"})


def _guard(consultation: Consultation, action: str, now: datetime) -> None:
    if action == "schedule":
        if consultation.closes_at <= now:
            raise ValidationError(
                _("O encerramento já passou: ajuste as datas antes de agendar.")
            )
        if not consultation.devices.exists():
            raise ValidationError(
                _("Divida o texto em dispositivos antes de agendar a consulta.")
            )
    if action == "publish_report":
        unanswered = (
            Contribution.objects.filter(consultation=consultation, parent__isnull=True)
            .exclude(moderation=Contribution.Moderation.HIDDEN)
            .filter(answer="")
            .count()
        )
        if unanswered:
            raise ValidationError(
                _("Ainda há %(count)s contribuições sem resposta.")
                % {"count": unanswered}
            )


def consultation_transition(
    *,
    consultation_id: int,
    action: str,
    actor=None,
    note: str = "",
    now: datetime | None = None,
) -> Consultation:
    """Apply one action under a row lock. `actor=None` is the clock (open/close)."""
    now = now or timezone.now()
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation_id)
        target = CONSULTATION_TRANSITIONS.get((consultation.status, action))
        if target is None:
            raise InvalidTransition(consultation.status, action)
        if actor is None:
            if action not in CLOCK_ACTIONS:
                raise PermissionDenied
        elif not actor.has_perm("consultations.manage_consultation", consultation):
            raise PermissionDenied
        _guard(consultation, action, now)
        ConsultationLog.objects.create(
            consultation=consultation,
            action=action,
            from_status=consultation.status,
            to_status=target,
            actor=actor,
            note=note,
            created_at=now,
        )
        consultation.status = target
        fields = ["status", "updated_at"]
        if action == "schedule":
            consultation.published_at = now
            fields.append("published_at")
        if action == "publish_report":
            consultation.report_published_at = now
            fields.append("report_published_at")
        consultation.save(update_fields=fields)
        notifications.consultation_changed(consultation, action)
        transaction.on_commit(invalidate_public_pages)
    return consultation


def consultations_tick(now: datetime | None = None) -> dict[str, int]:
    """Open scheduled consultations whose time has come and close open ones whose
    period has ended; remind followers a week before closing. Safe to run twice."""
    now = now or timezone.now()
    done = {"opened": 0, "closed": 0, "closing_reminders": 0}
    for pk in Consultation.objects.filter(
        status=S.SCHEDULED, opens_at__lte=now
    ).values_list("pk", flat=True):
        try:
            consultation_transition(consultation_id=pk, action="open", now=now)
            done["opened"] += 1
        except InvalidTransition:
            pass  # another run got there first
    for pk in Consultation.objects.filter(
        status=S.OPEN, closes_at__lte=now
    ).values_list("pk", flat=True):
        try:
            consultation_transition(consultation_id=pk, action="close", now=now)
            done["closed"] += 1
        except InvalidTransition:
            pass
    for consultation in Consultation.objects.filter(status=S.OPEN, closes_at__gt=now):
        if notifications.consultation_closing_soon(consultation, now=now):
            done["closing_reminders"] += 1
    return done

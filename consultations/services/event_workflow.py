"""The life of a hearing or forum: draft → published → concluded (or cancelled).

Publication must come HEARINGS_MIN_NOTICE_DAYS before the event (15 by default,
the usual municipal practice and ConCidades Res. 25/2005 for the plano diretor);
staff may publish later only with a recorded justification.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Contribution, Event, EventLog
from .workflow import InvalidTransition

S = Event.Status

EVENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "publish"): S.PUBLISHED,
    (S.PUBLISHED, "reschedule"): S.PUBLISHED,
    (S.PUBLISHED, "cancel"): S.CANCELLED,
    (S.PUBLISHED, "conclude"): S.CONCLUDED,
}


class ShortNotice(Exception):
    """Publishing (or moving) the event now gives less than the legal notice."""

    def __init__(self, days_left: float, required: int):
        self.days_left, self.required = days_left, required
        super().__init__(f"{days_left:.1f} days of notice, {required} required")


def schedule_conflicts(
    *,
    starts_at: datetime,
    ends_at: datetime,
    venue_id=None,
    organizing_body_id=None,
    exclude_pk=None,
) -> list[Event]:
    """Other live events at overlapping times in the same venue or by the same
    body, for the scheduling form to warn about."""
    same_place_or_body = Q(pk__in=[])
    if venue_id:
        same_place_or_body |= Q(venue_id=venue_id)
    if organizing_body_id:
        same_place_or_body |= Q(organizing_body_id=organizing_body_id)
    return list(
        Event.objects.filter(same_place_or_body)
        .filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(status=S.CANCELLED)
        .exclude(pk=exclude_pk)
        .select_related("venue", "organizing_body")
        .order_by("starts_at")
    )


def _check_notice(starts_at: datetime, now: datetime, reason: str) -> None:
    required = settings.HEARINGS_MIN_NOTICE_DAYS
    notice = starts_at - now
    if notice < timedelta(days=required) and not reason.strip():
        raise ShortNotice(notice.total_seconds() / 86400, required)


def _transition(event_id: int, action: str, actor, note: str, now: datetime):
    """Lock the event, check the table and the permission, log; returns (event, target)."""
    event = Event.objects.select_for_update().get(pk=event_id)
    target = EVENT_TRANSITIONS.get((event.status, action))
    if target is None:
        raise InvalidTransition(event.status, action)
    if not actor.has_perm("consultations.manage_event", event):
        raise PermissionDenied
    EventLog.objects.create(
        event=event,
        action=action,
        from_status=event.status,
        to_status=target,
        actor=actor,
        note=note,
        created_at=now,
    )
    return event, target


def event_publish(
    *, event_id: int, actor, short_notice_reason: str = "", now: datetime | None = None
) -> Event:
    """Publish the event and tell the people who follow its area or bairro."""
    now = now or timezone.now()
    with transaction.atomic():
        event, target = _transition(
            event_id, "publish", actor, short_notice_reason, now
        )
        if event.starts_at <= now:
            raise ValidationError(
                _("O evento já começou: ajuste a data antes de publicar.")
            )
        _check_notice(event.starts_at, now, short_notice_reason)
        event.status = target
        event.published_at = now
        event.short_notice_reason = short_notice_reason.strip()
        event.save(
            update_fields=[
                "status",
                "published_at",
                "short_notice_reason",
                "updated_at",
            ]
        )
        notifications.event_published(event)
        transaction.on_commit(invalidate_public_pages)
    return event


def event_reschedule(
    *,
    event_id: int,
    actor,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    short_notice_reason: str = "",
    now: datetime | None = None,
) -> Event:
    """Move the event to a new date and tell everyone registered."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError(_("Explique o motivo da mudança de data."))
    if ends_at <= starts_at:
        raise ValidationError(_("O término deve ser depois do início."))
    with transaction.atomic():
        event, _target = _transition(event_id, "reschedule", actor, reason, now)
        if starts_at <= now:
            raise ValidationError(_("A nova data já passou."))
        _check_notice(starts_at, now, short_notice_reason)
        event.starts_at, event.ends_at = starts_at, ends_at
        event.schedule_version = F("schedule_version") + 1
        event.save(
            update_fields=["starts_at", "ends_at", "schedule_version", "updated_at"]
        )
        event.refresh_from_db()
        notifications.event_rescheduled(event, reason=reason)
        transaction.on_commit(invalidate_public_pages)
    return event


def event_cancel(
    *, event_id: int, actor, reason: str, now: datetime | None = None
) -> Event:
    """Cancel the event, keeping it visible as cancelled, and tell everyone registered."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError(_("Explique o motivo do cancelamento."))
    with transaction.atomic():
        event, target = _transition(event_id, "cancel", actor, reason, now)
        event.status = target
        event.cancellation_reason = reason.strip()
        event.save(update_fields=["status", "cancellation_reason", "updated_at"])
        notifications.event_cancelled(event)
        transaction.on_commit(invalidate_public_pages)
    return event


def event_conclude(
    *,
    event_id: int,
    actor,
    minutes: str,
    recording_url: str = "",
    attendance_count: int | None = None,
    now: datetime | None = None,
) -> Event:
    """Publish the ata, the recording and the answered contributions."""
    now = now or timezone.now()
    if not minutes.strip():
        raise ValidationError(_("Escreva a ata antes de concluir."))
    with transaction.atomic():
        event, target = _transition(event_id, "conclude", actor, "", now)
        if event.ends_at > now:
            raise ValidationError(_("O evento ainda não terminou."))
        unanswered = (
            Contribution.objects.filter(event=event, parent__isnull=True, answer="")
            .exclude(moderation=Contribution.Moderation.HIDDEN)
            .count()
        )
        if unanswered:
            raise ValidationError(
                _("Ainda há %(count)s contribuições sem resposta.")
                % {"count": unanswered}
            )
        event.status = target
        event.minutes = minutes.strip()
        event.recording_url = recording_url
        event.attendance_count = attendance_count
        event.save(
            update_fields=[
                "status",
                "minutes",
                "recording_url",
                "attendance_count",
                "updated_at",
            ]
        )
        notifications.event_concluded(event)
        transaction.on_commit(invalidate_public_pages)
    return event

"""The life of a hearing or forum: draft → published → concluded (or cancelled).

Publication must come HEARINGS_MIN_NOTICE_DAYS before the event (15 by default,
the usual municipal practice and ConCidades Res. 25/2005 for the plano diretor);
staff may publish later only with a recorded justification. Once published, the
date changes only through `event_reschedule`, which tells everyone registered.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Contribution, Event, EventLog, Registration, Venue
from .workflow import InvalidTransition

S = Event.Status

EVENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "publish"): S.PUBLISHED,
    (S.PUBLISHED, "reschedule"): S.PUBLISHED,
    (S.PUBLISHED, "cancel"): S.CANCELLED,
    (S.PUBLISHED, "conclude"): S.CONCLUDED,
}
EVENT_ACTIONS = ("publish", "reschedule", "cancel", "conclude")
# Fields staff may not change on a published event through the edit form.
SCHEDULE_FIELDS = ("starts_at", "ends_at")
REASON_MAX_LENGTH = 2000


class ShortNotice(Exception):
    """Publishing (or moving) the event now gives less than the legal notice."""

    def __init__(self, days_left: float, required: int):
        self.days_left, self.required = days_left, required
        super().__init__(f"{days_left:.1f} days of notice, {required} required")

    @property
    def message(self) -> str:
        return _(
            "Faltam %(days)s dias para o evento e o prazo mínimo de divulgação é de "
            "%(required)s dias. Para publicar mesmo assim, escreva a justificativa "
            "(ela fica registrada no histórico e na página do evento)."
        ) % {
            "days": formats.number_format(max(self.days_left, 0), 1),
            "required": self.required,
        }


def _in_time(event: Event, action: str, now: datetime) -> bool:
    """The ata comes after the event; a cancellation before it is over."""
    if action == "conclude":
        return event.ends_at <= now
    if action == "cancel":
        return event.ends_at > now
    return True


def can_act(event: Event, action: str, user, now: datetime | None = None) -> bool:
    """Whether the table allows `action` now and the person may do it."""
    return (
        (event.status, action) in EVENT_TRANSITIONS
        and _in_time(event, action, now or timezone.now())
        and user.has_perm("consultations.manage_event", event)
    )


def notice_is_short(starts_at: datetime, now: datetime | None = None) -> bool:
    """Whether an event at `starts_at` published now would break the notice period."""
    now = now or timezone.now()
    return starts_at - now < timedelta(days=settings.HEARINGS_MIN_NOTICE_DAYS)


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
    if not (starts_at and ends_at) or ends_at <= starts_at:
        return []
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


def _when(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _check_notice(starts_at: datetime, now: datetime, reason: str) -> None:
    required = settings.HEARINGS_MIN_NOTICE_DAYS
    notice = starts_at - now
    if notice < timedelta(days=required) and not reason.strip():
        raise ShortNotice(notice.total_seconds() / 86400, required)


def _clean_reason(value: str, *, field: str, required_message: str | None) -> str:
    value = (value or "").strip()
    if required_message and not value:
        raise ValidationError({field: [required_message]})
    if len(value) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                field: [
                    _("Use no máximo %(limit)s caracteres.")
                    % {"limit": REASON_MAX_LENGTH}
                ]
            }
        )
    return value


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


def _check_capacity(event: Event) -> None:
    errors = {}
    if event.capacity is None or event.capacity <= 0:
        errors["capacity"] = [_("Informe um número de vagas maior que zero.")]
    elif event.venue_id:
        venue = Venue.objects.get(pk=event.venue_id)
        if event.capacity > venue.capacity:
            errors["capacity"] = [
                _("O local “%(venue)s” comporta no máximo %(max)s pessoas.")
                % {"venue": venue, "max": venue.capacity}
            ]
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = [_("O término deve ser depois do início.")]
    if errors:
        raise ValidationError(errors)


def fill_places(event: Event, *, now: datetime) -> list[Registration]:
    """Give free places to the people waiting, in order of registration.

    Call with the event's row lock held. Only before the event starts: the
    waitlist means nothing once people are at the door.
    """
    if event.status != S.PUBLISHED or event.starts_at <= now:
        return []
    confirmed = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).count()
    free = event.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.WAITLISTED)
        .order_by("created_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.event = event
        notifications.registration_promoted(registration)
    return promoted


def event_save(*, event: Event, actor, now: datetime | None = None) -> Event:
    """Create or edit an event's details (not its status).

    A published event keeps its dates here: moving it goes through
    `event_reschedule`, so everyone registered is told. More places on a
    published event go to the people waiting, in order.
    """
    now = now or timezone.now()
    if not actor.has_perm("consultations.manage_event", event):
        raise PermissionDenied
    _check_capacity(event)
    with transaction.atomic():
        created = event.pk is None
        before = None
        if not created:
            before = Event.objects.select_for_update().get(pk=event.pk)
            # The status and its companions are never changed by a form.
            event.status = before.status
            event.schedule_version = before.schedule_version
            if before.status != S.DRAFT and any(
                getattr(before, name) != getattr(event, name)
                for name in SCHEDULE_FIELDS
            ):
                raise ValidationError(
                    {
                        "starts_at": [
                            _(
                                "A data de um evento publicado só muda pela ação "
                                "“Remarcar”, que avisa as pessoas inscritas."
                            )
                        ]
                    }
                )
        else:
            event.status = S.DRAFT
            event.created_by = actor
        event.save()
        EventLog.objects.create(
            event=event,
            action="create" if created else "edit",
            from_status=event.status,
            to_status=event.status,
            actor=actor,
            created_at=now,
        )
        if before is not None and event.capacity > before.capacity:
            fill_places(event, now=now)
        if event.status != S.DRAFT:
            transaction.on_commit(invalidate_public_pages)
    return event


def event_delete(*, event_id: int, actor) -> None:
    """Delete a draft; a published event is a public record and is cancelled instead."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if not actor.has_perm("consultations.manage_event", event):
            raise PermissionDenied
        if event.status != S.DRAFT:
            raise ValidationError(
                _("Só rascunhos podem ser excluídos; cancele o evento publicado.")
            )
        event.delete()


def venue_save(*, venue: Venue, actor) -> Venue:
    """Create or edit a venue. Its capacity bounds the places of the events held
    there, so it may not drop below those still to come."""
    if not actor.has_perm("consultations.manage_event"):
        raise PermissionDenied
    if venue.capacity is None or venue.capacity <= 0:
        raise ValidationError({"capacity": [_("Informe uma lotação maior que zero.")]})
    with transaction.atomic():
        if venue.pk:
            too_big = list(
                Event.objects.filter(
                    venue_id=venue.pk,
                    capacity__gt=venue.capacity,
                    ends_at__gt=timezone.now(),
                )
                .exclude(status=S.CANCELLED)
                .order_by("starts_at")
            )
            if too_big:
                raise ValidationError(
                    {
                        "capacity": [
                            _(
                                "Estes eventos têm mais vagas que a nova lotação: "
                                "%(events)s. Reduza as vagas deles antes."
                            )
                            % {
                                "events": "; ".join(
                                    f"{e.title} ({e.capacity})" for e in too_big
                                )
                            }
                        ]
                    }
                )
        venue.save()
        transaction.on_commit(invalidate_public_pages)
    return venue


def event_publish(
    *, event_id: int, actor, short_notice_reason: str = "", now: datetime | None = None
) -> Event:
    """Publish the event and tell the people who follow its area or bairro.

    Less than HEARINGS_MIN_NOTICE_DAYS before the event it needs a
    justification, kept on the event and in its log (ShortNotice otherwise).
    """
    now = now or timezone.now()
    reason = _clean_reason(
        short_notice_reason, field="short_notice_reason", required_message=None
    )
    with transaction.atomic():
        event, target = _transition(event_id, "publish", actor, reason, now)
        if event.starts_at <= now:
            raise ValidationError(
                _("O evento já começou: ajuste a data antes de publicar.")
            )
        _check_notice(event.starts_at, now, reason)
        _check_capacity(event)
        event.status = target
        event.published_at = now
        # Kept only when it was needed, so the public page shows it only then.
        event.short_notice_reason = (
            reason if notice_is_short(event.starts_at, now) else ""
        )
        event.save(
            update_fields=[
                "status",
                "published_at",
                "short_notice_reason",
                "updated_at",
            ]
        )
        notifications.event_published(event, actor=actor)
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
    """Move the event to a new date and tell everyone registered (confirmed and
    waiting); the reminder is sent again for the new date."""
    now = now or timezone.now()
    reason = _clean_reason(
        reason,
        field="reason",
        required_message=_("Explique o motivo da mudança de data."),
    )
    short_notice_reason = _clean_reason(
        short_notice_reason, field="short_notice_reason", required_message=None
    )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("O término deve ser depois do início.")]})
    with transaction.atomic():
        previous = Event.objects.select_for_update().get(pk=event_id)
        note = _("De %(old)s para %(new)s. %(reason)s") % {
            "old": _when(previous.starts_at),
            "new": _when(starts_at),
            "reason": reason,
        }
        if short_notice_reason:
            note += " " + _("Prazo reduzido: %(why)s") % {"why": short_notice_reason}
        event, _target = _transition(event_id, "reschedule", actor, note, now)
        if starts_at <= now:
            raise ValidationError({"starts_at": [_("A nova data já passou.")]})
        if (starts_at, ends_at) == (event.starts_at, event.ends_at):
            raise ValidationError({"starts_at": [_("A nova data é igual à atual.")]})
        _check_notice(starts_at, now, short_notice_reason)
        event.starts_at, event.ends_at = starts_at, ends_at
        event.schedule_version = F("schedule_version") + 1
        fields = ["starts_at", "ends_at", "schedule_version", "updated_at"]
        if short_notice_reason and notice_is_short(starts_at, now):
            event.short_notice_reason = short_notice_reason
            fields.append("short_notice_reason")
        event.save(update_fields=fields)
        event.refresh_from_db()
        notifications.event_rescheduled(
            event,
            reason=reason,
            actor=actor,
            previous_starts_at=previous.starts_at,
            previous_ends_at=previous.ends_at,
        )
        transaction.on_commit(invalidate_public_pages)
    return event


def event_cancel(
    *, event_id: int, actor, reason: str, now: datetime | None = None
) -> Event:
    """Cancel the event, keeping it visible as cancelled, and tell everyone registered."""
    now = now or timezone.now()
    reason = _clean_reason(
        reason,
        field="reason",
        required_message=_("Explique o motivo do cancelamento."),
    )
    with transaction.atomic():
        event, target = _transition(event_id, "cancel", actor, reason, now)
        if not _in_time(event, "cancel", now):
            raise ValidationError(
                _("O evento já aconteceu: em vez de cancelar, publique a ata.")
            )
        event.status = target
        event.cancellation_reason = reason
        event.save(update_fields=["status", "cancellation_reason", "updated_at"])
        notifications.event_cancelled(event, actor=actor)
        transaction.on_commit(invalidate_public_pages)
    return event


def unanswered_contributions(event: Event):
    """Top-level contributions still waiting for their devolutiva (hidden ones
    need none: they are shown as removed)."""
    return Contribution.objects.filter(
        event=event, parent__isnull=True, answer=""
    ).exclude(moderation=Contribution.Moderation.HIDDEN)


def event_conclude(
    *,
    event_id: int,
    actor,
    minutes: str,
    recording_url: str = "",
    attendance_count: int | None = None,
    now: datetime | None = None,
) -> Event:
    """Publish the ata, the recording and the answered contributions (Lei
    9.784/1999 art. 34: the results of a hearing are published)."""
    now = now or timezone.now()
    minutes = (minutes or "").strip()
    if not minutes:
        raise ValidationError({"minutes": [_("Escreva a ata antes de concluir.")]})
    limit = Event._meta.get_field("minutes").max_length
    if len(minutes) > limit:
        raise ValidationError(
            {"minutes": [_("Use no máximo %(limit)s caracteres.") % {"limit": limit}]}
        )
    if attendance_count is not None and attendance_count < 0:
        raise ValidationError(
            {"attendance_count": [_("Informe um número igual ou maior que zero.")]}
        )
    with transaction.atomic():
        event, target = _transition(event_id, "conclude", actor, "", now)
        if event.ends_at > now:
            raise ValidationError(_("O evento ainda não terminou."))
        unanswered = unanswered_contributions(event).count()
        if unanswered:
            raise ValidationError(
                _(
                    "Ainda há %(count)s contribuições sem resposta: responda a "
                    "todas antes de publicar a ata."
                )
                % {"count": unanswered},
                code="unanswered",
            )
        event.status = target
        event.minutes = minutes
        event.recording_url = (recording_url or "").strip()
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
        notifications.event_concluded(event, actor=actor)
        transaction.on_commit(invalidate_public_pages)
    return event

"""The life of a hearing or forum: draft → published → concluded (or cancelled).

Publication must come HEARINGS_MIN_NOTICE_DAYS before the event (15 by default,
the usual municipal practice and ConCidades Res. 25/2005 for the plano diretor);
staff may publish later only with a recorded justification. Once published, the
date changes only through "reschedule", which tells everyone registered.

Creating and editing an event's details, and venues, are in `event_details`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.cache import invalidate_public_pages
from civic.workflow import NOTE_MAX_LENGTH, InvalidTransition, Step, Workflow

from .. import notifications
from ..models import Contribution, Event, EventLog, Registration, Venue
from ..selectors.staff import UNANSWERED

S = Event.Status
REASON_MAX_LENGTH = NOTE_MAX_LENGTH
# Why an action the table allows cannot be taken at this moment (`in_time`).
OUT_OF_TIME = {
    "conclude": gettext_lazy(
        "O evento ainda não terminou: a ata é publicada depois dele."
    ),
    "cancel": gettext_lazy(
        "O evento já aconteceu: em vez de cancelar, publique a ata."
    ),
}


def notice_is_short(starts_at: datetime, now: datetime | None = None) -> bool:
    """Whether an event at `starts_at` published now would break the notice period."""
    now = now or timezone.now()
    return starts_at - now < timedelta(days=settings.HEARINGS_MIN_NOTICE_DAYS)


def short_notice_message(starts_at: datetime, now: datetime | None = None) -> str:
    """What staff read when the notice is short: how short, and what to do."""
    days = (starts_at - (now or timezone.now())).total_seconds() / 86400
    return _(
        "Faltam %(days)s dias para o evento e o prazo mínimo de divulgação é de "
        "%(required)s dias. Para publicar mesmo assim, escreva a justificativa "
        "(ela fica registrada no histórico e na página do evento)."
    ) % {
        "days": formats.number_format(max(days, 0), 1),
        "required": settings.HEARINGS_MIN_NOTICE_DAYS,
    }


def check_capacity(event: Event) -> None:
    """Places above zero and within the venue; the end after the start."""
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


def unanswered_contributions(event: Event):
    """Top-level contributions still waiting for their devolutiva."""
    return Contribution.objects.filter(UNANSWERED, event=event)


def _text(step: Step, name: str, *, required: str | None = None, limit=None) -> str:
    """The stripped text input `name`; refused beside its field when missing
    (with `required`) or too long. The clean value replaces the raw one."""
    value = (step.params.get(name) or "").strip()
    limit = limit or REASON_MAX_LENGTH
    if required and not value:
        raise ValidationError({name: required})
    if len(value) > limit:
        raise ValidationError(
            {name: _("Use no máximo %(limit)s caracteres.") % {"limit": limit}}
        )
    step.params[name] = value
    return value


def _when(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class EventWorkflow(Workflow):
    """Publish, reschedule, cancel and conclude; each the rule
    `consultations.<action>_event`. Inputs come as keyword parameters:
    publish(short_notice_reason), reschedule(starts_at, ends_at, reason,
    short_notice_reason), cancel(reason), conclude(minutes, recording_url,
    attendance_count)."""

    model = Event
    log_model = EventLog
    transitions = {
        (S.DRAFT, "publish"): S.PUBLISHED,
        (S.PUBLISHED, "reschedule"): S.PUBLISHED,
        (S.PUBLISHED, "cancel"): S.CANCELLED,
        (S.PUBLISHED, "conclude"): S.CONCLUDED,
    }
    action_labels = {
        "publish": gettext_lazy("Publicar"),
        "reschedule": gettext_lazy("Remarcar"),
        "cancel": gettext_lazy("Cancelar o evento"),
        "conclude": gettext_lazy("Concluir e publicar a ata"),
    }

    def in_time(self, obj, action: str, now: datetime) -> bool:
        """The ata comes after the event; a cancellation before it is over."""
        if action == "conclude":
            return obj.ends_at <= now
        if action == "cancel":
            return obj.ends_at > now
        return True

    def refusal(self, obj, action: str, user, now=None) -> Exception | None:
        """Why the action cannot be taken now (None when it can), as the error
        `run()` would raise, for a view to report before showing a form."""
        now = now or timezone.now()
        if (self.status_of(obj), action) not in self.transitions:
            return InvalidTransition(
                obj.status,
                action,
                status_label=obj.get_status_display(),
                action_label=self.label(action),
            )
        if not self.in_time(obj, action, now):
            return ValidationError(OUT_OF_TIME[action])
        if not self.has_permission(obj, action, user):
            return PermissionDenied()
        return None

    def check(self, step: Step) -> None:
        if not self.in_time(step.obj, step.action, step.now):
            raise ValidationError(OUT_OF_TIME[step.action])
        getattr(self, f"check_{step.action}")(step)

    def _check_notice(self, step: Step, starts_at: datetime) -> None:
        reason = _text(step, "short_notice_reason")
        if notice_is_short(starts_at, step.now) and not reason:
            message = short_notice_message(starts_at, step.now)
            raise ValidationError(
                {"short_notice_reason": ValidationError(message, code="short_notice")}
            )

    def check_publish(self, step: Step) -> None:
        if step.obj.starts_at <= step.now:
            raise ValidationError(
                _("O evento já começou: ajuste a data antes de publicar.")
            )
        self._check_notice(step, step.obj.starts_at)
        check_capacity(step.obj)

    def check_reschedule(self, step: Step) -> None:
        event, params = step.obj, step.params
        _text(step, "reason", required=_("Explique o motivo da mudança de data."))
        starts_at, ends_at = params.get("starts_at"), params.get("ends_at")
        if not (starts_at and ends_at) or ends_at <= starts_at:
            raise ValidationError(
                {"ends_at": _("O término deve ser depois do início.")}
            )
        if starts_at <= step.now:
            raise ValidationError({"starts_at": _("A nova data já passou.")})
        if (starts_at, ends_at) == (event.starts_at, event.ends_at):
            raise ValidationError({"starts_at": _("A nova data é igual à atual.")})
        self._check_notice(step, starts_at)

    def check_cancel(self, step: Step) -> None:
        _text(step, "reason", required=_("Explique o motivo do cancelamento."))

    def check_conclude(self, step: Step) -> None:
        _text(
            step,
            "minutes",
            required=_("Escreva a ata antes de concluir."),
            limit=Event._meta.get_field("minutes").max_length,
        )
        count = step.params.get("attendance_count")
        if count is not None and count < 0:
            raise ValidationError(
                {"attendance_count": _("Informe um número igual ou maior que zero.")}
            )
        unanswered = unanswered_contributions(step.obj).count()
        if unanswered:
            raise ValidationError(
                _(
                    "Ainda há %(count)s contribuições sem resposta: responda a "
                    "todas antes de publicar a ata."
                )
                % {"count": unanswered},
                code="unanswered",
            )

    def apply(self, step: Step) -> None:
        event, params = step.obj, step.params
        if step.action == "publish":
            # Kept only when it was needed, so the public page shows it only then.
            reason = params["short_notice_reason"]
            if not notice_is_short(event.starts_at, step.now):
                reason = ""
            step.set(published_at=step.now, short_notice_reason=reason)
            step.note = reason
        elif step.action == "reschedule":
            starts_at, ends_at = params["starts_at"], params["ends_at"]
            step.data = {
                "previous": {"starts_at": event.starts_at, "ends_at": event.ends_at},
                "new": {"starts_at": starts_at, "ends_at": ends_at},
            }
            step.note = _("De %(old)s para %(new)s. %(reason)s") % {
                "old": _when(event.starts_at),
                "new": _when(starts_at),
                "reason": params["reason"],
            }
            why_short = params["short_notice_reason"]
            if why_short and notice_is_short(starts_at, step.now):
                step.note += " " + _("Prazo reduzido: %(why)s") % {"why": why_short}
                step.set(short_notice_reason=why_short)
            # The row is locked: the version cannot move under us.
            step.set(
                starts_at=starts_at,
                ends_at=ends_at,
                schedule_version=event.schedule_version + 1,
            )
        elif step.action == "cancel":
            step.set(cancellation_reason=params["reason"])
            step.note = params["reason"]
        elif step.action == "conclude":
            step.set(
                minutes=params["minutes"],
                recording_url=(params.get("recording_url") or "").strip(),
                attendance_count=params.get("attendance_count"),
            )

    def after(self, step: Step, log: EventLog) -> None:
        event, actor = step.obj, step.actor
        if step.action == "publish":
            notifications.event_published(event, actor=actor)
        elif step.action == "reschedule":
            notifications.event_rescheduled(
                event,
                reason=step.params["reason"],
                actor=actor,
                previous_starts_at=step.data["previous"]["starts_at"],
                previous_ends_at=step.data["previous"]["ends_at"],
            )
        elif step.action == "cancel":
            notifications.event_cancelled(event, actor=actor)
        elif step.action == "conclude":
            notifications.event_concluded(event, actor=actor)
        transaction.on_commit(invalidate_public_pages)


workflow = EventWorkflow()
EVENT_TRANSITIONS = workflow.transitions
EVENT_ACTIONS = tuple(workflow.action_labels)


def can_act(event: Event, action: str, user, now: datetime | None = None) -> bool:
    """Whether the table allows `action` now and the person may do it."""
    return workflow.can(event, action, user, now)


def event_publish(
    *, event_id: int, actor, short_notice_reason: str = "", now: datetime | None = None
) -> Event:
    """Publish the event and tell the people who follow its area or bairro.

    Less than HEARINGS_MIN_NOTICE_DAYS before the event it needs a
    justification, kept on the event and in its log."""
    return workflow.run(
        event_id,
        "publish",
        actor=actor,
        now=now,
        short_notice_reason=short_notice_reason,
    )


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
    return workflow.run(
        event_id,
        "reschedule",
        actor=actor,
        now=now,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        short_notice_reason=short_notice_reason,
    )


def event_cancel(
    *, event_id: int, actor, reason: str, now: datetime | None = None
) -> Event:
    """Cancel the event, keeping it visible as cancelled, and tell everyone registered."""
    return workflow.run(event_id, "cancel", actor=actor, now=now, reason=reason)


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
    return workflow.run(
        event_id,
        "conclude",
        actor=actor,
        now=now,
        minutes=minutes,
        recording_url=recording_url,
        attendance_count=attendance_count,
    )


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

"""Registering for an event, the waitlist, check-in, and the speaker list.

Capacity holds when sign-ups race: every change takes the event's row lock
first, so the count of confirmed places and the promotion from the waitlist are
decided one request at a time (tested with 200 simultaneous sign-ups on
PostgreSQL).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.workflow import refuse_duplicate

from .. import notifications
from ..models import Event, Registration, SpeakerRequest
from ..models.events import new_checkin_code
from .event_workflow import fill_places, workflow

R = Registration.Status
ACCESSIBILITY_MAX = Registration._meta.get_field("accessibility_needs").max_length
TOPIC_MAX = SpeakerRequest._meta.get_field("topic").max_length
REASON_MAX = SpeakerRequest._meta.get_field("withdrawal_reason").max_length


class RegistrationClosed(ValidationError):
    """The event no longer takes registrations (past, cancelled, not published)."""


def closed_reason(event: Event, now=None) -> str:
    """Why this event takes no registration now, in pt-BR."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("Este evento foi cancelado: não recebe mais inscrições.")
    if event.status == Event.Status.CONCLUDED or event.ends_at <= now:
        return _("Este evento já aconteceu: as inscrições estão encerradas.")
    if event.status == Event.Status.DRAFT:
        return _("Este evento ainda não foi publicado.")
    if event.starts_at <= now:
        return _("O evento já começou: as inscrições pelo site estão encerradas.")
    return _("As inscrições para este evento não estão abertas.")


def _unused_code(event: Event) -> str:
    """A check-in code not yet used at this event (called under the event lock)."""
    while True:
        code = new_checkin_code()
        if not Registration.objects.filter(event=event, checkin_code=code).exists():
            return code


def registration_create(
    *, event_id: int, user, needs_libras: bool = False, accessibility_needs: str = ""
) -> Registration:
    """Register a person: a confirmed place while there is one, else the waitlist.

    One active registration per person and event (checked under the lock and
    backed by a partial unique constraint). Tells the person, with their
    check-in code when the place is confirmed.
    """
    accessibility_needs = (accessibility_needs or "").strip()
    if len(accessibility_needs) > ACCESSIBILITY_MAX:
        raise ValidationError(
            {
                "accessibility_needs": [
                    _("Use no máximo %(limit)s caracteres.")
                    % {"limit": ACCESSIBILITY_MAX}
                ]
            }
        )
    already = _("Você já está inscrito neste evento.")
    # The partial unique constraint catches a double submission the check missed.
    with refuse_duplicate(already), transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if not event.accepts_registrations:
            raise RegistrationClosed(closed_reason(event), code="closed")
        if not user.has_perm("consultations.register_for_event", event):
            raise PermissionDenied
        if (
            Registration.objects.filter(event=event, user=user)
            .exclude(status=R.CANCELLED)
            .exists()
        ):
            raise ValidationError(already, code="duplicate")
        confirmed = Registration.objects.filter(event=event, status=R.CONFIRMED).count()
        registration = Registration.objects.create(
            event=event,
            user=user,
            status=R.CONFIRMED if confirmed < event.capacity else R.WAITLISTED,
            checkin_code=_unused_code(event),
            needs_libras=bool(needs_libras),
            accessibility_needs=accessibility_needs,
        )
        notifications.registration_created(registration)
        transaction.on_commit(invalidate_public_pages)
    return registration


def registration_cancel(*, registration_id: int, by) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person waiting,
    who is told. The person cancels their own until the event starts; staff may
    cancel anyone's (and the person is told).

    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(
            pk=registration_id
        )
        event = Event.objects.select_for_update().get(pk=event_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        is_staff = by.has_perm("consultations.manage_event", event)
        if registration.user_id != by.pk and not is_staff:
            raise PermissionDenied
        if registration.status == R.CANCELLED:
            return None
        now = timezone.now()
        if not is_staff and event.starts_at <= now:
            raise ValidationError(
                _("O evento já começou: a inscrição não pode mais ser cancelada."),
                code="started",
            )
        registration.status = R.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if registration.user_id != by.pk:
            registration.event = event
            notifications.registration_cancelled(registration)
        promoted = fill_places(event, now=now)
        # Whoever cancels loses their place on the speaker list too.
        SpeakerRequest.objects.filter(
            event=event, user_id=registration.user_id, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        transaction.on_commit(invalidate_public_pages)
    return promoted[0] if promoted else None


def registration_check_in(*, event_id: int, code: str, by) -> Registration:
    """Record that the holder of a check-in code is present.

    Typing the same code twice keeps the first time; the returned registration
    says so in `already_present`.
    """
    event = Event.objects.get(pk=event_id)
    if not by.has_perm("consultations.manage_event", event):
        raise PermissionDenied
    if event.status not in (Event.Status.PUBLISHED, Event.Status.CONCLUDED):
        raise ValidationError(_("Este evento não está publicado."), code="closed")
    code = "".join((code or "").split()).upper().replace("-", "")
    if not code:
        raise ValidationError(_("Digite o código de presença."), code="empty")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(event=event, checkin_code=code)
            .exclude(status=R.CANCELLED)
            .first()
        )
        if registration is None:
            raise ValidationError(
                _("Código %(code)s não encontrado entre as inscrições deste evento.")
                % {"code": code[:12]},
                code="not_found",
            )
        registration.already_present = registration.attended_at is not None
        if registration.attended_at is None:
            registration.attended_at = timezone.now()
            registration.save(update_fields=["attended_at"])
    return registration


def speaker_request_create(
    *, event_id: int, user, topic: str, on_behalf_of=None, show_name: bool = False
) -> SpeakerRequest:
    """Ask to speak; the list is ordered by the time of the request.

    Only registered people, while registrations are open. The name shows in the
    public list only if the person asks (LGPD); an entity's name always shows.
    """
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError(
            {"topic": [_("Diga em poucas palavras sobre o que você quer falar.")]}
        )
    if len(topic) > TOPIC_MAX:
        raise ValidationError(
            {"topic": [_("Use no máximo %(limit)s caracteres.") % {"limit": TOPIC_MAX}]}
        )
    already = _("Você já está na lista de falas deste evento.")
    with refuse_duplicate(already), transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if not (event.accepts_registrations and event.accepts_speakers):
            raise RegistrationClosed(
                _("Este evento não está recebendo inscrições para falar."),
                code="closed",
            )
        if not user.has_perm("consultations.request_to_speak", event):
            raise PermissionDenied
        if (
            not Registration.objects.filter(event=event, user=user)
            .exclude(status=R.CANCELLED)
            .exists()
        ):
            raise ValidationError(
                _("Inscreva-se no evento antes de pedir para falar."),
                code="not_registered",
            )
        if SpeakerRequest.objects.filter(
            event=event, user=user, withdrawn_at__isnull=True
        ).exists():
            raise ValidationError(already, code="duplicate")
        if on_behalf_of is not None and not user.has_perm(
            "entities.act_for_entity", on_behalf_of
        ):
            raise ValidationError(
                {
                    "on_behalf_of": [
                        _(
                            "Você só pode falar em nome de uma entidade aprovada "
                            "que você representa."
                        )
                    ]
                }
            )
        request = SpeakerRequest.objects.create(
            event=event,
            user=user,
            topic=topic,
            on_behalf_of=on_behalf_of,
            show_name=bool(show_name),
            # As with a consultation's contributions: held until a moderator
            # publishes it, when the event asks for pre-moderation.
            moderation=(
                SpeakerRequest.Moderation.PENDING
                if event.premoderation
                else SpeakerRequest.Moderation.PUBLISHED
            ),
        )
        transaction.on_commit(invalidate_public_pages)
    return request


def speaker_request_withdraw(*, request_id: int, by, reason: str = "") -> None:
    """Leave the speaker list: the person, with no reason asked; or staff, who
    must say why (Lei 9.784/1999 art. 50), recorded in the event's history."""
    reason = (reason or "").strip()
    with transaction.atomic():
        request = (
            SpeakerRequest.objects.select_for_update()
            .select_related("event")
            .get(pk=request_id)
        )
        by_staff = request.user_id != by.pk
        if by_staff and not by.has_perm("consultations.manage_event", request.event):
            raise PermissionDenied
        if by_staff and not reason:
            raise ValidationError(
                {"reason": [_("Escreva o motivo de retirar esta pessoa da lista.")]}
            )
        if len(reason) > REASON_MAX:
            raise ValidationError(
                {
                    "reason": [
                        _("Use no máximo %(limit)s caracteres.") % {"limit": REASON_MAX}
                    ]
                }
            )
        if request.withdrawn_at is None:
            request.withdrawn_at = timezone.now()
            request.withdrawal_reason = reason if by_staff else ""
            request.save(update_fields=["withdrawn_at", "withdrawal_reason"])
            if by_staff:
                workflow.record(
                    request.event,
                    action="withdraw_speaker",
                    actor=by,
                    note=reason,
                    data={"speaker_request": request.pk},
                    now=request.withdrawn_at,
                )
            transaction.on_commit(invalidate_public_pages)


def speaker_mark_spoke(*, request_id: int, by, spoke: bool = True) -> SpeakerRequest:
    """Staff mark (or unmark) that a person on the speaker list spoke."""
    with transaction.atomic():
        request = (
            SpeakerRequest.objects.select_for_update()
            .select_related("event")
            .get(pk=request_id)
        )
        if not by.has_perm("consultations.manage_event", request.event):
            raise PermissionDenied
        if request.withdrawn_at is not None:
            raise ValidationError(_("Esta pessoa saiu da lista de falas."))
        request.spoke_at = timezone.now() if spoke else None
        request.save(update_fields=["spoke_at"])
        transaction.on_commit(invalidate_public_pages)
    return request

"""Registering for an event, the waitlist, check-in, and the speaker list.

Capacity holds when sign-ups race: every change takes the event's row lock
first, so the count of confirmed places and the promotion from the waitlist are
decided one request at a time.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Event, Registration, SpeakerRequest

R = Registration.Status


class RegistrationClosed(ValidationError):
    """The event no longer takes registrations (past, cancelled, not published)."""


def registration_create(
    *, event_id: int, user, needs_libras: bool = False, accessibility_needs: str = ""
) -> Registration:
    """Register a person: a confirmed place while there is one, else the waitlist."""
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            if not event.accepts_registrations:
                raise RegistrationClosed(
                    _("As inscrições para este evento não estão abertas."),
                    code="closed",
                )
            if not user.has_perm("consultations.register_for_event", event):
                raise PermissionDenied
            if (
                Registration.objects.filter(event=event, user=user)
                .exclude(status=R.CANCELLED)
                .exists()
            ):
                raise ValidationError(
                    _("Você já está inscrito neste evento."), code="duplicate"
                )
            confirmed = Registration.objects.filter(
                event=event, status=R.CONFIRMED
            ).count()
            registration = Registration.objects.create(
                event=event,
                user=user,
                status=R.CONFIRMED if confirmed < event.capacity else R.WAITLISTED,
                needs_libras=needs_libras,
                accessibility_needs=accessibility_needs.strip(),
            )
            notifications.registration_created(registration)
            transaction.on_commit(invalidate_public_pages)
    except IntegrityError:
        # The partial unique constraint caught a double submission.
        raise ValidationError(
            _("Você já está inscrito neste evento."), code="duplicate"
        ) from None
    return registration


def registration_cancel(*, registration_id: int, by) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person waiting.

    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        event_id = Registration.objects.values_list("event_id", flat=True).get(
            pk=registration_id
        )
        event = Event.objects.select_for_update().get(pk=event_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.user_id != by.pk and not by.has_perm(
            "consultations.manage_event", event
        ):
            raise PermissionDenied
        if registration.status == R.CANCELLED:
            return None
        freed = registration.status == R.CONFIRMED
        now = timezone.now()
        registration.status = R.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if freed and event.starts_at > now:
            promoted = (
                Registration.objects.select_for_update()
                .filter(event=event, status=R.WAITLISTED)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted is not None:
                promoted.status = R.CONFIRMED
                promoted.promoted_at = now
                promoted.save(update_fields=["status", "promoted_at"])
                notifications.registration_promoted(promoted)
        # Whoever cancels loses their place on the speaker list too.
        SpeakerRequest.objects.filter(
            event=event, user_id=registration.user_id, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        transaction.on_commit(invalidate_public_pages)
    return promoted


def registration_check_in(*, event_id: int, code: str, by) -> Registration:
    """Record that the holder of a check-in code is present."""
    event = Event.objects.get(pk=event_id)
    if not by.has_perm("consultations.manage_event", event):
        raise PermissionDenied
    code = (code or "").strip().upper().replace(" ", "")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, checkin_code=code)
            .exclude(status=R.CANCELLED)
            .first()
        )
        if registration is None:
            raise ValidationError(
                _("Código não encontrado entre as inscrições deste evento.")
            )
        if registration.attended_at is None:
            registration.attended_at = timezone.now()
            registration.save(update_fields=["attended_at"])
    return registration


def speaker_request_create(
    *, event_id: int, user, topic: str, on_behalf_of=None
) -> SpeakerRequest:
    """Ask to speak; the list is ordered by the time of the request."""
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError(_("Diga em poucas palavras sobre o que você quer falar."))
    try:
        with transaction.atomic():
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
            if on_behalf_of is not None and not user.has_perm(
                "entities.act_for_entity", on_behalf_of
            ):
                raise PermissionDenied
            request = SpeakerRequest.objects.create(
                event=event, user=user, topic=topic, on_behalf_of=on_behalf_of
            )
    except IntegrityError:
        raise ValidationError(
            _("Você já está na lista de falas deste evento."), code="duplicate"
        ) from None
    return request


def speaker_request_withdraw(*, request_id: int, by) -> None:
    with transaction.atomic():
        request = SpeakerRequest.objects.select_for_update().get(pk=request_id)
        if request.user_id != by.pk and not by.has_perm(
            "consultations.manage_event", request.event
        ):
            raise PermissionDenied
        if request.withdrawn_at is None:
            request.withdrawn_at = timezone.now()
            request.save(update_fields=["withdrawn_at"])

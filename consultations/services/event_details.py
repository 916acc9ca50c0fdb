"""An event's details and the venues: creating, editing and deleting drafts.

The status never changes here (that is `event_workflow`), but every creation
and edit is a row in the event's history, written by the same workflow.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.edits import form_values, lock_for_change, save_changes

from ..models import Event, Venue
from .event_workflow import check_capacity, fill_places, workflow

S = Event.Status
# Fields staff may not change on a published event through the edit form.
SCHEDULE_FIELDS = ("starts_at", "ends_at")


def _require(actor, action: str, obj=None) -> None:
    if not actor.has_perm(f"consultations.{action}", obj):
        raise PermissionDenied


def event_save(
    *,
    event: Event,
    actor,
    now: datetime | None = None,
    fields: Iterable[str] | None = None,
) -> Event:
    """Create or edit an event's details (not its status).

    A published event keeps its dates here: moving it goes through
    `event_reschedule`, so everyone registered is told. More places on a
    published event go to the people waiting, in order.

    An edit reloads the row under a lock and writes only the `fields` the form
    edits that changed, so what others wrote since the form was loaded (the
    status, the ata, the schedule version) is never written back.
    """
    now = now or timezone.now()
    created = event.pk is None
    _require(actor, "add_event" if created else "change_event", event)
    check_capacity(event)
    with transaction.atomic():
        if created:
            event.status = S.DRAFT
            event.created_by = actor
            event.save()
        else:
            locked = lock_for_change(
                Event, event.pk, actor=actor, permission="consultations.change_event"
            )
            before_capacity = locked.capacity
            if locked.status != S.DRAFT and any(
                getattr(locked, name) != getattr(event, name)
                for name in SCHEDULE_FIELDS
                if fields is None or name in fields
            ):
                raise ValidationError(
                    {
                        "starts_at": _(
                            "A data de um evento publicado só muda pela ação "
                            "“Remarcar”, que avisa as pessoas inscritas."
                        )
                    }
                )
            save_changes(locked, form_values(event, fields))
            event = locked
        workflow.record(
            event, action="create" if created else "edit", actor=actor, now=now
        )
        if not created and event.capacity > before_capacity:
            fill_places(event, now=now)
        if event.status != S.DRAFT:
            transaction.on_commit(invalidate_public_pages)
    return event


def event_delete(*, event_id: int, actor) -> None:
    """Delete a draft; a published event is a public record and is cancelled instead."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        # Before the rule (which also says "drafts only"), to say why; and
        # superusers pass every has_perm, yet the record stays whoever asks.
        if event.status != S.DRAFT:
            raise ValidationError(
                _("Só rascunhos podem ser excluídos; cancele o evento publicado.")
            )
        _require(actor, "delete_event", event)
        event.delete()


def venue_save(*, venue: Venue, actor) -> Venue:
    """Create or edit a venue. Its capacity bounds the places of the events held
    there, so it may not drop below those still to come."""
    _require(actor, "change_venue" if venue.pk else "add_venue", venue)
    if venue.capacity is None or venue.capacity <= 0:
        raise ValidationError({"capacity": _("Informe uma lotação maior que zero.")})
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
                        "capacity": _(
                            "Estes eventos têm mais vagas que a nova lotação: "
                            "%(events)s. Reduza as vagas deles antes."
                        )
                        % {
                            "events": "; ".join(
                                f"{e.title} ({e.capacity})" for e in too_big
                            )
                        }
                    }
                )
        venue.save()
        transaction.on_commit(invalidate_public_pages)
    return venue

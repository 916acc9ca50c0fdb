"""Read use cases of hearings and forums: the public list and page, the
speaker list. A person's own registration and "Minhas inscrições" are in
`registrations.py`; what staff need on the day is in `staff.py`.

Every page costs a fixed number of queries whatever the number of events,
registrations or speakers: counts are aggregated in the database and lists come
with their related rows in the same query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.querysets import given
from civic.territory.models import Bairro

from ..models import Contribution, Event, PolicyArea, Registration, SpeakerRequest

E = Event.Status
R = Registration.Status
C = Contribution


def with_registration_counts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=R.CONFIRMED)
        ),
        waitlisted_count=Count(
            "registrations", filter=Q(registrations__status=R.WAITLISTED)
        ),
    )


def events_public(
    *,
    period: str | None = None,
    kind: str | None = None,
    area: PolicyArea | None = None,
    bairro: Bairro | None = None,
    now: datetime | None = None,
) -> QuerySet[Event]:
    """Public events: those still to come (or happening) first, soonest first;
    then past ones, latest first. Each carries `confirmed_count`. `period`
    keeps only the upcoming ("proximos") or the past ("anteriores") ones."""
    now = now or timezone.now()
    queryset = Event.objects.public().select_related(
        "policy_area", "organizing_body", "venue", "venue__bairro"
    )
    if period == "proximos":
        queryset = queryset.filter(ends_at__gte=now)
    elif period == "anteriores":
        queryset = queryset.filter(ends_at__lt=now)
    queryset = queryset.filter(
        **given(kind=kind, policy_area=area, venue__bairro=bairro)
    )
    return queryset.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=R.CONFIRMED)
        ),
        _past=Case(
            When(ends_at__lt=now, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        _soon=Case(When(ends_at__gte=now, then=F("starts_at")), default=None),
    ).order_by("_past", F("_soon").asc(nulls_last=True), "-starts_at", "pk")


def event_for_page(*, slug: str, user) -> Event:
    """The event at this address with its counts, if the person may see it
    (drafts only for staff, as a preview)."""
    event = with_registration_counts(
        Event.objects.select_related(
            "policy_area", "organizing_body", "venue", "venue__bairro", "consultation"
        )
    ).get(slug=slug)
    if not user.has_perm("consultations.view_event", event):
        raise Event.DoesNotExist
    return event


def places_left(event: Event) -> int:
    """Free confirmed places (needs `confirmed_count` from the selectors)."""
    return max(event.capacity - event.confirmed_count, 0)


@dataclass
class Speaker:
    """One line of the public speaker list."""

    number: int
    name: str
    is_entity: bool
    topic: str
    slot: datetime
    spoke: bool
    request: SpeakerRequest


def speaker_list(event: Event) -> list[Speaker]:
    """The speakers in request order, each with the expected time of their turn
    (start + n * speaker_minutes). Names are public only when the person asked
    or speaks for an entity; others are "Participante N" (LGPD)."""
    requests = (
        SpeakerRequest.objects.filter(event=event, withdrawn_at__isnull=True)
        .select_related("user", "on_behalf_of")
        .order_by("created_at", "pk")
    )
    speakers = []
    step = timedelta(minutes=event.speaker_minutes)
    for index, request in enumerate(requests):
        number = index + 1
        if request.on_behalf_of_id:
            name, is_entity = request.on_behalf_of.display_name, True
        elif request.show_name and not request.user.deleted_at:
            name, is_entity = request.user.display_name, False
        else:
            name, is_entity = _("Participante %(n)s") % {"n": number}, False
        speakers.append(
            Speaker(
                number=number,
                name=name,
                is_entity=is_entity,
                topic=request.public_topic,
                slot=event.starts_at + index * step,
                spoke=request.spoke_at is not None,
                request=request,
            )
        )
    return speakers


def event_contributions(event: Event):
    """Top-level contributions shown on the event page, in the order they came
    (published, and removed ones shown as removed), with their replies in one
    prefetch. Paginate it."""
    visible = Q(moderation__in=(C.Moderation.PUBLISHED, C.Moderation.HIDDEN))
    replies = (
        Contribution.objects.filter(visible)
        .select_related("author", "on_behalf_of")
        .order_by("created_at", "pk")
    )
    return (
        Contribution.objects.filter(visible, event=event, parent__isnull=True)
        .select_related("author", "on_behalf_of")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )

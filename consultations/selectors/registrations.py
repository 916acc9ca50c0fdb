"""Read use cases of a person's place at hearings and forums: their
registration (with its place on the waitlist), their request to speak, and
"Minhas inscrições".

Places in line are computed in the same query as the rows (a correlated count
of who came before), so a page costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from ..models import Event, Registration, SpeakerRequest

E = Event.Status
R = Registration.Status


def _count_before(queryset: QuerySet) -> Subquery:
    """How many rows of `queryset` (already narrowed to the outer row's event)
    come before the outer row in (created_at, pk) order: the order of the
    waitlist and of the speaker list."""
    return Subquery(
        queryset.filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def waitlist_position() -> Case:
    """For a queryset of registrations: the place in line of each waitlisted one
    (1 is next to get a place), None for the others. Computed in the same query."""
    ahead = _count_before(
        Registration.objects.filter(event_id=OuterRef("event_id"), status=R.WAITLISTED)
    )
    return Case(
        When(status=R.WAITLISTED, then=Coalesce(ahead, Value(0)) + Value(1)),
        default=None,
        output_field=IntegerField(),
    )


def viewer_registration(event: Event, user) -> Registration | None:
    """The person's active registration at this event, if any, with its
    `waitlist_position` (None when confirmed)."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=R.CANCELLED)
        .annotate(waitlist_position=waitlist_position())
        .first()
    )


def viewer_speaker_request(event: Event, user) -> SpeakerRequest | None:
    """The person's place on the event's speaker list, if they asked to speak."""
    if not user.is_authenticated:
        return None
    return SpeakerRequest.objects.filter(
        event=event, user=user, withdrawn_at__isnull=True
    ).first()


# Past registrations shown on "Minhas inscrições"; older ones are left out.
MY_PAST_LIMIT = 20


@dataclass
class MyRegistrations:
    """What `/minha-conta/inscricoes/` shows: active registrations at events
    still to come (soonest first) and at past events (latest first, at most
    MY_PAST_LIMIT, `past_truncated` when there were more), and the person's
    cancelled registrations at events still to come (to sign up again)."""

    upcoming: list[Registration]
    past: list[Registration]
    past_truncated: bool
    cancelled: list[Registration]

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.past or self.cancelled)


def registrations_of(user, *, now: datetime | None = None) -> MyRegistrations:
    """A person's registrations, with event and venue, in one query; each
    waitlisted one carries `waitlist_position` (computed in that query), and
    each carries `speaker_request` (their place on the speaker list, with
    `number`, or None), from one more query, and `can_cancel` (until the event
    starts, as on the event page).

    Active registrations at public events are listed; cancelled ones only when
    the event has not ended, is still published and the person has no active
    registration there (a place they gave up and could take again).
    """
    now = now or timezone.now()
    active_here = Registration.objects.filter(
        event_id=OuterRef("event_id"), user_id=OuterRef("user_id")
    ).exclude(status=R.CANCELLED)
    is_past = Case(
        When(event__ends_at__lt=now, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = list(
        Registration.objects.filter(user=user)
        .exclude(event__status=E.DRAFT)
        .filter(
            ~Q(status=R.CANCELLED)
            | Q(
                status=R.CANCELLED,
                event__status=E.PUBLISHED,
                event__ends_at__gte=now,
            )
            & ~Exists(active_here)
        )
        .select_related("event", "event__venue", "event__venue__bairro")
        .annotate(
            is_past=is_past,
            waitlist_position=waitlist_position(),
            # Rank among the past ones, latest first, to keep only the recent.
            past_rank=Window(
                RowNumber(),
                partition_by=[is_past],
                order_by=[F("event__starts_at").desc(), F("pk").desc()],
            ),
        )
        .filter(Q(is_past=0) | Q(past_rank__lte=MY_PAST_LIMIT + 1))
        .order_by("event__starts_at", "pk")
    )

    speaking = {}
    if rows:
        speaking = {
            request.event_id: request
            for request in SpeakerRequest.objects.filter(
                user=user,
                withdrawn_at__isnull=True,
                event_id__in={row.event_id for row in rows},
            ).annotate(
                number=Coalesce(
                    _count_before(
                        SpeakerRequest.objects.filter(
                            event_id=OuterRef("event_id"), withdrawn_at__isnull=True
                        )
                    ),
                    Value(0),
                )
                + Value(1)
            )
        }

    upcoming, past, cancelled = [], [], {}
    for row in rows:
        if row.status == R.CANCELLED:
            # One line per event (the latest), however many times they cancelled.
            cancelled[row.event_id] = row
            continue
        row.speaker_request = speaking.get(row.event_id)
        # The same rule as the event page: until the event starts.
        row.can_cancel = (
            not row.is_past
            and row.event.status == E.PUBLISHED
            and row.event.starts_at > now
        )
        (past if row.is_past else upcoming).append(row)
    past.reverse()
    return MyRegistrations(
        upcoming=upcoming,
        past=past[:MY_PAST_LIMIT],
        past_truncated=len(past) > MY_PAST_LIMIT,
        cancelled=list(cancelled.values()),
    )

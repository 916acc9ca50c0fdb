"""Read use cases of hearings and forums: the public list and page, the
speaker list, and a person's registrations (staff reads are in `staff`).

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
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

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
    if kind:
        queryset = queryset.filter(kind=kind)
    if area is not None:
        queryset = queryset.filter(policy_area=area)
    if bairro is not None:
        queryset = queryset.filter(venue__bairro=bairro)
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
                topic=request.topic,
                slot=event.starts_at + index * step,
                spoke=request.spoke_at is not None,
                request=request,
            )
        )
    return speakers


def viewer_speaker_request(event: Event, user) -> SpeakerRequest | None:
    if not user.is_authenticated:
        return None
    return SpeakerRequest.objects.filter(
        event=event, user=user, withdrawn_at__isnull=True
    ).first()


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
    `number`, or None), from one more query.

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
        (past if row.is_past else upcoming).append(row)
    past.reverse()
    return MyRegistrations(
        upcoming=upcoming,
        past=past[:MY_PAST_LIMIT],
        past_truncated=len(past) > MY_PAST_LIMIT,
        cancelled=list(cancelled.values()),
    )

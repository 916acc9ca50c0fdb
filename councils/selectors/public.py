"""Read use cases of the councils' public pages: the list, a council's page and
a meeting's page. Each costs a fixed number of queries whatever the number of
meetings, resolutions or seats (lists are limited; relations prefetched).

Only public things: planned meetings are the secretariat's working calendar
and never appear; draft resolutions and elections neither. People appear by
their public name only (`presentation.public_name`), never CPF, email or phone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from civic.querysets import given

from ..models import (
    AgendaItem,
    Attendance,
    BoardPosition,
    Commission,
    Council,
    CouncilDocument,
    Election,
    Mandate,
    Meeting,
    MeetingDocument,
    Resolution,
    Seat,
    Segment,
    Term,
)
from ..services import quorum

# How many of each list the council's page shows.
UPCOMING_LIMIT = 10
PAST_LIMIT = 10
MINUTES_LIMIT = 5
RESOLUTIONS_LIMIT = 5
ELECTIONS_LIMIT = 5

MS = Meeting.Status
PUBLIC_MEETING_STATUSES = (MS.CONVENED, MS.HELD, MS.CANCELLED)


def public_meetings() -> QuerySet[Meeting]:
    """Meetings the public sees: every one but those only planned."""
    return Meeting.objects.filter(status__in=PUBLIC_MEETING_STATUSES)


def councils_for_list(*, slug: str = "") -> list[Council]:
    """Active councils (or the one with `slug`) with their area and the next
    convened meeting's start and id (`next_meeting_at`, `next_meeting_pk`),
    in one query."""
    upcoming = Meeting.objects.filter(
        council=OuterRef("pk"), status=MS.CONVENED, starts_at__gte=timezone.now()
    ).order_by("starts_at", "pk")
    return list(
        Council.objects.filter(is_active=True, **given(slug=slug))
        .select_related("policy_area")
        .annotate(
            next_meeting_at=Subquery(upcoming.values("starts_at")[:1]),
            next_meeting_pk=Subquery(upcoming.values("pk")[:1]),
        )
        .order_by("name")
    )


def current_mandates() -> QuerySet[Mandate]:
    return Mandate.objects.filter(ends_on__isnull=True).select_related(
        "person", "entity"
    )


@dataclass
class SeatRow:
    """A seat with its current titular and suplente (None when vacant)."""

    seat: Seat
    titular: Mandate | None = None
    alternate: Mandate | None = None


@dataclass
class SegmentGroup:
    segment: str
    label: str
    rows: list[SeatRow] = field(default_factory=list)


def composition(seats: list[Seat]) -> list[SegmentGroup]:
    """Seats grouped by segment (in the order of `Segment`), each with its
    holders; seats need `current_mandates` prefetched."""
    groups = {
        value: SegmentGroup(value, str(label)) for value, label in Segment.choices
    }
    for seat in seats:
        row = SeatRow(seat)
        for mandate in seat.current_mandates:
            if mandate.role == Mandate.Role.TITULAR:
                row.titular = mandate
            else:
                row.alternate = mandate
        groups[seat.segment].rows.append(row)
    return [group for group in groups.values() if group.rows]


def seats_with_holders(council: Council) -> list[Seat]:
    """The council's active seats, each with `current_mandates` (two queries)."""
    return list(
        Seat.objects.filter(council=council, is_active=True)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "mandates", queryset=current_mandates(), to_attr="current_mandates"
            )
        )
    )


def current_term(council: Council) -> Term | None:
    """The gestão in force today (else the latest one that started)."""
    today = timezone.localdate()
    terms = Term.objects.filter(council=council, starts_on__lte=today)
    return (
        terms.filter(ends_on__gte=today).order_by("-starts_on").first()
        or terms.order_by("-starts_on").first()
    )


def public_resolutions(council: Council) -> QuerySet[Resolution]:
    return (
        Resolution.objects.filter(
            council=council,
            status__in=[Resolution.Status.PUBLISHED, Resolution.Status.REVOKED],
        )
        .select_related("council")
        .order_by("-year", "-number")
    )


@dataclass
class CouncilPage:
    """Everything the council's page shows."""

    council: Council
    documents: list[CouncilDocument]
    composition: list[SegmentGroup]
    board: list[BoardPosition]
    commissions: list[Commission]
    term: Term | None
    upcoming: list[Meeting]
    past: list[Meeting]
    minutes: list[Meeting]
    resolutions: list[Resolution]
    elections: list[Election]


def council_for_page(*, slug: str) -> Council:
    """An active council by its slug (DoesNotExist otherwise)."""
    return Council.objects.select_related("policy_area").get(slug=slug, is_active=True)


def council_page(*, council: Council, now: datetime | None = None) -> CouncilPage:
    """The council page's data, in a fixed number of queries."""
    now = now or timezone.now()
    meetings = (
        public_meetings().filter(council=council).select_related("venue", "council")
    )
    return CouncilPage(
        council=council,
        documents=list(CouncilDocument.objects.filter(council=council)),
        composition=composition(seats_with_holders(council)),
        board=list(
            BoardPosition.objects.filter(council=council, ends_on__isnull=True)
            .select_related("mandate__person", "mandate__entity")
            .order_by("role")
        ),
        commissions=list(
            Commission.objects.filter(council=council).prefetch_related(
                Prefetch("seats", queryset=Seat.objects.select_related("body"))
            )
        ),
        term=current_term(council),
        upcoming=list(
            meetings.filter(status=MS.CONVENED, starts_at__gte=now).order_by(
                "starts_at", "pk"
            )[:UPCOMING_LIMIT]
        ),
        past=list(
            meetings.filter(status=MS.HELD).order_by("-starts_at", "-pk")[:PAST_LIMIT]
        ),
        minutes=list(
            meetings.filter(
                status=MS.HELD, minutes_status=Meeting.Minutes.PUBLISHED
            ).order_by("-starts_at", "-pk")[:MINUTES_LIMIT]
        ),
        resolutions=list(public_resolutions(council)[:RESOLUTIONS_LIMIT]),
        elections=list(
            Election.objects.filter(council=council)
            .select_related("council")
            .exclude(status=Election.Status.DRAFT)
            .order_by("-voting_starts_at")[:ELECTIONS_LIMIT]
        ),
    )


# A meeting's page ---------------------------------------------------------------


def meeting_for_page(*, council: Council, pk: int) -> Meeting:
    """A public meeting of the council (DoesNotExist for planned ones)."""
    return (
        public_meetings()
        .select_related("council", "venue", "minutes_approved_in")
        .get(council=council, pk=pk)
    )


def voting_seats(council: Council) -> int:
    """Seats that vote: the council's active seats (one vote each)."""
    return Seat.objects.filter(council=council, is_active=True).count()


@dataclass
class MeetingPage:
    meeting: Meeting
    items: list[AgendaItem]
    documents: list[MeetingDocument]
    attendances: list[Attendance]
    quorum: quorum.Quorum | None
    present: int
    voting_seats: int
    minutes_published: bool


def meeting_page(*, meeting: Meeting, now: datetime | None = None) -> MeetingPage:
    """The meeting page's data: the pauta and public documents; once held, the
    attendance by seat, the quorum and the votes; the ata once published."""
    now = now or timezone.now()
    council = meeting.council
    documents = [
        d
        for d in MeetingDocument.objects.filter(meeting=meeting).select_related(
            "agenda_item"
        )
        if d.is_public_at(now)
    ]
    held = meeting.status == MS.HELD
    attendances = (
        list(
            Attendance.objects.filter(meeting=meeting).select_related(
                "seat__body", "mandate__person", "mandate__entity"
            )
        )
        if held
        else []
    )
    seats = voting_seats(council) if held else 0
    present = sum(1 for a in attendances if a.is_present)
    installed = None
    if held and seats:
        installed = quorum.installation(
            present=present,
            voting_seats=seats,
            first_rule=council.installation_quorum,
            second_rule=council.second_call_quorum,
            second_call=meeting.installed_on_call == Meeting.Call.SECOND,
        )
    return MeetingPage(
        meeting=meeting,
        items=list(AgendaItem.objects.filter(meeting=meeting).order_by("position")),
        documents=documents,
        attendances=attendances,
        quorum=installed,
        present=present,
        voting_seats=seats,
        minutes_published=meeting.minutes_status == Meeting.Minutes.PUBLISHED,
    )

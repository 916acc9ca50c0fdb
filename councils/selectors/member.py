"""The reads of the member area (`/conselhos/minha-area/`), in a fixed number
of queries whatever the number of meetings: the person's current mandates,
the convened meetings still to come in their councils (pauta, documents and
their reply), and their attendance of the last 12 months with the absence
counts the council's limits are about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceReply,
    Council,
    Mandate,
    Meeting,
    MeetingDocument,
)
from ..services.absences import AbsenceCount, absence_counts
from ..services.replies import can_justify, justification_deadline

# The history shown: the last 12 months, the window of the alternate limit.
ABSENCE_WINDOW = dt.timedelta(days=365)
HISTORY_LIMIT = 50


@dataclass
class Convocation:
    """A convened meeting still to come, as one conselheiro sees it."""

    meeting: Meeting
    mandate: Mandate
    reply: AttendanceReply | None
    form: object = None


@dataclass
class SeatSummary:
    """One current mandate, with the person's attendance in that council."""

    mandate: Mandate
    tally: AbsenceCount
    attendances: list[Attendance] = field(default_factory=list)

    @property
    def council(self) -> Council:
        return self.mandate.council


@dataclass
class MemberArea:
    seats: list[SeatSummary]
    convocations: list[Convocation]

    @property
    def is_member(self) -> bool:
        return bool(self.seats)


def member_mandates(user) -> list[Mandate]:
    """The person's current mandates, with what the page prints of each."""
    if not user.is_authenticated:
        return []
    return list(
        Mandate.objects.filter(person=user, ends_on__isnull=True)
        .select_related("council", "seat", "seat__body", "term", "entity")
        .order_by("council__name")
    )


def upcoming_convocations(
    mandates: Sequence[Mandate], *, now: dt.datetime
) -> list[Convocation]:
    """Convened meetings of the person's councils that have not started, with
    pauta, every document (members see them all) and the person's reply."""
    by_council = {mandate.council_id: mandate for mandate in mandates}
    if not by_council:
        return []
    meetings = list(
        Meeting.objects.filter(
            council_id__in=by_council,
            status=Meeting.Status.CONVENED,
            starts_at__gt=now,
        )
        .select_related("council", "venue")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("position"),
                to_attr="pauta",
            ),
            Prefetch(
                "documents",
                queryset=MeetingDocument.objects.select_related("agenda_item").order_by(
                    "pk"
                ),
                to_attr="all_documents",
            ),
        )
        .order_by("starts_at", "pk")
    )
    replies = {}
    if meetings:
        replies = {
            reply.meeting_id: reply
            for reply in AttendanceReply.objects.filter(
                meeting__in=meetings,
                mandate__in=[mandate.pk for mandate in mandates],
            )
        }
    return [
        Convocation(
            meeting=meeting,
            mandate=by_council[meeting.council_id],
            reply=replies.get(meeting.pk),
        )
        for meeting in meetings
    ]


def recent_attendances(
    user, council_ids: Iterable[int], *, now: dt.datetime
) -> list[Attendance]:
    """The person's attendance rows of the last 12 months in those councils,
    newest first, each marked `can_justify` and with its `deadline`."""
    rows = list(
        Attendance.objects.filter(
            mandate__person=user,
            meeting__council_id__in=list(council_ids),
            meeting__starts_at__gte=now - ABSENCE_WINDOW,
            meeting__starts_at__lte=now,
        )
        .select_related("meeting", "meeting__council", "seat", "mandate")
        .order_by("-meeting__starts_at", "-pk")[:HISTORY_LIMIT]
    )
    for row in rows:
        row.can_justify = can_justify(row, now)
        row.deadline = justification_deadline(row.meeting)
    return rows


def member_area(user, *, now: dt.datetime | None = None) -> MemberArea:
    """Everything `/conselhos/minha-area/` shows, in a constant number of queries."""
    now = now or timezone.now()
    mandates = member_mandates(user)
    attendances = recent_attendances(
        user, {mandate.council_id for mandate in mandates}, now=now
    )
    seats = []
    for count in absence_counts(mandates, now=now):
        mine = [
            row
            for row in attendances
            if row.meeting.council_id == count.mandate.council_id
        ]
        seats.append(SeatSummary(mandate=count.mandate, tally=count, attendances=mine))
    return MemberArea(
        seats=seats, convocations=upcoming_convocations(mandates, now=now)
    )


@dataclass(frozen=True)
class RunCouncil:
    """A council the person runs, with the admin pages they work in."""

    council: Council
    links: list[tuple[str, str]]


def councils_run_links(user) -> list[RunCouncil]:
    """The councils the person runs (secretariat or SRSC staff), each with
    links to its admin: the council, its meetings, absences, resolutions and
    elections. One query."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from ..rules import councils_run_by

    if not user.is_authenticated:
        return []
    result = []
    for council in councils_run_by(user).order_by("name"):
        pk = council.pk
        links = [
            (_("Dados e composição"), reverse("councils_councils:edit", args=[pk])),
            (_("Reuniões"), f"{reverse('councils_meetings:index')}?council={pk}"),
            (_("Faltas"), reverse("councils_meetings:absences", args=[pk])),
            (_("Resoluções"), f"{reverse('councils_resolutions:index')}?council={pk}"),
            (_("Eleições"), reverse("councils_elections:index")),
        ]
        result.append(RunCouncil(council=council, links=links))
    return result

"""Meetings as the public pages show them: convened, held with attendance,
votes and a published ata, and only planned."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from councils.models import AgendaItem, Attendance, Mandate, Meeting, Seat
from tests.factories.councils import AgendaItemFactory, MeetingFactory

MS = Meeting.Status


def convened(council, *, days: int = 10, **fields) -> Meeting:
    return MeetingFactory(
        council=council,
        status=MS.CONVENED,
        starts_at=timezone.now() + dt.timedelta(days=days),
        convened_at=timezone.now(),
        **fields,
    )


def planned(council, **fields) -> Meeting:
    return MeetingFactory(council=council, status=MS.PLANNED, **fields)


def held(council, *, days_ago: int = 20, minutes: bool = True, **fields) -> Meeting:
    """A held meeting: every titular present except the first seat's, whose
    suplente sat; one deliberative item approved 4-1-1; the ata published."""
    meeting = MeetingFactory(
        council=council,
        status=MS.HELD,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        convened_at=timezone.now() - dt.timedelta(days=days_ago + 10),
        installed_on_call=Meeting.Call.FIRST,
        minutes_status=Meeting.Minutes.PUBLISHED if minutes else Meeting.Minutes.DRAFT,
        minutes_text="Aos vinte dias reuniu-se o conselho e aprovou o plano.",
        **fields,
    )
    for index, seat in enumerate(Seat.objects.filter(council=council)):
        role = Mandate.Role.ALTERNATE if index == 0 else Mandate.Role.TITULAR
        mandate = Mandate.objects.filter(seat=seat, role=role).first()
        if mandate is None:
            continue
        Attendance.objects.create(
            meeting=meeting,
            seat=seat,
            mandate=mandate,
            status=Attendance.Status.ALTERNATE if index == 0 else "titular",
        )
    AgendaItemFactory(meeting=meeting, position=1, title="Informes")
    AgendaItemFactory(
        meeting=meeting,
        position=2,
        title="Plano municipal de assistência social",
        is_deliberative=True,
        majority=AgendaItem.Majority.SIMPLE,
        votes_for=4,
        votes_against=1,
        abstentions=1,
        result=AgendaItem.Result.APPROVED,
    )
    return meeting

"""Helpers of the meeting tests: meetings in each state, seats filled."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from councils.models import Attendance, Meeting, Seat
from tests.factories.councils import AgendaItemFactory, MeetingFactory

S = Meeting.Status


def planned(council, *, days=10, items=1, **fields) -> Meeting:
    """A planned meeting `days` ahead with `items` agenda items."""
    meeting = MeetingFactory(
        council=council, starts_at=timezone.now() + dt.timedelta(days=days), **fields
    )
    for position in range(1, items + 1):
        AgendaItemFactory(meeting=meeting, position=position)
    return meeting


def in_progress(council, *, minutes_ago=5, deliberative=1, **fields) -> Meeting:
    """A convened meeting that started `minutes_ago` minutes ago."""
    meeting = MeetingFactory(
        council=council,
        status=S.CONVENED,
        convened_at=timezone.now() - dt.timedelta(days=8),
        starts_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        **fields,
    )
    for position in range(1, deliberative + 1):
        AgendaItemFactory(meeting=meeting, position=position, is_deliberative=True)
    return meeting


def seats(council):
    return list(Seat.objects.filter(council=council).order_by("segment", "position"))


def fill(meeting, count: int, status=Attendance.Status.TITULAR, actor=None):
    """Record `status` for the first `count` seats of the meeting's council."""
    from councils.services.attendance import record_attendance

    for seat in seats(meeting.council)[:count]:
        record_attendance(meeting, seat, status, actor)


def installed(council, actor, *, present=6, **fields) -> Meeting:
    """An in-progress meeting with `present` titulares present, installed."""
    from councils.services.attendance import install

    meeting = in_progress(council, **fields)
    fill(meeting, present, actor=actor)
    return install(meeting, actor=actor)

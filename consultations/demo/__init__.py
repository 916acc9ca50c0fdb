"""Demonstration consultations, hearings and forums for `make run`, so that a
newcomer sees every part working: an open consultation with its text split into
devices and a few contributions, an answered one with its final report, an
upcoming hearing with free places, an upcoming forum, and a past hearing with
its minutes and answered contributions.

Idempotent: each item is found by its slug and left alone once it exists, so a
second run changes nothing. Everything goes through the services (the same
rules, logs and notifications as the site), with two documented exceptions
where no service may act on the past: see `common.move_to_the_past`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..models import Consultation, Event
from .common import demo_venues, participants
from .consultations import (
    CULTURE_SLUG,
    GARDENS_SLUG,
    culture_consultation,
    gardens_consultation,
)
from .events import (
    FORUM_SLUG,
    HEALTH_SLUG,
    LDO_SLUG,
    forum,
    health_hearing,
    ldo_hearing,
)

__all__ = [
    "CULTURE_SLUG",
    "FORUM_SLUG",
    "GARDENS_SLUG",
    "HEALTH_SLUG",
    "LDO_SLUG",
    "ensure_demo_consultations",
]


@transaction.atomic
def ensure_demo_consultations(*, staff, citizen) -> list[Consultation | Event]:
    """Create the demo consultations and events (each once); returns those created."""
    now = timezone.now()
    today = timezone.localdate(now)
    people = participants()
    venues = demo_venues()
    created = [
        culture_consultation(staff=staff, citizen=citizen, people=people, now=now),
        gardens_consultation(staff=staff, people=people, now=now),
        ldo_hearing(staff=staff, people=people, venues=venues, today=today),
        forum(staff=staff, people=people, venues=venues, today=today),
        health_hearing(staff=staff, people=people, venues=venues, today=today, now=now),
    ]
    return [item for item in created if item is not None]

"""Notices about hearings, forums and open meetings: a new one to the
followers of its area and bairro, and a new date, a cancellation or the
minutes to the people registered."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .. import dates
from .common import followers_of, tell, when
from .kinds import EVENT_CHANGED, NEW_IN_FOLLOWED

ACTIVE = ("confirmed", "waitlisted")


def event_place(event) -> dict:
    """When, where and how to attend, for the registration, reminder and
    change emails."""
    venue = event.venue if event.venue_id else None
    bairro = venue.bairro if venue is not None and venue.bairro_id else None
    return {
        # Not "kind": the email templates get the notification kind under that name.
        "event_kind": str(event.get_kind_display()),
        "schedule": dates.schedule(event.starts_at, event.ends_at),
        "date": dates.long_day(event.starts_at),
        "start_time": dates.hour(event.starts_at),
        "venue": str(venue or ""),
        "address": venue.address if venue else "",
        "bairro": bairro.name if bairro is not None else "",
        "step_free_access": bool(venue and venue.step_free_access),
        "accessibility_notes": venue.accessibility_notes if venue else "",
        "stream_url": event.stream_url,
        "libras": event.libras,
    }


def _tell_registered(
    event, *, what, key: str, statuses=ACTIVE, actor=None, **context
) -> None:
    """An EVENT_CHANGED notice to the people registered (by default, confirmed
    or waiting), but the actor, once per key."""
    people = event.registrations.filter(status__in=statuses)
    if actor is not None:
        people = people.exclude(user_id=actor.pk)
    tell(
        people.values_list("user_id", flat=True),
        EVENT_CHANGED,
        title=event.title,
        what=what,
        key=f"event:{event.pk}:{key}",
        url=event.get_absolute_url(),
        **context,
    )


def event_published(event, *, actor=None) -> None:
    """Tell the followers of the event's area and of its venue's bairro (not
    the person who published it)."""
    bairro_ids = (
        [event.venue.bairro_id] if event.venue_id and event.venue.bairro_id else []
    )
    followers = followers_of(policy_area_id=event.policy_area_id, bairro_ids=bairro_ids)
    if actor is not None:
        followers = followers.exclude(user_id=actor.pk)
    tell(
        followers,
        NEW_IN_FOLLOWED,
        title=event.title,
        what=event.get_kind_display(),
        key=f"event:{event.pk}:published",
        url=event.get_absolute_url(),
        when=when(event.starts_at),
    )


def event_rescheduled(
    event,
    *,
    reason: str,
    previous_starts_at: datetime,
    previous_ends_at: datetime,
    actor=None,
) -> None:
    """Tell everyone registered of the new date, with the old one and why."""
    _tell_registered(
        event,
        what=_("nova data"),
        key=f"schedule:{event.schedule_version}",
        actor=actor,
        when=when(event.starts_at),
        previous_schedule=dates.schedule(previous_starts_at, previous_ends_at),
        reason=reason,
        rescheduled=True,
        **event_place(event),
    )


def event_cancelled(event, *, actor=None) -> None:
    """Tell everyone registered that the event will not happen, and why."""
    _tell_registered(
        event,
        what=_("evento cancelado"),
        key="cancelled",
        actor=actor,
        reason=event.cancellation_reason,
        cancelled=True,
        **event_place(event),
    )


def event_concluded(event, *, actor=None) -> None:
    """Tell the people who had a confirmed place that the minutes are out."""
    _tell_registered(
        event,
        what=_("a ata foi publicada"),
        key="concluded",
        statuses=("confirmed",),
        actor=actor,
        concluded=True,
    )

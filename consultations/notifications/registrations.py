"""Notices to a person about their own registration: confirmed or on the
waitlist, promoted to a place, cancelled by the organisers, and the reminder
before the event."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import relative_day, tell, when
from .events import event_place
from .kinds import EVENT_REMINDER, REGISTRATION


def _tell(registration, *, what, key: str, **context) -> None:
    """A REGISTRATION notice to the person registered, once per key."""
    event = registration.event
    tell(
        [registration.user_id],
        REGISTRATION,
        title=event.title,
        what=what,
        key=f"registration:{registration.pk}:{key}",
        url=event.get_absolute_url(),
        when=when(event.starts_at),
        **context,
    )


def registration_created(registration) -> None:
    """A confirmed place with the check-in code, or the place on the waitlist."""
    from ..selectors.registrations import viewer_registration

    event = registration.event
    confirmed = registration.status == "confirmed"
    _tell(
        registration,
        what=_("inscrição confirmada")
        if confirmed
        else _("você está na lista de espera"),
        key="created",
        confirmed=confirmed,
        **event_place(event),
        code=registration.checkin_code if confirmed else "",
        position=None
        if confirmed
        else viewer_registration(event, registration.user).waitlist_position,
    )


def registration_promoted(registration) -> None:
    """Someone cancelled, and the first person waiting got the place."""
    _tell(
        registration,
        what=_("abriu uma vaga: sua inscrição está confirmada"),
        key="promoted",
        confirmed=True,
        promoted=True,
        **event_place(registration.event),
        code=registration.checkin_code,
    )


def registration_cancelled(registration) -> None:
    """Staff cancelled someone's registration: tell the person."""
    _tell(
        registration,
        what=_("sua inscrição foi cancelada pela organização"),
        key="cancelled",
        cancelled=True,
    )


def event_reminders_send(now: datetime | None = None) -> int:
    """Remind everyone registered, EVENTS_REMINDER_HOURS before each event (once
    per date): confirmed people with their own check-in code, people still on
    the waitlist with their place in it. Returns how many events had someone to
    remind.

    The beat runs every few minutes: only people not yet reminded of this date
    are looked at, so a run costs a query per event once everyone is told."""
    from civic.notifications.models import Notification

    from ..models import Event, Registration
    from ..selectors.registrations import waitlist_position

    R = Registration.Status
    now = now or timezone.now()
    window = timedelta(hours=settings.EVENTS_REMINDER_HOURS)
    count = 0
    for event in Event.objects.filter(
        status=Event.Status.PUBLISHED, starts_at__gt=now, starts_at__lte=now + window
    ).select_related("venue__bairro"):
        key = f"event:{event.pk}:reminder:{event.schedule_version}"
        to_remind = list(
            event.registrations.filter(
                status__in=(R.CONFIRMED, R.WAITLISTED),
                user__is_active=True,
                user__deleted_at__isnull=True,
            )
            .exclude(
                user_id__in=Notification.objects.filter(
                    kind=EVENT_REMINDER.slug, key=key
                ).values("recipient_id")
            )
            .annotate(position=waitlist_position())
            .values_list("user_id", "status", "checkin_code", "position")
        )
        if not to_remind:
            continue
        count += 1
        place = event_place(event)
        for user_id, status, code, position in to_remind:
            confirmed = status == R.CONFIRMED
            tell(
                [user_id],
                EVENT_REMINDER,
                title=event.title,
                key=key,
                url=event.get_absolute_url(),
                when=when(event.starts_at),
                relative_day=relative_day(event.starts_at, now),
                **place,
                confirmed=confirmed,
                code=code if confirmed else "",
                position=position,
            )
    return count

"""An event's details and venues (services/event_details.py): creating and
editing without touching the status, deleting drafts only, the history rows
they write, and the scheduling-conflict warning (selectors/staff.py)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consultations import services
from consultations.models import Body, Event, Registration
from consultations.selectors.staff import schedule_conflicts
from tests.consultations.admin_support import days_ahead, draft, logs
from tests.factories.consultations import (
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

E = Event.Status


# Saving and deleting
# ------------------------------------------------------------------------------


def new_event(**kwargs) -> Event:
    values = {
        "starts_at": days_ahead(20),
        "venue": VenueFactory(capacity=100),
    }
    values.update(kwargs)
    event = EventFactory.build(status=E.PUBLISHED, **values)
    event.venue.save()
    event.venue_id = event.venue.pk
    return event


def test_save_creates_a_draft(staff_user):
    event = services.event_save(event=new_event(), actor=staff_user)
    event.refresh_from_db()
    assert event.status == E.DRAFT  # whatever the object said
    assert event.created_by == staff_user
    assert logs(event) == [("create", E.DRAFT, E.DRAFT, staff_user.pk, "")]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 101}, "capacity"),
        ({"ends_at": days_ahead(19)}, "ends_at"),
    ],
)
def test_save_guards(staff_user, overrides, field):
    with pytest.raises(ValidationError) as caught:
        services.event_save(event=new_event(**overrides), actor=staff_user)
    assert field in caught.value.message_dict
    assert not Event.objects.exists()


def test_save_needs_the_staff_permission(citizen):
    with pytest.raises(PermissionDenied):
        services.event_save(event=new_event(), actor=citizen)
    assert not Event.objects.exists()


def test_a_form_cannot_change_the_status(staff_user):
    event = draft()
    event.status = E.PUBLISHED
    event.schedule_version = 9
    services.event_save(event=event, actor=staff_user)
    event.refresh_from_db()
    assert (event.status, event.schedule_version) == (E.DRAFT, 1)
    assert logs(event)[-1][0] == "edit"


def test_an_edit_in_flight_keeps_what_others_wrote_since(staff_user):
    event = draft()
    loaded_by_the_form = Event.objects.get(pk=event.pk)
    # Published (with a recorded short notice) while the form was open.
    Event.objects.filter(pk=event.pk).update(
        status=E.PUBLISHED,
        published_at=timezone.now(),
        short_notice_reason="Urgência",
    )
    loaded_by_the_form.title = "Título corrigido"

    services.event_save(event=loaded_by_the_form, actor=staff_user)

    event.refresh_from_db()
    assert event.title == "Título corrigido"
    assert event.status == E.PUBLISHED
    assert event.published_at is not None
    assert event.short_notice_reason == "Urgência"


def test_a_draft_may_change_its_dates(staff_user):
    event = draft()
    event.starts_at += dt.timedelta(days=1)
    event.ends_at += dt.timedelta(days=1)
    services.event_save(event=event, actor=staff_user)
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at


def test_a_published_event_changes_its_date_only_by_rescheduling(staff_user):
    event = EventFactory()
    original = event.starts_at
    event.starts_at += dt.timedelta(days=1)
    event.ends_at += dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="Remarcar"):
        services.event_save(event=event, actor=staff_user)
    assert Event.objects.get(pk=event.pk).starts_at == original


def test_more_places_go_to_the_people_waiting(staff_user):
    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event)
    waiting = [
        RegistrationFactory(
            event=event,
            status=Registration.Status.WAITLISTED,
            created_at=timezone.now() + dt.timedelta(seconds=n),
        )
        for n in range(3)
    ]
    event.capacity = 3
    services.event_save(event=event, actor=staff_user)
    statuses = dict(
        Registration.objects.filter(event=event).values_list("pk", "status")
    )
    assert statuses == {
        first.pk: "confirmed",
        waiting[0].pk: "confirmed",
        waiting[1].pk: "confirmed",
        waiting[2].pk: "waitlisted",
    }


def test_only_drafts_are_deleted(staff_user, citizen):
    published = EventFactory()
    with pytest.raises(ValidationError, match="rascunhos"):
        services.event_delete(event_id=published.pk, actor=staff_user)
    assert Event.objects.filter(pk=published.pk).exists()
    event = draft()
    with pytest.raises(PermissionDenied):
        services.event_delete(event_id=event.pk, actor=citizen)
    services.event_delete(event_id=event.pk, actor=staff_user)
    assert not Event.objects.filter(pk=event.pk).exists()


# Scheduling conflicts
# ------------------------------------------------------------------------------


def conflicts(start, end, *, venue=None, body=None, exclude=None) -> list[Event]:
    return schedule_conflicts(
        starts_at=start,
        ends_at=end,
        venue_id=venue.pk if venue else None,
        organizing_body_id=body.pk if body else None,
        exclude_pk=exclude.pk if exclude else None,
    )


@pytest.fixture
def bodies():
    return list(Body.objects.order_by("pk")[:2])


@pytest.fixture
def booked(bodies):
    """An event from 19h to 21h, 20 days ahead, by the first body."""
    start = timezone.localtime(days_ahead(20)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    return EventFactory(
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        organizing_body=bodies[0],
    )


def test_same_venue_at_overlapping_times(booked, bodies):
    start = booked.starts_at + dt.timedelta(hours=1)
    end = start + dt.timedelta(hours=2)
    assert conflicts(start, end, venue=booked.venue, body=bodies[1]) == [booked]


def test_same_body_at_overlapping_times(booked, bodies):
    start = booked.starts_at - dt.timedelta(hours=1)
    end = booked.starts_at + dt.timedelta(minutes=1)
    assert conflicts(start, end, venue=VenueFactory(), body=bodies[0]) == [booked]


def test_an_event_inside_another_conflicts(booked, bodies):
    start = booked.starts_at + dt.timedelta(minutes=30)
    end = start + dt.timedelta(minutes=30)
    assert conflicts(start, end, body=bodies[0]) == [booked]


def test_other_venue_and_body_do_not_conflict(booked, bodies):
    assert (
        conflicts(
            booked.starts_at, booked.ends_at, venue=VenueFactory(), body=bodies[1]
        )
        == []
    )


@pytest.mark.parametrize("side", ["before", "after"])
def test_back_to_back_events_do_not_conflict(booked, bodies, side):
    if side == "before":
        start, end = booked.starts_at - dt.timedelta(hours=2), booked.starts_at
    else:
        start, end = booked.ends_at, booked.ends_at + dt.timedelta(hours=2)
    assert conflicts(start, end, venue=booked.venue, body=bodies[0]) == []


def test_cancelled_events_are_ignored(booked, bodies):
    Event.objects.filter(pk=booked.pk).update(status=E.CANCELLED)
    assert (
        conflicts(booked.starts_at, booked.ends_at, venue=booked.venue, body=bodies[0])
        == []
    )


def test_drafts_are_conflicts_too(booked, bodies):
    Event.objects.filter(pk=booked.pk).update(status=E.DRAFT)
    assert conflicts(booked.starts_at, booked.ends_at, venue=booked.venue) == [booked]


def test_an_event_does_not_conflict_with_itself(booked, bodies):
    assert (
        conflicts(
            booked.starts_at,
            booked.ends_at,
            venue=booked.venue,
            body=bodies[0],
            exclude=booked,
        )
        == []
    )


def test_conflicts_need_a_venue_or_a_body(booked):
    assert conflicts(booked.starts_at, booked.ends_at) == []


def test_bad_dates_give_no_conflicts(booked, bodies):
    assert conflicts(booked.ends_at, booked.starts_at, venue=booked.venue) == []
    assert conflicts(None, booked.ends_at, venue=booked.venue) == []


def test_several_conflicts_in_time_order(booked, bodies):
    earlier = EventFactory(
        starts_at=booked.starts_at - dt.timedelta(minutes=30),
        ends_at=booked.starts_at + dt.timedelta(minutes=30),
        venue=booked.venue,
        organizing_body=bodies[1],
    )
    found = conflicts(
        booked.starts_at - dt.timedelta(hours=1),
        booked.ends_at,
        venue=booked.venue,
        body=bodies[0],
    )
    assert found == [earlier, booked]

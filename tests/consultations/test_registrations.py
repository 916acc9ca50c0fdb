"""Registrations for hearings and forums (services/registrations.py): places,
the waitlist and its promotion, check-in codes, and the speaker list."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from civic.notifications.models import Notification
from consultations import services
from consultations.models import Event, Registration, SpeakerRequest
from consultations.models.events import CHECKIN_ALPHABET
from consultations.selectors.events import speaker_list
from consultations.selectors.registrations import viewer_registration
from tests.consultations.consultation_support import (
    approved_entity_with_representative,
)
from tests.factories.consultations import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

R = Registration.Status
E = Event.Status
REGISTRATION_KIND = "consultations.registration"


def register(event, user, **kwargs) -> Registration:
    return services.registration_create(event_id=event.pk, user=user, **kwargs)


def cancel(registration, by):
    return services.registration_cancel(registration_id=registration.pk, by=by)


def status_of(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


def told(user, key):
    return Notification.objects.filter(
        recipient=user, kind=REGISTRATION_KIND, key=key
    ).first()


def position(event, user):
    return viewer_registration(event, user).waitlist_position


@pytest.fixture
def event():
    return EventFactory(capacity=2)


@pytest.fixture
def people(user_factory):
    return user_factory.create_batch(5)


# Registering
# ------------------------------------------------------------------------------


def test_register(event, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(
            event, citizen, needs_libras=True, accessibility_needs="  Cadeira de rodas "
        )
    registration.refresh_from_db()
    assert registration.status == R.CONFIRMED
    assert registration.needs_libras
    assert registration.accessibility_needs == "Cadeira de rodas"
    assert len(registration.checkin_code) == 6
    assert set(registration.checkin_code) <= set(CHECKIN_ALPHABET)
    notice = told(citizen, f"registration:{registration.pk}:created")
    assert notice.context["confirmed"] is True
    assert notice.context["code"] == registration.checkin_code


def test_registering_twice_is_refused(event, citizen):
    first = register(event, citizen)
    with pytest.raises(ValidationError, match="já está inscrito") as caught:
        register(event, citizen)
    assert caught.value.code == "duplicate"
    assert Registration.objects.filter(event=event, user=citizen).count() == 1
    # Once cancelled, the person may register again.
    cancel(first, citizen)
    assert register(event, citizen).status == R.CONFIRMED


def test_the_database_allows_one_live_registration(event, citizen):
    RegistrationFactory(event=event, user=citizen)
    RegistrationFactory(event=event, user=citizen, status=R.CANCELLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, user=citizen, status=R.WAITLISTED)


@pytest.mark.parametrize(
    ("status", "starts_in", "message"),
    [
        (E.PUBLISHED, dt.timedelta(days=-2), "já aconteceu"),
        (E.PUBLISHED, dt.timedelta(hours=-1), "já começou"),
        (E.CANCELLED, dt.timedelta(days=20), "cancelado"),
        (E.DRAFT, dt.timedelta(days=20), "não foi publicado"),
        (E.CONCLUDED, dt.timedelta(days=-2), "já aconteceu"),
    ],
)
def test_closed_events_refuse_registrations(citizen, status, starts_in, message):
    start = timezone.now() + starts_in
    event = EventFactory(
        status=status, starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    with pytest.raises(services.RegistrationClosed, match=message) as caught:
        register(event, citizen)
    assert caught.value.code == "closed"
    assert not Registration.objects.exists()


def test_inactive_accounts_cannot_register(event, user_factory):
    with pytest.raises(PermissionDenied):
        register(event, user_factory(is_active=False))
    assert not Registration.objects.exists()


def test_overlong_accessibility_needs(event, citizen):
    with pytest.raises(ValidationError) as caught:
        register(event, citizen, accessibility_needs="x" * 301)
    assert "accessibility_needs" in caught.value.message_dict
    assert not Registration.objects.exists()


def test_check_in_codes_are_unique_per_event(user_factory):
    event = EventFactory(capacity=30)
    codes = {register(event, p).checkin_code for p in user_factory.create_batch(30)}
    assert len(codes) == 30


# The waitlist
# ------------------------------------------------------------------------------


def test_past_capacity_people_wait_in_order(
    event, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [register(event, p) for p in people]
    assert [r.status for r in registrations] == [R.CONFIRMED] * 2 + [R.WAITLISTED] * 3
    assert viewer_registration(event, people[0]).status == R.CONFIRMED
    assert viewer_registration(event, people[0]).waitlist_position is None
    assert [position(event, p) for p in people[2:]] == [1, 2, 3]
    notice = told(people[2], f"registration:{registrations[2].pk}:created")
    assert notice.context["confirmed"] is False
    assert notice.context["code"] == ""


def test_cancelling_a_confirmed_place_promotes_the_first_waiting(
    event, people, django_capture_on_commit_callbacks
):
    registrations = [register(event, p) for p in people]
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(registrations[1], people[1])
    assert promoted.pk == registrations[2].pk
    assert [status_of(r) for r in registrations] == [
        R.CONFIRMED,
        R.CANCELLED,
        R.CONFIRMED,
        R.WAITLISTED,
        R.WAITLISTED,
    ]
    promoted.refresh_from_db()
    assert promoted.promoted_at is not None
    assert Registration.objects.get(pk=registrations[1].pk).cancelled_at is not None
    assert [position(event, p) for p in people[3:]] == [1, 2]
    notice = told(people[2], f"registration:{promoted.pk}:promoted")
    assert notice.context["code"] == promoted.checkin_code
    # Nobody else was promoted or told.
    assert not Notification.objects.filter(key__endswith=":promoted").exclude(
        recipient=people[2]
    )
    # The person who cancelled is not told about their own act.
    assert not told(people[1], f"registration:{registrations[1].pk}:cancelled")


def test_cancelling_a_waiting_place_promotes_nobody(event, people):
    registrations = [register(event, p) for p in people]
    assert cancel(registrations[3], people[3]) is None
    assert [status_of(r) for r in registrations] == [
        R.CONFIRMED,
        R.CONFIRMED,
        R.WAITLISTED,
        R.CANCELLED,
        R.WAITLISTED,
    ]
    assert [position(event, people[2]), position(event, people[4])] == [1, 2]


def test_cancelling_twice_promotes_once(event, people):
    registrations = [register(event, p) for p in people]
    assert cancel(registrations[0], people[0]).pk == registrations[2].pk
    assert cancel(registrations[0], people[0]) is None
    assert Registration.objects.filter(event=event, status=R.CONFIRMED).count() == 2
    assert status_of(registrations[3]) == R.WAITLISTED


def test_an_empty_waitlist_leaves_the_place_free(event, people):
    registrations = [register(event, p) for p in people[:2]]
    assert cancel(registrations[0], people[0]) is None
    assert register(event, people[2]).status == R.CONFIRMED


def test_other_citizens_cannot_cancel(event, people):
    registration = register(event, people[0])
    with pytest.raises(PermissionDenied):
        cancel(registration, people[1])
    assert status_of(registration) == R.CONFIRMED


def test_staff_cancel_anyone_and_the_person_is_told(
    event, people, staff_user, django_capture_on_commit_callbacks
):
    registrations = [register(event, p) for p in people[:3]]
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(registrations[0], staff_user)
    assert promoted.pk == registrations[2].pk
    assert told(people[0], f"registration:{registrations[0].pk}:cancelled")


def test_after_the_start_only_staff_cancel_and_nobody_is_promoted(people, staff_user):
    event = EventFactory(capacity=1)
    registrations = [register(event, p) for p in people[:2]]
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=5)
    )
    with pytest.raises(ValidationError, match="já começou") as caught:
        cancel(registrations[0], people[0])
    assert caught.value.code == "started"
    # The waitlist means nothing once people are at the door.
    assert cancel(registrations[0], staff_user) is None
    assert status_of(registrations[1]) == R.WAITLISTED


def test_cancelling_leaves_the_speaker_list(event, citizen):
    registration = register(event, citizen)
    services.speaker_request_create(event_id=event.pk, user=citizen, topic="Saúde")
    cancel(registration, citizen)
    assert speaker_list(event) == []
    assert SpeakerRequest.objects.get().withdrawn_at is not None


# Check-in
# ------------------------------------------------------------------------------


def check_in(event, code, by):
    return services.registration_check_in(event_id=event.pk, code=code, by=by)


def test_check_in_by_code(event, citizen, staff_user):
    registration = register(event, citizen)
    code = registration.checkin_code
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    first = check_in(event, typed, staff_user)
    assert first.pk == registration.pk
    assert first.already_present is False
    registration.refresh_from_db()
    attended_at = registration.attended_at
    assert attended_at is not None
    again = check_in(event, code, staff_user)
    assert again.already_present is True
    registration.refresh_from_db()
    assert registration.attended_at == attended_at  # the first time is kept


@pytest.mark.parametrize(("code", "error"), [("", "empty"), ("ZZZZZZ", "not_found")])
def test_check_in_with_a_bad_code(event, citizen, staff_user, code, error):
    register(event, citizen)
    with pytest.raises(ValidationError) as caught:
        check_in(event, code, staff_user)
    assert caught.value.code == error


def test_check_in_ignores_cancelled_registrations(event, citizen, staff_user):
    registration = register(event, citizen)
    cancel(registration, citizen)
    with pytest.raises(ValidationError) as caught:
        check_in(event, registration.checkin_code, staff_user)
    assert caught.value.code == "not_found"


def test_codes_belong_to_their_event(citizen, staff_user):
    event, other = EventFactory(), EventFactory()
    registration = register(other, citizen)
    with pytest.raises(ValidationError) as caught:
        check_in(event, registration.checkin_code, staff_user)
    assert caught.value.code == "not_found"
    assert Registration.objects.get(pk=registration.pk).attended_at is None


@pytest.mark.parametrize("role", ["citizen", "moderator"])
def test_check_in_is_for_staff(request, event, citizen, role):
    registration = register(event, citizen)
    with pytest.raises(PermissionDenied):
        check_in(event, registration.checkin_code, request.getfixturevalue(role))
    assert Registration.objects.get(pk=registration.pk).attended_at is None


def test_no_check_in_at_a_draft(citizen, staff_user):
    event = EventFactory(status=E.DRAFT)
    registration = RegistrationFactory(event=event, user=citizen)
    with pytest.raises(ValidationError) as caught:
        check_in(event, registration.checkin_code, staff_user)
    assert caught.value.code == "closed"


# The speaker list
# ------------------------------------------------------------------------------


def ask(event, user, topic="Transporte no bairro", **kwargs):
    return services.speaker_request_create(
        event_id=event.pk, user=user, topic=topic, **kwargs
    )


def test_speakers_in_order_of_request(user_factory):
    event = EventFactory(capacity=10, speaker_minutes=5)
    people = user_factory.create_batch(3)
    for person in people:
        register(event, person)
    # Asked in reverse order of registration.
    for person in reversed(people):
        ask(event, person)
    speakers = speaker_list(event)
    assert [s.request.user for s in speakers] == list(reversed(people))
    assert [s.number for s in speakers] == [1, 2, 3]
    assert [s.slot - event.starts_at for s in speakers] == [
        dt.timedelta(0),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=10),
    ]


def test_names_in_the_speaker_list_only_when_chosen(user_factory):
    event = EventFactory(capacity=10)
    shy, open_, for_entity = (
        user_factory(full_name="Ana Reservada"),
        user_factory(full_name="Beatriz Pública"),
        user_factory(full_name="Carla Representante"),
    )
    entity = approved_entity_with_representative(for_entity)
    for person in (shy, open_, for_entity):
        register(event, person)
    ask(event, shy)
    ask(event, open_, show_name=True)
    ask(event, for_entity, on_behalf_of=entity)
    names = [(s.name, s.is_entity) for s in speaker_list(event)]
    assert names == [
        ("Participante 1", False),
        ("Beatriz Pública", False),
        (entity.display_name, True),
    ]


def test_speaking_needs_a_registration(event, citizen):
    with pytest.raises(ValidationError) as caught:
        ask(event, citizen)
    assert caught.value.code == "not_registered"


def test_waiting_people_may_ask_to_speak(event, people):
    registrations = [register(event, person) for person in people[:3]]
    assert registrations[2].status == R.WAITLISTED
    request = ask(event, people[2])
    assert [s.request.pk for s in speaker_list(event)] == [request.pk]


def test_asking_twice_is_refused(event, citizen):
    register(event, citizen)
    ask(event, citizen)
    with pytest.raises(ValidationError) as caught:
        ask(event, citizen, topic="Outro tema")
    assert caught.value.code == "duplicate"


@pytest.mark.parametrize("topic", ["", "   ", "x" * 301])
def test_topic_is_required_and_bounded(event, citizen, topic):
    register(event, citizen)
    with pytest.raises(ValidationError) as caught:
        ask(event, citizen, topic=topic)
    assert "topic" in caught.value.message_dict


def test_no_speakers_when_the_event_takes_none(citizen):
    event = EventFactory(accepts_speakers=False)
    register(event, citizen)
    with pytest.raises(services.RegistrationClosed):
        ask(event, citizen)


def test_speaking_for_an_entity_one_does_not_represent(event, citizen, user_factory):
    entity = approved_entity_with_representative(user_factory())
    register(event, citizen)
    with pytest.raises(ValidationError) as caught:
        ask(event, citizen, on_behalf_of=entity)
    assert "on_behalf_of" in caught.value.message_dict


def test_withdraw(event, people, staff_user):
    for person in people[:3]:
        register(event, person)
    requests = [ask(event, p) for p in people[:3]]
    services.speaker_request_withdraw(request_id=requests[0].pk, by=people[0])
    assert [s.request.pk for s in speaker_list(event)] == [
        requests[1].pk,
        requests[2].pk,
    ]
    assert [s.number for s in speaker_list(event)] == [1, 2]
    # Twice changes nothing; staff may withdraw someone; others may not.
    services.speaker_request_withdraw(request_id=requests[0].pk, by=people[0])
    with pytest.raises(PermissionDenied):
        services.speaker_request_withdraw(request_id=requests[1].pk, by=people[2])
    services.speaker_request_withdraw(
        request_id=requests[1].pk, by=staff_user, reason="Pediu por telefone."
    )
    assert [s.request.pk for s in speaker_list(event)] == [requests[2].pk]
    # After withdrawing, one may ask again and goes to the end of the list.
    again = ask(event, people[0], topic="Voltei")
    assert [s.request.pk for s in speaker_list(event)] == [requests[2].pk, again.pk]


def test_mark_spoke(event, citizen, staff_user):
    register(event, citizen)
    request = ask(event, citizen)
    with pytest.raises(PermissionDenied):
        services.speaker_mark_spoke(request_id=request.pk, by=citizen)
    services.speaker_mark_spoke(request_id=request.pk, by=staff_user)
    assert speaker_list(event)[0].spoke
    services.speaker_mark_spoke(request_id=request.pk, by=staff_user, spoke=False)
    assert not speaker_list(event)[0].spoke
    services.speaker_request_withdraw(request_id=request.pk, by=citizen)
    with pytest.raises(ValidationError, match="saiu da lista"):
        services.speaker_mark_spoke(request_id=request.pk, by=staff_user)

"""What hearings, forums and consultations tell people, and when: the reminder
EVENTS_REMINDER_HOURS before an event, cancellations and new dates, the ata,
and a consultation's opening, closing reminder and report. Each once, however
often the beat job runs."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from civic.notifications.models import EmailDelivery, Notification
from civic.territory.models import Bairro
from consultations import services
from consultations.models import Event, Follow, Registration
from consultations.tasks import tick
from tests.consultations.consultation_support import S, consultation_with_text
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

R = Registration.Status
REMINDER = "consultations.event_reminder"
CHANGED = "consultations.event_changed"
UPDATE = "consultations.consultation_update"


def told(kind, about="") -> list[tuple[int, str]]:
    """(recipient, key) of the notices of `kind` whose key starts with `about`."""
    return sorted(
        Notification.objects.filter(kind=kind, key__startswith=about).values_list(
            "recipient_id", "key"
        )
    )


def emails_to(kind) -> list[str]:
    return sorted(
        EmailDelivery.objects.filter(notification__kind=kind).values_list(
            "recipient__email", flat=True
        )
    )


def at_local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at this time of day in Betim."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def registered(user_factory):
    """An event three weeks ahead, 19h to 21h in Betim, with two confirmed
    people, one waiting and one who cancelled. Other people signed up first, so
    that row ids and user ids differ (a notice sent to a row id would reach a
    stranger)."""
    user_factory.create_batch(10)
    start = at_local(timezone.localdate() + dt.timedelta(days=21), 19)
    event = EventFactory(
        capacity=2, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    people = {
        "confirmed": user_factory.create_batch(2),
        "waiting": user_factory(),
        "cancelled": user_factory(),
    }
    for person in people["confirmed"]:
        RegistrationFactory(event=event, user=person)
    RegistrationFactory(event=event, user=people["waiting"], status=R.WAITLISTED)
    RegistrationFactory(event=event, user=people["cancelled"], status=R.CANCELLED)
    rows = Registration.objects.filter(event=event)
    assert not set(rows.values_list("pk", flat=True)) & set(
        rows.values_list("user_id", flat=True)
    )
    return event, people


def pks(*users) -> list[int]:
    return sorted(u.pk for u in users)


# The reminder before the event
# ------------------------------------------------------------------------------


def test_reminder_reaches_everyone_registered_once(
    registered, django_capture_on_commit_callbacks
):
    event, people = registered
    mail.outbox = []
    key = f"event:{event.pk}:reminder:1"
    with time_machine.travel(event.starts_at - dt.timedelta(hours=25), tick=False):
        assert tick()["event_reminders"] == 0
    assert told(REMINDER) == []
    with time_machine.travel(event.starts_at - dt.timedelta(hours=23), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tick()["event_reminders"] == 1
        with django_capture_on_commit_callbacks(execute=True):
            tick()  # a duplicate beat run
    with time_machine.travel(event.starts_at - dt.timedelta(hours=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            tick()
    assert told(REMINDER) == [
        (pk, key) for pk in pks(*people["confirmed"], people["waiting"])
    ]
    reminders = [m for m in mail.outbox if m.subject.startswith("Amanhã")]
    assert sorted(m.to[0] for m in reminders) == sorted(
        p.email for p in people["confirmed"]
    )
    assert all(event.title in m.subject for m in reminders)
    # The person waiting is reminded of their place in line, with no code.
    (waiting,) = [m for m in mail.outbox if m.to == [people["waiting"].email]]
    assert waiting.subject.startswith("Lista de espera")
    assert "na lista de espera, na posição 1" in waiting.body
    assert "código de presença:" not in waiting.body.lower()
    assert "Se não quiser mais esperar" in waiting.body


def test_no_reminder_once_the_event_started(registered):
    event, _people = registered
    with time_machine.travel(event.starts_at + dt.timedelta(minutes=1), tick=False):
        assert tick()["event_reminders"] == 0
    assert told(REMINDER) == []


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.CANCELLED])
def test_no_reminder_for_unpublished_or_cancelled_events(registered, status):
    event, _people = registered
    Event.objects.filter(pk=event.pk).update(status=status)
    with time_machine.travel(event.starts_at - dt.timedelta(hours=2), tick=False):
        assert tick()["event_reminders"] == 0
    assert told(REMINDER) == []


def test_the_reminder_window_is_a_setting(registered, settings):
    event, people = registered
    settings.EVENTS_REMINDER_HOURS = 48
    with time_machine.travel(event.starts_at - dt.timedelta(hours=40), tick=False):
        tick()
    assert [pk for pk, _key in told(REMINDER)] == pks(
        *people["confirmed"], people["waiting"]
    )


def test_people_who_get_a_place_late_are_reminded_too(registered, user_factory):
    event, people = registered
    with time_machine.travel(event.starts_at - dt.timedelta(hours=20), tick=False):
        tick()
        promoted = services.registration_cancel(
            registration_id=Registration.objects.get(
                event=event, user=people["confirmed"][0]
            ).pk,
            by=people["confirmed"][0],
        )
        assert promoted.user == people["waiting"]
        tick()
        tick()
    assert [pk for pk, _key in told(REMINDER)] == pks(
        people["confirmed"][0], people["confirmed"][1], people["waiting"]
    )
    # Told once each: the first confirmed person's reminder is not taken back,
    # and the person promoted had the waitlist reminder, then the promotion
    # email with the code.
    assert Notification.objects.filter(kind=REMINDER).count() == 3


def test_a_new_date_means_a_new_reminder(registered, staff_user):
    event, people = registered
    with time_machine.travel(event.starts_at - dt.timedelta(hours=20), tick=False):
        tick()
        start = event.starts_at + dt.timedelta(days=20)
        services.event_reschedule(
            event_id=event.pk,
            actor=staff_user,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            reason="Mudança de local.",
        )
    with time_machine.travel(start - dt.timedelta(hours=20), tick=False):
        tick()
        tick()
    registered_people = pks(*people["confirmed"], people["waiting"])
    assert told(REMINDER) == sorted(
        [(pk, f"event:{event.pk}:reminder:1") for pk in registered_people]
        + [(pk, f"event:{event.pk}:reminder:2") for pk in registered_people]
    )


# Cancellation, new date and the ata
# ------------------------------------------------------------------------------


def test_cancellation_tells_everyone_registered(
    registered, staff_user, django_capture_on_commit_callbacks
):
    event, people = registered
    # Staff who happen to be registered are not told of their own act.
    RegistrationFactory(event=event, user=staff_user, status=R.WAITLISTED)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(
            event_id=event.pk, actor=staff_user, reason="Chuva forte."
        )
    everyone = pks(*people["confirmed"], people["waiting"])
    assert told(CHANGED) == [(pk, f"event:{event.pk}:cancelled") for pk in everyone]
    notice = Notification.objects.filter(kind=CHANGED).first()
    assert notice.context["reason"] == "Chuva forte."
    assert notice.url == event.get_absolute_url()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for p in [*people["confirmed"], people["waiting"]]
    )


def test_each_new_date_tells_everyone_registered(
    registered, staff_user, django_capture_on_commit_callbacks
):
    event, people = registered
    everyone = pks(*people["confirmed"], people["waiting"])
    for version in (2, 3):
        start = event.starts_at + dt.timedelta(days=version)
        with django_capture_on_commit_callbacks(execute=True):
            services.event_reschedule(
                event_id=event.pk,
                actor=staff_user,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                reason=f"Motivo {version}.",
            )
        assert [
            pk
            for pk, key in told(CHANGED)
            if key == f"event:{event.pk}:schedule:{version}"
        ] == everyone
    notice = Notification.objects.get(
        kind=CHANGED, key=f"event:{event.pk}:schedule:3", recipient=people["waiting"]
    )
    assert notice.context["reason"] == "Motivo 3."
    assert timezone.localtime(start).strftime("%H:%M") in notice.context["when"]
    assert str(timezone.localtime(start).year) in notice.context["when"]
    assert len(emails_to(CHANGED)) == 6


def test_the_ata_tells_the_confirmed_people(registered, staff_user):
    event, people = registered
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=1),
        ends_at=timezone.now() - dt.timedelta(hours=20),
    )
    services.event_conclude(event_id=event.pk, actor=staff_user, minutes="Ata.")
    assert told(CHANGED) == [
        (pk, f"event:{event.pk}:concluded") for pk in pks(*people["confirmed"])
    ]


# Consultations
# ------------------------------------------------------------------------------


def mine(consultation) -> str:
    return f"consultation:{consultation.pk}:"


@pytest.fixture
def followed(user_factory):
    """A scheduled consultation with a follower, and a contributor who does
    not follow it."""
    for _ in range(3):
        Follow.objects.create(
            user=user_factory(), consultation=consultation_with_text()
        )
    consultation = consultation_with_text(
        S.SCHEDULED,
        opens_at=timezone.now() + dt.timedelta(hours=1),
        closes_at=timezone.now() + dt.timedelta(days=30),
    )
    follower, contributor = user_factory(), user_factory()
    Follow.objects.create(user=follower, consultation=consultation)
    return consultation, follower, contributor


def test_followers_are_told_when_it_opens_once(followed):
    consultation, follower, _contributor = followed
    with time_machine.travel(
        consultation.opens_at + dt.timedelta(minutes=1), tick=False
    ):
        assert tick()["opened"] == 1
        assert tick()["opened"] == 0
    assert told(UPDATE, mine(consultation)) == [
        (follower.pk, f"consultation:{consultation.pk}:open")
    ]


def test_closing_reminder_days_before_once(followed, settings):
    consultation, follower, contributor = followed
    consultation.status = S.OPEN
    consultation.save()
    ContributionFactory(consultation=consultation, author=contributor)
    days = settings.CONSULTATIONS_CLOSING_REMINDER_DAYS
    assert days == 7
    key = f"consultation:{consultation.pk}:closing:{consultation.closes_at.isoformat()}"
    before = consultation.closes_at - dt.timedelta(days=days, hours=1)
    with time_machine.travel(before, tick=False):
        tick()
    assert told(UPDATE, mine(consultation)) == []
    for hours in (23, 22, 1):
        with time_machine.travel(
            consultation.closes_at - dt.timedelta(days=days - 1, hours=hours),
            tick=False,
        ):
            tick()
    assert told(UPDATE, mine(consultation)) == sorted(
        [(follower.pk, key), (contributor.pk, key)]
    )
    # Closing at the end: no further reminder.
    with time_machine.travel(
        consultation.closes_at + dt.timedelta(minutes=1), tick=False
    ):
        tick()
    assert len(told(UPDATE, mine(consultation))) == 2


def test_the_closing_reminder_is_a_setting(followed, settings):
    consultation, follower, _contributor = followed
    consultation.status = S.OPEN
    consultation.save()
    settings.CONSULTATIONS_CLOSING_REMINDER_DAYS = 2
    with time_machine.travel(consultation.closes_at - dt.timedelta(days=3), tick=False):
        tick()
    assert told(UPDATE, mine(consultation)) == []
    with time_machine.travel(consultation.closes_at - dt.timedelta(days=1), tick=False):
        tick()
    assert [pk for pk, _key in told(UPDATE, mine(consultation))] == [follower.pk]


def test_the_report_is_announced_once(followed, staff_user):
    consultation, follower, contributor = followed
    consultation.status = S.CLOSED
    consultation.save()
    ContributionFactory(
        consultation=consultation,
        author=contributor,
        answer="accepted",
        answer_text="Incluída.",
    )
    services.consultation_transition(
        consultation_id=consultation.pk, action="publish_report", actor=staff_user
    )
    from consultations import notifications

    notifications.consultation_changed(consultation, "publish_report")
    key = f"consultation:{consultation.pk}:report"
    assert told(UPDATE, mine(consultation)) == sorted(
        [(follower.pk, key), (contributor.pk, key)]
    )
    notice = Notification.objects.filter(kind=UPDATE, key=key).first()
    assert notice.url == f"/consultas/{consultation.slug}/relatorio/"


# What the emails say
# ------------------------------------------------------------------------------

THURSDAY = dt.date(2026, 12, 17)
WHEN = "quinta-feira, 17 de dezembro de 2026, das 19h às 21h"


@pytest.fixture
def november():
    """A month before the hearing (the clock runs; tests travel further)."""
    with time_machine.travel(at_local(THURSDAY - dt.timedelta(days=30), 10)):
        yield


@pytest.fixture
def hearing(november):
    """A hearing on Thursday 17 December 2026, 19h to 21h in Betim, at a venue
    with an address and a bairro, with Libras and a stream, and one place."""
    venue = VenueFactory(
        name="Auditório da Prefeitura",
        address="Rua Pará de Minas, 640",
        bairro=Bairro.objects.get(slug="centro"),
        step_free_access=True,
    )
    return EventFactory(
        title="Audiência do Plano Diretor",
        capacity=1,
        starts_at=at_local(THURSDAY, 19),
        ends_at=at_local(THURSDAY, 21),
        venue=venue,
        libras=True,
        stream_url="https://video.example/plano-diretor",
    )


def mails_to(person) -> list:
    return [m for m in mail.outbox if m.to == [person.email]]


def texts(message) -> list[str]:
    """The plain-text and the HTML body."""
    return [message.body, message.alternatives[0][0]]


def register(event, person, capture):
    with capture(execute=True):
        return services.registration_create(event_id=event.pk, user=person)


def test_the_confirmation_has_the_code_and_how_to_get_there(
    hearing, citizen, django_capture_on_commit_callbacks
):
    mail.outbox = []
    registration = register(hearing, citizen, django_capture_on_commit_callbacks)
    [message] = mails_to(citizen)
    assert message.subject == "Inscrição confirmada: Audiência do Plano Diretor"
    page = f"http://testserver{hearing.get_absolute_url()}"
    for body in texts(message):
        assert registration.checkin_code in body
        assert "Mostre este código na entrada" in body
        assert "Audiência pública" in body
        assert WHEN in body
        assert "Auditório da Prefeitura" in body
        assert "Rua Pará de Minas, 640" in body
        assert "Centro" in body
        assert "com intérprete de Libras" in body
        assert "acesso sem degraus" in body
        assert "https://video.example/plano-diretor" in body
        assert page in body
        assert f"{page}#inscricao" in body
        assert "lista de espera, na posição" not in body


def test_the_waitlist_email_gives_the_place_in_line_and_no_code(
    hearing, user_factory, django_capture_on_commit_callbacks
):
    first, second, third = user_factory.create_batch(3)
    for person in (first, second, third):
        register(hearing, person, django_capture_on_commit_callbacks)
    waiting = Registration.objects.get(event=hearing, user=third)
    assert waiting.status == R.WAITLISTED
    [message] = mails_to(third)
    assert message.subject == (
        "Lista de espera (posição 2): Audiência do Plano Diretor"
    )
    for body in texts(message):
        assert "lista de espera" in body
        assert "passa automaticamente para a próxima pessoa da lista" in body
        assert waiting.checkin_code not in body
        assert "Rua Pará de Minas, 640" in body
        assert WHEN in body


def test_the_promotion_email_brings_the_code(
    hearing, user_factory, django_capture_on_commit_callbacks
):
    first, second = user_factory.create_batch(2)
    taken = register(hearing, first, django_capture_on_commit_callbacks)
    register(hearing, second, django_capture_on_commit_callbacks)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration_id=taken.pk, by=first)
    [message] = mails_to(second)
    assert message.subject == "Vaga confirmada: Audiência do Plano Diretor"
    for body in texts(message):
        assert "saiu da lista de espera" in body
        assert promoted.checkin_code in body
        assert "Rua Pará de Minas, 640" in body


@pytest.mark.parametrize(
    ("hours_setting", "now", "says", "never"),
    [
        # The evening before: tomorrow.
        (24, at_local(THURSDAY - dt.timedelta(days=1), 20), "amanhã", "hoje"),
        # The same morning (a reminder window that reaches past midnight): today.
        (24, at_local(THURSDAY, 8), "hoje", "amanhã"),
        # Three days ahead: the date, neither today nor tomorrow.
        (72, at_local(THURSDAY - dt.timedelta(days=2), 21), "17 de dezembro", "amanhã"),
    ],
)
def test_the_reminder_says_tomorrow_only_when_it_is(
    hearing,
    user_factory,
    settings,
    django_capture_on_commit_callbacks,
    hours_setting,
    now,
    says,
    never,
):
    settings.EVENTS_REMINDER_HOURS = hours_setting
    hearing.capacity = 2
    hearing.save()
    people = user_factory.create_batch(2)
    codes = {
        person.pk: RegistrationFactory(event=hearing, user=person).checkin_code
        for person in people
    }
    mail.outbox = []
    with time_machine.travel(now, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tick()["event_reminders"] == 1
    for person in people:
        [message] = mails_to(person)
        other = next(code for pk, code in codes.items() if pk != person.pk)
        assert says in message.subject.lower()
        assert never not in message.subject.lower()
        for body in texts(message):
            assert says in body.lower()
            assert never not in body.lower()
            # Each person gets their own code, and only theirs.
            assert codes[person.pk] in body
            assert other not in body
            assert WHEN in body
            assert "Rua Pará de Minas, 640" in body


def test_reminder_runs_cost_the_same_once_everyone_is_told(
    hearing, user_factory, django_assert_num_queries, django_assert_max_num_queries
):
    hearing.capacity = 20
    hearing.save()
    for person in user_factory.create_batch(2):
        RegistrationFactory(event=hearing, user=person)
    with time_machine.travel(at_local(THURSDAY, 8), tick=False):
        tick()
        with django_assert_max_num_queries(50) as few:
            tick()
        for person in user_factory.create_batch(15):
            RegistrationFactory(event=hearing, user=person)
        tick()
        assert Notification.objects.filter(kind=REMINDER).count() == 17
        with django_assert_num_queries(len(few.captured_queries)):
            tick()


def test_the_new_date_email_gives_both_dates_and_the_reason(
    hearing, citizen, staff_user, django_capture_on_commit_callbacks
):
    registration = register(hearing, citizen, django_capture_on_commit_callbacks)
    mail.outbox = []
    friday = THURSDAY + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_reschedule(
            event_id=hearing.pk,
            actor=staff_user,
            starts_at=at_local(friday, 18, 30),
            ends_at=at_local(friday, 20),
            reason="O auditório estará em obras.",
        )
    [message] = mails_to(citizen)
    assert message.subject == "Nova data: Audiência do Plano Diretor"
    for body in texts(message):
        assert WHEN in body
        assert "sexta-feira, 18 de dezembro de 2026, das 18h30 às 20h" in body
        assert "O auditório estará em obras." in body
        assert "continua valendo para a nova data" in body
        assert "Rua Pará de Minas, 640" in body
        assert registration.checkin_code not in body


def test_the_cancellation_email_gives_the_reason_and_what_it_means(
    hearing, citizen, staff_user, django_capture_on_commit_callbacks
):
    register(hearing, citizen, django_capture_on_commit_callbacks)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(
            event_id=hearing.pk, actor=staff_user, reason="Chuva forte."
        )
    [message] = mails_to(citizen)
    assert message.subject == "Evento cancelado: Audiência do Plano Diretor"
    for body in texts(message):
        assert "Chuva forte." in body
        assert WHEN in body
        assert "a sua inscrição deixa de valer" in body
        assert "#inscricao" not in body

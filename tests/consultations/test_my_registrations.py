"""`/minha-conta/inscricoes/`: the events a person signed up for, with their
code or place in line, their place on the speaker list and what happened to
the event; only their own, never cached."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import dates
from consultations.models import Event, Registration, SpeakerRequest
from consultations.selectors.registrations import MY_PAST_LIMIT, registrations_of
from consultations.services.event_workflow import event_cancel
from tests.factories.consultations import (
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

E = Event.Status
R = Registration.Status
PAGE = "/minha-conta/inscricoes/"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def main_of(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def section(response, section_id: str) -> str:
    """The text of one section of the page ("proximos" or "anteriores")."""
    html = main_of(response)
    start = html.index(f'<section class="mt-5" id="{section_id}"')
    return text_of(html[start : html.index("</section>", start)])


def past_event(**kwargs):
    starts_at = kwargs.pop("starts_at", timezone.now() - dt.timedelta(days=10))
    return EventFactory(
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3), **kwargs
    )


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


def test_url_name_and_path():
    assert reverse("consultations:my_registrations") == PAGE


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={PAGE}"


def test_the_page_is_private_and_never_cached(logged_in, citizen):
    RegistrationFactory(user=citizen)
    response = logged_in.get(PAGE)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_empty_state_links_to_the_events(logged_in):
    response = logged_in.get(PAGE)
    text = text_of(main_of(response))
    assert "Você ainda não se inscreveu em nenhum evento." in text
    assert f'href="{reverse("consultations:event_list")}"' in main_of(response)
    assert reverse("consultations:event_list") == "/audiencias/"


def test_a_person_sees_only_their_own_registrations(logged_in, citizen, user_factory):
    mine = RegistrationFactory(
        user=citizen, event=EventFactory(title="Audiência da saúde")
    )
    other_event = EventFactory(title="Fórum da juventude")
    someone = user_factory()
    theirs = RegistrationFactory(user=someone, event=other_event)
    # Someone else at the same event: their code never shows either.
    neighbour = RegistrationFactory(user=user_factory(), event=mine.event)

    response = logged_in.get(PAGE)
    html = main_of(response)
    assert "Audiência da saúde" in html
    assert mine.checkin_code in html
    assert "Fórum da juventude" not in html
    assert theirs.checkin_code not in html
    assert neighbour.checkin_code not in html


def test_a_confirmed_registration_shows_the_checkin_code_and_the_event(
    logged_in, citizen
):
    event = EventFactory(
        title="Audiência do Plano Diretor",
        kind=Event.Kind.FORUM,
        venue=VenueFactory(name="Câmara Municipal", address="Rua Osvaldo Franco, 55"),
    )
    registration = RegistrationFactory(user=citizen, event=event)

    response = logged_in.get(PAGE)
    html = main_of(response)
    upcoming = section(response, "proximos")
    assert f'<p class="event-checkin-code">{registration.checkin_code}</p>' in html
    assert "Inscrição confirmada." in upcoming
    assert "Fórum" in upcoming
    assert "Câmara Municipal, Rua Osvaldo Franco, 55" in upcoming
    assert f'href="{event.get_absolute_url()}"' in html
    assert reverse("consultations:event_ics", kwargs={"slug": event.slug}) in html
    assert (
        reverse("consultations:event_cancel_registration", kwargs={"slug": event.slug})
        in html
    )


def test_a_waitlisted_registration_shows_its_place_in_line(
    logged_in, citizen, user_factory
):
    event = EventFactory(capacity=1)
    start = timezone.now() - dt.timedelta(hours=5)
    RegistrationFactory(event=event, created_at=start)
    for minutes in (1, 2):
        RegistrationFactory(
            event=event,
            status=R.WAITLISTED,
            created_at=start + dt.timedelta(minutes=minutes),
        )
    # Someone who waited before but gave up does not count.
    RegistrationFactory(
        event=event, status=R.CANCELLED, created_at=start + dt.timedelta(seconds=30)
    )
    mine = RegistrationFactory(
        user=citizen,
        event=event,
        status=R.WAITLISTED,
        created_at=start + dt.timedelta(minutes=3),
    )
    RegistrationFactory(
        event=event,
        status=R.WAITLISTED,
        created_at=start + dt.timedelta(minutes=4),
    )

    response = logged_in.get(PAGE)
    upcoming = section(response, "proximos")
    assert "Você está na lista de espera." in upcoming
    assert "Sua posição: 3." in upcoming
    # A place in line is not a place: no code to show at the door.
    assert mine.checkin_code not in main_of(response)
    assert "event-checkin-code" not in main_of(response)


def test_the_position_matches_the_event_page(client, citizen, user_factory):
    from consultations.selectors.registrations import viewer_registration

    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=R.WAITLISTED)
    RegistrationFactory(user=citizen, event=event, status=R.WAITLISTED)
    [mine] = registrations_of(citizen).upcoming
    assert (
        mine.waitlist_position == viewer_registration(event, citizen).waitlist_position
    )
    assert mine.waitlist_position == 2


def test_a_cancelled_event_shows_why_and_no_actions(logged_in, citizen, staff_user):
    event = EventFactory(title="Fórum cancelado")
    registration = RegistrationFactory(user=citizen, event=event)
    event_cancel(event_id=event.pk, actor=staff_user, reason="Chuva forte na região.")

    response = logged_in.get(PAGE)
    upcoming = section(response, "proximos")
    html = main_of(response)
    assert "Fórum cancelado" in upcoming
    assert "Evento cancelado." in upcoming
    assert "Chuva forte na região." in upcoming
    assert registration.checkin_code not in html
    assert "Cancelar minha inscrição" not in html
    assert reverse("consultations:event_ics", kwargs={"slug": event.slug}) not in html


def test_past_events_are_under_anteriores_latest_first(logged_in, citizen):
    now = timezone.now()
    soon = EventFactory(title="Evento amanhã", starts_at=now + dt.timedelta(days=1))
    later = EventFactory(
        title="Evento no mês que vem", starts_at=now + dt.timedelta(days=30)
    )
    old = past_event(
        title="Evento do ano passado", starts_at=now - dt.timedelta(days=365)
    )
    recent = past_event(
        title="Evento da semana passada", starts_at=now - dt.timedelta(days=7)
    )
    for event in (later, old, soon, recent):
        RegistrationFactory(user=citizen, event=event)
    attended = Registration.objects.get(user=citizen, event=recent)
    attended.attended_at = recent.starts_at + dt.timedelta(minutes=10)
    attended.save()

    response = logged_in.get(PAGE)
    upcoming = section(response, "proximos")
    past = section(response, "anteriores")
    assert upcoming.index("Evento amanhã") < upcoming.index("Evento no mês que vem")
    assert "Evento do ano passado" not in upcoming
    assert past.index("Evento da semana passada") < past.index("Evento do ano passado")
    assert "Evento amanhã" not in past
    day, hour = dates.long_day(attended.attended_at), dates.hour(attended.attended_at)
    assert f"Presença registrada em {day}, às {hour}." in past
    assert "Presença registrada" not in upcoming
    # Past events: no code to show, nothing to cancel.
    assert attended.checkin_code not in main_of(response)
    assert past.count("Cancelar minha inscrição") == 0
    assert upcoming.count("Cancelar minha inscrição") == 2


def test_an_event_under_way_keeps_the_code_but_cannot_be_cancelled(logged_in, citizen):
    now = timezone.now()
    event = EventFactory(
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1)
    )
    registration = RegistrationFactory(user=citizen, event=event)
    response = logged_in.get(PAGE)
    upcoming = section(response, "proximos")
    assert registration.checkin_code in upcoming
    assert "Cancelar minha inscrição" not in upcoming


def test_only_the_latest_past_registrations_are_listed(logged_in, citizen):
    now = timezone.now()
    venue = VenueFactory()
    for days in range(1, MY_PAST_LIMIT + 3):
        RegistrationFactory(
            user=citizen,
            event=past_event(
                title=f"Antigo {days:02d}",
                starts_at=now - dt.timedelta(days=days),
                venue=venue,
            ),
        )
    mine = registrations_of(citizen, now=now)
    assert len(mine.past) == MY_PAST_LIMIT
    assert mine.past_truncated
    assert mine.past[0].event.title == "Antigo 01"
    assert mine.past[-1].event.title == f"Antigo {MY_PAST_LIMIT:02d}"

    response = logged_in.get(PAGE)
    past = section(response, "anteriores")
    assert f"Mostrando as {MY_PAST_LIMIT} inscrições mais recentes." in past
    assert f"Antigo {MY_PAST_LIMIT + 1:02d}" not in past


def test_speaker_list_place_and_topic(logged_in, citizen, user_factory):
    event = EventFactory()
    RegistrationFactory(user=citizen, event=event)
    start = timezone.now() - dt.timedelta(hours=2)
    first, gone = user_factory(), user_factory()
    SpeakerRequest.objects.create(
        event=event, user=first, topic="Ônibus", created_at=start
    )
    SpeakerRequest.objects.create(
        event=event,
        user=gone,
        topic="Saiu",
        created_at=start + dt.timedelta(minutes=1),
        withdrawn_at=start + dt.timedelta(minutes=5),
    )
    SpeakerRequest.objects.create(
        event=event,
        user=citizen,
        topic="Calçadas acessíveis",
        created_at=start + dt.timedelta(minutes=2),
    )
    # An older request of theirs, withdrawn, is not their place.
    SpeakerRequest.objects.create(
        event=event,
        user=citizen,
        topic="Tema antigo",
        created_at=start - dt.timedelta(minutes=2),
        withdrawn_at=start - dt.timedelta(minutes=1),
    )
    upcoming = section(logged_in.get(PAGE), "proximos")
    assert "você é a pessoa nº 2, sobre “Calçadas acessíveis”" in upcoming
    assert "Tema antigo" not in upcoming


def test_cancelling_from_the_page_works_and_comes_back_listed_as_cancelled(
    logged_in, citizen, user_factory
):
    event = EventFactory(title="Audiência do transporte", capacity=1)
    registration = RegistrationFactory(user=citizen, event=event)
    waiting = RegistrationFactory(user=user_factory(), event=event, status=R.WAITLISTED)
    page = logged_in.get(PAGE)
    action = reverse(
        "consultations:event_cancel_registration", kwargs={"slug": event.slug}
    )
    assert f'action="{action}"' in main_of(page)

    assert f'name="next" value="{PAGE}"' in main_of(page)

    response = logged_in.post(action, {"next": PAGE}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == PAGE
    assert "Inscrição cancelada" in main_of(response)
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == R.CANCELLED
    assert waiting.status == R.CONFIRMED

    page = logged_in.get(PAGE)
    upcoming = section(page, "proximos")
    assert registration.checkin_code not in main_of(page)
    assert "Inscrições canceladas" in upcoming
    assert "Audiência do transporte" in upcoming
    assert "Inscrever-se de novo" in upcoming
    assert "Nenhuma inscrição em eventos que ainda vão acontecer." in upcoming


def test_a_next_address_off_the_site_is_ignored(logged_in, citizen):
    event = EventFactory()
    RegistrationFactory(user=citizen, event=event)
    action = reverse(
        "consultations:event_cancel_registration", kwargs={"slug": event.slug}
    )
    response = logged_in.post(action, {"next": "https://evil.example/"})
    assert response["Location"] == f"{event.get_absolute_url()}#inscricao"


def test_signing_up_again_leaves_no_cancelled_line(logged_in, citizen):
    event = EventFactory(title="Reunião aberta do orçamento")
    RegistrationFactory(
        user=citizen, event=event, status=R.CANCELLED, cancelled_at=timezone.now()
    )
    RegistrationFactory(
        user=citizen, event=event, status=R.CANCELLED, cancelled_at=timezone.now()
    )
    mine = registrations_of(citizen)
    assert len(mine.cancelled) == 1
    active = RegistrationFactory(user=citizen, event=event)
    mine = registrations_of(citizen)
    assert mine.cancelled == []
    assert mine.upcoming == [active]


def test_cancelled_registrations_at_past_events_and_drafts_are_left_out(citizen):
    RegistrationFactory(user=citizen, event=past_event(), status=R.CANCELLED)
    RegistrationFactory(user=citizen, event=EventFactory(status=E.DRAFT))
    assert not registrations_of(citizen)


def _fill(person, user_factory, count: int, offset: int = 0):
    """`count` registrations of all sorts, each with others at the event."""
    now = timezone.now()
    venue = VenueFactory()
    for index in range(offset, offset + count):
        if index % 3 == 2:
            event = past_event(
                starts_at=now - dt.timedelta(days=index + 1), venue=venue
            )
        else:
            event = EventFactory(
                starts_at=now + dt.timedelta(days=index + 1), capacity=1, venue=venue
            )
        RegistrationFactory(user=user_factory(), event=event)
        status = R.WAITLISTED if index % 3 == 1 else R.CONFIRMED
        RegistrationFactory(user=person, event=event, status=status)
        SpeakerRequest.objects.create(event=event, user=person, topic=f"Tema {index}")


def test_query_count_does_not_grow_with_registrations(logged_in, citizen, user_factory):
    _fill(citizen, user_factory, 1)
    logged_in.get(PAGE)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as one:
        response = logged_in.get(PAGE)
    assert len(response.context["mine"].upcoming) == 1

    _fill(citizen, user_factory, 14, offset=1)
    with CaptureQueriesContext(connection) as fifteen:
        response = logged_in.get(PAGE)
    mine = response.context["mine"]
    assert len(mine.upcoming) + len(mine.past) == 15
    assert any(r.waitlist_position for r in mine.upcoming)
    assert all(r.speaker_request is not None for r in mine.upcoming + mine.past)
    assert len(fifteen) == len(one)


def test_the_selector_costs_two_queries(
    citizen, user_factory, django_assert_num_queries
):
    _fill(citizen, user_factory, 6)
    with django_assert_num_queries(2):
        mine = registrations_of(citizen)
        rows = mine.upcoming + mine.past
        venues = {registration.event.venue.name for registration in rows}
        numbers = [registration.speaker_request.number for registration in rows]
    assert len(rows) == 6
    assert venues
    assert numbers == [1] * 6


def test_the_account_overview_links_to_the_page(logged_in):
    response = logged_in.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert f'href="{PAGE}"' in html
    assert "Minhas inscrições" in html

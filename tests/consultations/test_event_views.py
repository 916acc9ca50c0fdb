"""Public pages of hearings and forums: the list, an event's page, and the forms
on it (register, cancel, ask to speak, withdraw, contribute), per role and with
bad input."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.models import (
    Contribution,
    Event,
    PolicyArea,
    Registration,
    SpeakerRequest,
)
from consultations.services.registrations import (
    registration_create,
    speaker_request_create,
)
from tests.consultations.consultation_support import (
    approved_entity_with_representative,
    text_of,
)
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

E = Event.Status
R = Registration.Status
C = Contribution


def url(name, event=None):
    if event is None:
        return reverse(f"consultations:{name}")
    return reverse(f"consultations:{name}", kwargs={"slug": event.slug})


def flashed(response) -> str:
    """The messages flashed to the person (not the page's own text)."""
    return " ".join(str(message) for message in response.context["messages"])


def field_errors(response, field) -> list[str]:
    form = next(
        form
        for name in ("register_form", "speak_form", "contribution_form")
        if (form := response.context.get(name)) is not None and form.is_bound
    )
    return form.errors.get(field, [])


@pytest.fixture
def event():
    return EventFactory(
        title="Audiência do Plano Diretor",
        slug="plano-diretor",
        libras=True,
        stream_url="https://example.org/ao-vivo",
        venue=VenueFactory(
            name="Câmara Municipal",
            address="Rua Professor Osvaldo Franco, 55",
            step_free_access=True,
        ),
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# The list
# ------------------------------------------------------------------------------


def test_list_shows_public_events_upcoming_first_and_hides_drafts(client):
    now = timezone.now()
    past = EventFactory(
        title="Já realizada",
        starts_at=now - dt.timedelta(days=10),
        status=E.CONCLUDED,
    )
    soon = EventFactory(title="Próxima", starts_at=now + dt.timedelta(days=16))
    later = EventFactory(title="Depois", starts_at=now + dt.timedelta(days=40))
    cancelled = EventFactory(title="Desmarcada", status=E.CANCELLED)
    EventFactory(title="Rascunho secreto", status=E.DRAFT)

    text = text_of(client.get(url("event_list")))

    assert "Rascunho secreto" not in text
    assert "4 eventos encontrados" in text
    positions = [text.index(e.title) for e in (soon, cancelled, later, past)]
    assert positions == sorted(positions)
    assert cancelled.title in text
    assert "Cancelada" in text


def test_list_filters_by_period_kind_area_and_bairro(client):
    from civic.territory.models import Bairro

    now = timezone.now()
    bairro = Bairro.objects.order_by("pk").first()
    other_area = PolicyArea.objects.order_by("-pk").first()
    forum = EventFactory(title="Fórum da juventude", kind=Event.Kind.FORUM)
    hearing = EventFactory(
        title="Audiência no bairro", venue=VenueFactory(name="Escola", bairro=bairro)
    )
    old = EventFactory(title="Audiência antiga", starts_at=now - dt.timedelta(days=5))
    area = EventFactory(title="Audiência de outra área", policy_area=other_area)

    def titles(**params):
        return text_of(client.get(url("event_list"), params))

    by_kind = titles(tipo="forum")
    assert forum.title in by_kind
    assert hearing.title not in by_kind
    upcoming = titles(quando="proximos")
    assert forum.title in upcoming
    assert old.title not in upcoming
    past = titles(quando="anteriores")
    assert old.title in past
    assert forum.title not in past
    by_bairro = titles(bairro=bairro.slug)
    assert hearing.title in by_bairro
    assert forum.title not in by_bairro
    assert other_area != forum.policy_area
    by_area = titles(area=other_area.slug)
    assert area.title in by_area
    assert forum.title not in by_area
    assert hearing.title not in by_area


def test_list_with_invalid_filters_shows_errors_not_a_500(client):
    EventFactory(title="Uma audiência")
    response = client.get(url("event_list"), {"tipo": "<script>", "page": "zzz"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Uma audiência" in text_of(response)
    assert "<script>" not in response.content.decode()


def test_list_queries_do_not_grow_with_events(client, settings):
    settings.EVENTS_PAGE_SIZE = 5
    settings.CIVIC_PAGE_CACHE_URL_NAMES = set()  # measure the view, not the cache
    EventFactory()
    client.get(url("event_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("event_list"), {"quando": "proximos"})
    for index in range(12):
        RegistrationFactory(event=EventFactory(venue=VenueFactory(name=f"L{index}")))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("event_list"), {"quando": "proximos"})
    assert len(response.context["events"]) == 5
    assert len(many) == len(few)


# The event page
# ------------------------------------------------------------------------------


def test_page_shows_when_where_accessibility_stream_and_calendar(client, event):
    response = client.get(url("event_detail", event))
    text = text_of(response)
    assert response.status_code == 200
    assert "Câmara Municipal" in text
    assert "Rua Professor Osvaldo Franco, 55" in text
    assert "Intérprete de Libras" in text
    assert "Acesso sem degraus" in text
    assert "https://example.org/ao-vivo" in response.content.decode()
    assert url("event_ics", event) in response.content.decode()
    assert "50 vagas livres de 50" in text


def test_dates_are_written_as_people_read_them(client):
    start = timezone.make_aware(dt.datetime(2027, 3, 18, 19, 30))
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    text = text_of(client.get(url("event_detail", event)))
    assert "Quinta-feira, 18 de março de 2027, das 19h30 às 21h30" in text
    two_days = EventFactory(starts_at=start, ends_at=start + dt.timedelta(days=1))
    text = text_of(client.get(url("event_detail", two_days)))
    assert "De quinta-feira, 18 de março de 2027, 19h30, a sexta-feira" in text


@pytest.mark.parametrize("who", ["anonymous", "citizen", "moderator"])
def test_drafts_are_404_for_everyone_but_staff(client, who, citizen, moderator):
    draft = EventFactory(status=E.DRAFT)
    if who != "anonymous":
        client.force_login(citizen if who == "citizen" else moderator)
    assert client.get(url("event_detail", draft)).status_code == 404


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_staff_preview_drafts_privately(client, who, staff_user, superuser):
    draft = EventFactory(status=E.DRAFT, title="Em preparação")
    client.force_login(staff_user if who == "staff" else superuser)
    response = client.get(url("event_detail", draft))
    assert response.status_code == 200
    assert "Pré-visualização" in text_of(response)
    assert "no-store" in response["Cache-Control"]


def test_unknown_event_is_404(client):
    assert client.get("/audiencias/nao-existe/").status_code == 404


def test_cancelled_event_shows_the_reason_and_takes_nothing(citizen_client):
    event = EventFactory(status=E.CANCELLED)
    Event.objects.filter(pk=event.pk).update(
        cancellation_reason="Chuvas fortes interditaram o local."
    )
    text = text_of(citizen_client.get(url("event_detail", event)))
    assert "Evento cancelado" in text
    assert "Chuvas fortes interditaram o local." in text
    assert "Inscrever-me" not in text
    assert "Enviar contribuição" not in text


def test_short_notice_justification_is_public(client):
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(
        short_notice_reason="Prazo do Tribunal de Contas."
    )
    text = text_of(client.get(url("event_detail", event)))
    assert "Prazo do Tribunal de Contas." in text


def test_concluded_event_shows_minutes_recording_and_answers(client):
    event = EventFactory(
        status=E.CONCLUDED,
        starts_at=timezone.now() - dt.timedelta(days=3),
        minutes="Abertura pela Secretária. Doze falas registradas.",
        recording_url="https://example.org/gravacao",
        attendance_count=42,
    )
    contribution = ContributionFactory(
        consultation=None,
        event=event,
        text="Pedimos mais ônibus à noite.",
        answer=C.Answer.ACCEPTED,
        answer_text="A linha 305 terá horários noturnos.",
    )
    text = text_of(client.get(url("event_detail", event)))
    assert "Doze falas registradas." in text
    assert "42 pessoas presentes" in text
    assert "Assistir à gravação" in text
    assert contribution.text in text
    assert "A linha 305 terá horários noturnos." in text
    assert "Inscrever-me" not in text


def test_anonymous_page_is_cached_has_login_links_and_nothing_personal(
    client, event, citizen
):
    registration = registration_create(event_id=event.pk, user=citizen)
    speaker_request_create(event_id=event.pk, user=citizen, topic="Calçadas")
    first = client.get(url("event_detail", event))
    html = first.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "Entrar para se inscrever" in main
    assert "csrfmiddlewaretoken" not in main
    assert registration.checkin_code not in html
    assert citizen.full_name not in html
    assert citizen.email not in html
    assert "Participante 1" in html
    assert client.get(url("event_detail", event))["X-Cache"] == "HIT"


def test_a_registration_updates_the_places_anonymous_visitors_see(
    client, event, citizen, django_capture_on_commit_callbacks
):
    assert "50 vagas livres" in text_of(client.get(url("event_detail", event)))
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event_id=event.pk, user=citizen)
    assert "49 vagas livres" in text_of(client.get(url("event_detail", event)))


# Registering
# ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    ["event_register", "event_cancel_registration", "event_speak", "event_contribute"],
)
def test_anonymous_forms_go_to_login_and_change_nothing(client, event, action):
    response = client.post(url(action, event), {"text": "Oi", "topic": "Oi"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Registration.objects.exists()
    assert not SpeakerRequest.objects.exists()
    assert not Contribution.objects.exists()


def test_citizen_registers_and_sees_the_checkin_code(citizen_client, citizen, event):
    response = citizen_client.post(
        url("event_register", event),
        {"needs_libras": "on", "accessibility_needs": "Cadeira de rodas"},
        follow=True,
    )
    registration = Registration.objects.get(event=event, user=citizen)
    assert registration.status == R.CONFIRMED
    assert registration.needs_libras
    assert registration.accessibility_needs == "Cadeira de rodas"
    text = text_of(response)
    assert "Inscrição confirmada" in text
    assert registration.checkin_code in text
    assert "Cancelar minha inscrição" in text
    assert "no-store" in response["Cache-Control"]


def test_registering_twice_keeps_one_registration(citizen_client, citizen, event):
    citizen_client.post(url("event_register", event))
    response = citizen_client.post(url("event_register", event), follow=True)
    assert Registration.objects.filter(event=event, user=citizen).count() == 1
    assert "já está inscrito" in flashed(response)


def test_full_event_puts_people_on_the_waitlist_with_position(
    citizen_client, citizen, user_factory
):
    event = EventFactory(capacity=1)
    registration_create(event_id=event.pk, user=user_factory())
    response = citizen_client.post(url("event_register", event), follow=True)
    registration = Registration.objects.get(event=event, user=citizen)
    assert registration.status == R.WAITLISTED
    text = text_of(response)
    assert "lista de espera" in text
    assert "Sua posição: 1" in text
    assert registration.checkin_code not in text


@pytest.mark.parametrize(
    ("status", "days", "message"),
    [
        (E.PUBLISHED, -2, "já aconteceu"),
        (E.CANCELLED, 20, "cancelado"),
        (E.CONCLUDED, -2, "já aconteceu"),
    ],
)
def test_cannot_register_for_past_or_cancelled_events(
    citizen_client, status, days, message
):
    event = EventFactory(
        status=status, starts_at=timezone.now() + dt.timedelta(days=days)
    )
    response = citizen_client.post(url("event_register", event), follow=True)
    assert response.status_code == 200
    # The page states the reason too: the refusal itself must say it.
    assert message in flashed(response)
    assert not Registration.objects.exists()


def test_cannot_register_for_a_draft(citizen_client):
    draft = EventFactory(status=E.DRAFT)
    assert citizen_client.post(url("event_register", draft)).status_code == 404


def test_overlong_needs_show_an_error_and_keep_the_text(citizen_client, event):
    typed = "x" * 301
    response = citizen_client.post(
        url("event_register", event),
        {"needs_libras": "on", "accessibility_needs": typed},
    )
    assert response.status_code == 200
    assert field_errors(response, "accessibility_needs")
    assert typed in response.content.decode()
    libras_input = re.search(
        r'<input[^>]*name="needs_libras"[^>]*>', response.content.decode()
    )
    assert "checked" in libras_input.group(0)
    assert not Registration.objects.exists()


def test_cancelling_frees_the_place_for_the_first_on_the_waitlist(
    citizen_client, citizen, user_factory
):
    event = EventFactory(capacity=1)
    registration_create(event_id=event.pk, user=citizen)
    waiting = registration_create(event_id=event.pk, user=user_factory())
    assert waiting.status == R.WAITLISTED

    response = citizen_client.post(url("event_cancel_registration", event), follow=True)

    assert "Inscrição cancelada" in text_of(response)
    assert Registration.objects.get(event=event, user=citizen).status == R.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == R.CONFIRMED


def test_cancelling_without_a_registration_says_so(citizen_client, event):
    response = citizen_client.post(url("event_cancel_registration", event), follow=True)
    assert "não tem inscrição ativa" in flashed(response)


def test_get_on_a_form_address_goes_back_to_the_page(citizen_client, event):
    response = citizen_client.get(url("event_register", event))
    assert response.status_code == 302
    assert response["Location"].startswith(url("event_detail", event))


# Asking to speak
# ------------------------------------------------------------------------------


def test_speaking_needs_a_registration(citizen_client, event):
    response = citizen_client.post(
        url("event_speak", event), {"topic": "Transporte"}, follow=True
    )
    assert "Inscreva-se no evento antes" in flashed(response)
    assert not SpeakerRequest.objects.exists()


def test_registered_citizen_asks_to_speak_anonymously_then_withdraws(
    citizen_client, citizen, event
):
    registration_create(event_id=event.pk, user=citizen)
    response = citizen_client.post(
        url("event_speak", event), {"topic": "Ciclovias no centro"}, follow=True
    )
    text = text_of(response)
    assert "pessoa nº 1 da lista de falas" in text
    assert "Participante 1" in text
    assert citizen.display_name not in text
    assert "Ciclovias no centro" in text
    assert "Sair da lista de falas" in text

    response = citizen_client.post(
        url("event_speak", event), {"action": "withdraw"}, follow=True
    )
    assert "Você saiu da lista de falas" in text_of(response)
    assert SpeakerRequest.objects.get().withdrawn_at is not None


def test_speaker_name_shows_only_when_asked(citizen_client, citizen, event):
    registration_create(event_id=event.pk, user=citizen)
    citizen_client.post(
        url("event_speak", event), {"topic": "Saúde", "show_name": "on"}
    )
    assert citizen.display_name in text_of(
        citizen_client.get(url("event_detail", event))
    )


def test_speaking_for_an_entity_shows_the_entity(citizen_client, citizen, event):
    entity = approved_entity_with_representative(citizen)
    registration_create(event_id=event.pk, user=citizen)
    citizen_client.post(
        url("event_speak", event), {"topic": "Cultura", "on_behalf_of": entity.pk}
    )
    request = SpeakerRequest.objects.get()
    assert request.on_behalf_of == entity
    assert entity.display_name in text_of(
        citizen_client.get(url("event_detail", event))
    )


def test_empty_or_overlong_topic_shows_the_error_beside_the_field(
    citizen_client, citizen, event
):
    registration_create(event_id=event.pk, user=citizen)
    response = citizen_client.post(url("event_speak", event), {"topic": "  "})
    assert response.status_code == 200
    assert field_errors(response, "topic")
    typed = "fala " * 80
    response = citizen_client.post(url("event_speak", event), {"topic": typed})
    assert field_errors(response, "topic")
    assert typed.strip() in response.content.decode()
    assert not SpeakerRequest.objects.exists()


def test_no_speaking_when_the_event_takes_no_speakers(citizen_client, citizen):
    event = EventFactory(accepts_speakers=False)
    registration_create(event_id=event.pk, user=citizen)
    response = citizen_client.post(
        url("event_speak", event), {"topic": "Algo"}, follow=True
    )
    assert "não está recebendo inscrições para falar" in flashed(response)
    assert not SpeakerRequest.objects.exists()


# Written contributions
# ------------------------------------------------------------------------------


def test_citizen_sends_a_written_contribution(citizen_client, citizen, event):
    response = citizen_client.post(
        url("event_contribute", event),
        {"text": "Proponho audiências também aos sábados."},
        follow=True,
    )
    contribution = Contribution.objects.get(event=event)
    assert contribution.author == citizen
    assert "Proponho audiências também aos sábados." in text_of(response)
    assert response.redirect_chain[-1][0].endswith(f"#contribuicao-{contribution.pk}")


def test_script_in_a_contribution_is_shown_as_text(citizen_client, event):
    citizen_client.post(
        url("event_contribute", event),
        {"text": "Olá <script>alert('x')</script> <b>negrito</b>"},
    )
    assert Contribution.objects.filter(event=event).exists()
    html = citizen_client.get(url("event_detail", event)).content.decode()
    assert "<script>alert" not in html
    assert "<b>negrito</b>" not in html
    assert "&lt;b&gt;negrito&lt;/b&gt;" in html


def test_overlong_contribution_shows_an_error_and_keeps_the_text(citizen_client, event):
    from consultations.forms.consultations import TEXT_LIMIT

    typed = "a" * (TEXT_LIMIT + 1)
    response = citizen_client.post(url("event_contribute", event), {"text": typed})
    assert response.status_code == 200
    assert field_errors(response, "text")
    assert typed in response.content.decode()
    assert not Contribution.objects.exists()


def test_no_contributions_once_the_minutes_are_published(citizen_client):
    event = EventFactory(
        status=E.CONCLUDED, starts_at=timezone.now() - dt.timedelta(days=2)
    )
    response = citizen_client.post(
        url("event_contribute", event), {"text": "Tarde demais"}, follow=True
    )
    assert "não recebe mais contribuições" in flashed(response)
    assert not Contribution.objects.exists()


# Query counts
# ------------------------------------------------------------------------------


def _fill(event, count, user_factory):
    people = [user_factory() for _ in range(count)]
    for person in people:
        registration_create(event_id=event.pk, user=person)
        speaker_request_create(
            event_id=event.pk, user=person, topic="Tema", show_name=True
        )
        ContributionFactory(consultation=None, event=event, author=person)
    return people


@pytest.mark.parametrize("viewer", ["anonymous", "registered"])
def test_event_page_queries_do_not_grow(client, user_factory, viewer, settings):
    settings.CIVIC_PAGE_CACHE_URL_NAMES = set()
    small = EventFactory(capacity=500)
    large = EventFactory(capacity=500)
    small_people = _fill(small, 3, user_factory)
    large_people = _fill(large, 40, user_factory)
    if viewer == "registered":
        # Someone on both lists, so their own state is rendered too.
        person = user_factory()
        for event in (small, large):
            registration_create(event_id=event.pk, user=person)
        client.force_login(person)
    assert small_people
    assert large_people
    client.get(url("event_detail", small))
    with CaptureQueriesContext(connection) as few:
        client.get(url("event_detail", small))
    with CaptureQueriesContext(connection) as many:
        client.get(url("event_detail", large))
    assert len(many) == len(few)
    assert len(many) <= 25

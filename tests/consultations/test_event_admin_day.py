"""An event's day in the admin: the attendance list with check-in, its printable
and CSV versions, the speaker list, and contributions recorded at the event."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import (
    Contribution,
    Registration,
    SpeakerRequest,
)
from tests.consultations.admin_support import (
    draft,
    local,
    messages_of,
    past_event,
    url,
)
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# Attendance
# ------------------------------------------------------------------------------


@pytest.fixture
def at_the_door(user_factory):
    event = EventFactory(capacity=2, starts_at=timezone.now() + dt.timedelta(hours=1))
    ana = RegistrationFactory(
        event=event,
        user=user_factory(
            full_name="Ana Souza", cpf="52998224725", phone="31988887777"
        ),
    )
    bruno = RegistrationFactory(event=event, user=user_factory(full_name="Bruno Lima"))
    carla = RegistrationFactory(
        event=event,
        user=user_factory(full_name="Carla Dias"),
        status=Registration.Status.WAITLISTED,
    )
    RegistrationFactory(
        event=event,
        user=user_factory(full_name="Desistente"),
        status=Registration.Status.CANCELLED,
    )
    return event, ana, bruno, carla


def test_attendance_lists_confirmed_then_waiting(staff_client, at_the_door):
    event, ana, _bruno, _carla = at_the_door
    response = staff_client.get(url("attendance", event.pk))
    names = [r.user.full_name for r in response.context["attendance"].registrations]
    assert names == ["Ana Souza", "Bruno Lima", "Carla Dias"]
    content = response.content.decode()
    assert "Desistente" not in content
    assert ana.checkin_code not in content
    assert url("attendance_print", event.pk) in content
    assert url("attendance_csv", event.pk) in content


def test_check_in_right_wrong_and_repeated(staff_client, at_the_door):
    event, ana, *_ = at_the_door
    address = url("attendance", event.pk)
    response = staff_client.post(
        address, {"code": ana.checkin_code.lower()}, follow=True
    )
    assert "Presença de Ana Souza registrada" in " ".join(messages_of(response))
    ana.refresh_from_db()
    first = ana.attended_at
    assert first is not None

    response = staff_client.post(address, {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert "não encontrado" in " ".join(response.context["form"].errors["code"])
    assert response.context["form"]["code"].value() == "ZZZZZZ"

    response = staff_client.post(address, {"code": ana.checkin_code})
    assert response.status_code == 200
    assert "já foi usado" in " ".join(response.context["form"].errors["code"])
    ana.refresh_from_db()
    assert ana.attended_at == first

    response = staff_client.post(address, {"code": ""})
    assert "Digite o código" in " ".join(response.context["form"].errors["code"])


def test_a_code_from_another_event_is_not_found(staff_client, at_the_door):
    event, *_ = at_the_door
    elsewhere = RegistrationFactory(event=EventFactory())
    response = staff_client.post(
        url("attendance", event.pk), {"code": elsewhere.checkin_code}
    )
    assert "não encontrado" in " ".join(response.context["form"].errors["code"])
    elsewhere.refresh_from_db()
    assert elsewhere.attended_at is None


def test_no_check_in_on_a_draft(staff_client):
    event = draft()
    registration = RegistrationFactory(event=event)
    page = staff_client.get(url("attendance", event.pk))
    assert not page.context["can_check_in"]
    response = staff_client.post(
        url("attendance", event.pk), {"code": registration.checkin_code}
    )
    assert response.status_code == 200
    assert "não está publicado" in " ".join(response.context["form"].errors["code"])


def test_attendance_csv(staff_client, at_the_door):
    event, ana, *_ = at_the_door
    staff_client.post(url("attendance", event.pk), {"code": ana.checkin_code})
    ana.refresh_from_db()
    response = staff_client.get(url("attendance_csv", event.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["nome", "situacao", "presenca_registrada_em"],
        ["Ana Souza", "Confirmada", local(ana.attended_at)],
        ["Bruno Lima", "Confirmada", ""],
        ["Carla Dias", "Lista de espera", ""],
    ]
    assert "52998224725" not in text
    assert "31988887777" not in text


def test_printable_list_has_names_only(staff_client, at_the_door):
    event, ana, *_ = at_the_door
    response = staff_client.get(url("attendance_print", event.pk))
    content = response.content.decode()
    assert "Ana Souza" in content
    assert "Carla Dias" in content
    assert "Assinatura" in content
    for private in (
        ana.user.cpf,
        "529.982.247-25",
        ana.user.phone,
        ana.user.email,
        ana.checkin_code,
    ):
        assert private not in content


# Speakers
# ------------------------------------------------------------------------------


def test_speaker_list_with_times_and_marks(staff_client, user_factory):
    event = EventFactory(speaker_minutes=5)
    people = [user_factory(full_name=name) for name in ("Primeira", "Segunda", "Saiu")]
    requests = []
    for n, person in enumerate(people):
        RegistrationFactory(event=event, user=person)
        requests.append(
            SpeakerRequest.objects.create(
                event=event,
                user=person,
                topic=f"Tema {n}",
                created_at=timezone.now() + dt.timedelta(minutes=n),
            )
        )
    SpeakerRequest.objects.filter(pk=requests[2].pk).update(withdrawn_at=timezone.now())
    response = staff_client.get(url("speakers", event.pk))
    speakers = response.context["speakers"]
    assert [s.user.full_name for s in speakers] == ["Primeira", "Segunda"]
    assert speakers[1].slot - speakers[0].slot == dt.timedelta(minutes=5)
    assert speakers[0].slot == event.starts_at
    assert [s.user.full_name for s in response.context["withdrawn"]] == ["Saiu"]

    address = url("speakers", event.pk)
    response = staff_client.post(
        address, {"request": requests[1].pk, "spoke": "1"}, follow=True
    )
    assert "Segunda" in " ".join(messages_of(response))
    assert SpeakerRequest.objects.get(pk=requests[1].pk).spoke_at is not None
    staff_client.post(address, {"request": requests[1].pk, "spoke": "0"})
    assert SpeakerRequest.objects.get(pk=requests[1].pk).spoke_at is None

    response = staff_client.post(
        address, {"request": requests[2].pk, "spoke": "1"}, follow=True
    )
    assert "saiu da lista" in " ".join(messages_of(response))
    other = SpeakerRequest.objects.create(
        event=EventFactory(), user=people[0], topic="Outro evento"
    )
    for bad in (other.pk, "abc", ""):
        response = staff_client.post(
            address, {"request": bad, "spoke": "1"}, follow=True
        )
        assert "não encontrada" in " ".join(messages_of(response))
    assert SpeakerRequest.objects.get(pk=other.pk).spoke_at is None


# Contributions
# ------------------------------------------------------------------------------


def test_edit_page_links_to_the_event_contributions(staff_client):
    event = past_event()
    mine = ContributionFactory(consultation=None, event=event)
    ContributionFactory(consultation=None, event=EventFactory())
    ContributionFactory()
    page = staff_client.get(url("edit", event.pk))
    link = reverse("consultations_contributions:index") + f"?event={event.pk}"
    assert link in page.content.decode()
    listing = staff_client.get(link)
    assert {c.pk for c in listing.context["object_list"]} == {mine.pk}


def test_record_an_oral_contribution(staff_client, staff_user):
    event = past_event()
    address = url("record_contribution", event.pk)
    response = staff_client.post(
        address,
        {
            "channel": "oral",
            "author_label": "José, Associação do Bairro Angola",
            "show_name": "on",
            "text": "Pediu ciclovia na Av. Amazonas.",
        },
        follow=True,
    )
    contribution = Contribution.objects.get()
    assert (
        contribution.event,
        contribution.channel,
        contribution.author_label,
        contribution.show_name,
        contribution.author,
    ) == (
        event,
        Contribution.Channel.ORAL,
        "José, Associação do Bairro Angola",
        True,
        None,
    )
    assert contribution.recorded_by == staff_user
    assert "Contribuição registrada" in " ".join(messages_of(response))
    inspect = staff_client.get(f"/admin/participacao/contribuicoes/{contribution.pk}/")
    assert f"registrada por {staff_user.display_name}" in inspect.content.decode()
    assert (
        reverse("consultations_contributions:inspect", args=[contribution.pk])
        in response.content.decode()
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"channel": "oral", "text": ""}, "text", "Escreva a contribuição"),
        (
            {"channel": "oral", "show_name": "on", "text": "Fala"},
            "author_label",
            "escreva-o",
        ),
        ({"channel": "online", "text": "Fala"}, "channel", ""),
    ],
)
def test_record_bad_input(staff_client, data, field, message):
    event = past_event()
    response = staff_client.post(url("record_contribution", event.pk), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Contribution.objects.exists()


def test_oral_contributions_only_once_the_event_started(staff_client):
    event = EventFactory()
    response = staff_client.post(
        url("record_contribution", event.pk),
        {"channel": "oral", "text": "Ainda não começou"},
    )
    assert response.status_code == 200
    assert "a partir do início" in " ".join(response.context["form"].errors["channel"])
    assert response.context["form"]["text"].value() == "Ainda não começou"
    assert not Contribution.objects.exists()

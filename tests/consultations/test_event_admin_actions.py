"""The workflow actions on an event in the admin: publish (with the short-notice
justification), reschedule, cancel and conclude, the refusals, and the history
they leave."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from civic.notifications.models import Notification
from consultations.models import (
    Contribution,
    Event,
    EventLog,
    Registration,
)
from tests.consultations.admin_support import (
    LOCAL,
    E,
    action_url,
    draft,
    event_data,
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


# Workflow actions
# ------------------------------------------------------------------------------


def test_publish_with_enough_notice(staff_client, staff_user):
    event = draft()
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert 'data-workflow-action="publish"' in page
    assert 'name="short_notice_reason"' not in page
    response = staff_client.post(action_url(event, "publish"), {}, follow=True)
    assert "publicado" in " ".join(messages_of(response))
    event.refresh_from_db()
    assert (event.status, event.short_notice_reason) == (E.PUBLISHED, "")
    assert event.log.filter(action="publish", actor=staff_user).exists()


def test_short_notice_needs_a_justification(staff_client, staff_user):
    event = draft(starts_at=timezone.now() + dt.timedelta(days=3))
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert 'name="short_notice_reason"' in page
    assert "prazo mínimo de divulgação é de 15 dias" in page

    response = staff_client.post(
        action_url(event, "publish"), {"short_notice_reason": "  "}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Justifique" in " ".join(form.errors["short_notice_reason"])
    assert "prazo mínimo de divulgação" in response.content.decode()
    event.refresh_from_db()
    assert event.status == E.DRAFT
    assert not event.log.filter(action="publish").exists()

    reason = "Decisão judicial fixou a data da audiência."
    response = staff_client.post(
        action_url(event, "publish"), {"short_notice_reason": reason}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.short_notice_reason) == (E.PUBLISHED, reason)
    entry = event.log.get(action="publish")
    assert (entry.note, entry.actor) == (reason, staff_user)
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert "data-history" in page
    assert reason in page
    assert "Publicação" in page


def test_actions_appear_only_when_allowed(staff_client):
    event = draft()
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert 'data-workflow-action="cancel"' not in page
    response = staff_client.get(action_url(event, "conclude"), follow=True)
    assert "Não é possível" in " ".join(messages_of(response))
    response = staff_client.post(
        action_url(event, "cancel"), {"reason": "Chuva"}, follow=True
    )
    assert "Não é possível" in " ".join(messages_of(response))
    assert Event.objects.get(pk=event.pk).status == E.DRAFT
    assert staff_client.get(action_url(event, "destroy")).status_code == 404
    published = EventFactory()
    page = staff_client.get(url("edit", published.pk)).content.decode()
    for action in ("reschedule", "cancel"):
        assert f'data-workflow-action="{action}"' in page
    assert 'data-workflow-action="publish"' not in page
    # The ata comes after the event; a cancellation only before it is over.
    assert 'data-workflow-action="conclude"' not in page
    response = staff_client.get(action_url(published, "conclude"), follow=True)
    assert "ainda não terminou" in " ".join(messages_of(response))
    held = past_event()
    page = staff_client.get(url("edit", held.pk)).content.decode()
    assert 'data-workflow-action="conclude"' in page
    assert 'data-workflow-action="cancel"' not in page
    response = staff_client.post(
        action_url(held, "cancel"), {"reason": "Chuva"}, follow=True
    )
    assert "publique a ata" in " ".join(messages_of(response))
    assert Event.objects.get(pk=held.pk).status == E.PUBLISHED


def test_reschedule_tells_the_people_registered(staff_client, staff_user):
    event = EventFactory()
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    page = staff_client.get(action_url(event, "reschedule")).content.decode()
    assert local(event.starts_at) in page
    start = timezone.localtime(event.starts_at) + dt.timedelta(days=7)
    response = staff_client.post(
        action_url(event, "reschedule"),
        {
            "starts_at": start.strftime(LOCAL),
            "ends_at": (start + dt.timedelta(hours=2)).strftime(LOCAL),
            "reason": "O auditório estará em obras.",
        },
        follow=True,
    )
    assert "remarcado" in " ".join(messages_of(response))
    event.refresh_from_db()
    assert local(event.starts_at) == start.strftime(LOCAL)
    assert event.schedule_version == 2
    entry = event.log.get(action="reschedule")
    assert "O auditório estará em obras." in entry.note
    assert entry.actor == staff_user
    told = set(
        Notification.objects.filter(key=f"event:{event.pk}:schedule:2").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {confirmed.user_id, waiting.user_id}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "starts_at": "2031-05-01 10:00",
                "ends_at": "2031-05-01 09:00",
                "reason": "x",
            },
            "ends_at",
            "depois do início",
        ),
        (
            {
                "starts_at": "2031-05-01 10:00",
                "ends_at": "2031-05-01 12:00",
                "reason": "",
            },
            "reason",
            "motivo",
        ),
        (
            {
                "starts_at": "2020-05-01 10:00",
                "ends_at": "2020-05-01 12:00",
                "reason": "x",
            },
            "starts_at",
            "já passou",
        ),
    ],
)
def test_reschedule_bad_input(staff_client, data, field, message):
    event = EventFactory()
    before = event.starts_at
    response = staff_client.post(action_url(event, "reschedule"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["reason"].value() == data["reason"]
    event.refresh_from_db()
    assert event.starts_at == before


def test_reschedule_to_a_close_date_needs_a_justification(staff_client):
    event = EventFactory()
    start = timezone.localtime() + dt.timedelta(days=2)
    data = {
        "starts_at": start.strftime(LOCAL),
        "ends_at": (start + dt.timedelta(hours=2)).strftime(LOCAL),
        "reason": "Antecipada a pedido do conselho.",
    }
    response = staff_client.post(action_url(event, "reschedule"), data)
    assert response.status_code == 200
    assert "prazo mínimo de divulgação" in " ".join(
        response.context["form"].errors["short_notice_reason"]
    )
    data["short_notice_reason"] = "Prazo do conselho."
    assert staff_client.post(action_url(event, "reschedule"), data).status_code == 302
    event.refresh_from_db()
    assert event.short_notice_reason == "Prazo do conselho."


def test_cancel_needs_a_reason(staff_client, staff_user):
    event = EventFactory()
    RegistrationFactory(event=event)
    response = staff_client.post(action_url(event, "cancel"), {"reason": ""})
    assert response.status_code == 200
    assert "motivo do cancelamento" in " ".join(
        response.context["form"].errors["reason"]
    )
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED
    response = staff_client.post(
        action_url(event, "cancel"), {"reason": "Falta de energia no bairro."}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == (
        E.CANCELLED,
        "Falta de energia no bairro.",
    )
    assert event.log.filter(action="cancel", actor=staff_user).exists()


def test_conclude_publishes_the_minutes(staff_client):
    event = past_event()
    present = RegistrationFactory(event=event, attended_at=timezone.now())
    RegistrationFactory(event=event)
    page = staff_client.get(action_url(event, "conclude"))
    assert page.context["form"]["attendance_count"].value() == 1
    assert present.attended_at
    response = staff_client.post(
        action_url(event, "conclude"),
        {
            "minutes": "Abertura às 19h. Falaram 12 pessoas.",
            "recording_url": "youtube.com/watch?v=abc",
            "attendance_count": "35",
        },
        follow=True,
    )
    assert "Ata" in " ".join(messages_of(response))
    event.refresh_from_db()
    assert (event.status, event.recording_url, event.attendance_count) == (
        E.CONCLUDED,
        "https://youtube.com/watch?v=abc",
        35,
    )
    assert event.minutes.startswith("Abertura")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"minutes": ""}, "minutes", "Escreva a ata"),
        (
            {"minutes": "Ata", "recording_url": "não é link"},
            "recording_url",
            "https://",
        ),
        ({"minutes": "Ata", "attendance_count": "-1"}, "attendance_count", "zero"),
    ],
)
def test_conclude_bad_input(staff_client, data, field, message):
    event = past_event()
    response = staff_client.post(action_url(event, "conclude"), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["form"]["minutes"].value() == data["minutes"]
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


def test_conclude_waits_for_the_event_and_the_answers(staff_client):
    upcoming = EventFactory()
    response = staff_client.post(
        action_url(upcoming, "conclude"), {"minutes": "Ata"}, follow=True
    )
    assert "ainda não terminou" in " ".join(messages_of(response))
    assert Event.objects.get(pk=upcoming.pk).status == E.PUBLISHED
    event = past_event()
    ContributionFactory(consultation=None, event=event)
    response = staff_client.post(action_url(event, "conclude"), {"minutes": "Ata"})
    assert response.status_code == 200
    assert "sem resposta" in " ".join(response.context["form"].non_field_errors())
    assert f"?event={event.pk}&amp;answered=no" in response.content.decode()
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


def test_event_log_records_every_step(staff_client, staff_user):
    staff_client.post(url("add"), event_data())
    event = Event.objects.get()
    staff_client.post(action_url(event, "publish"), {})
    staff_client.post(action_url(event, "cancel"), {"reason": "Greve"})
    assert list(
        EventLog.objects.filter(event=event)
        .order_by("pk")
        .values_list("action", "from_status", "to_status", "note")
    ) == [
        ("create", "draft", "draft", ""),
        ("publish", "draft", "published", ""),
        ("cancel", "published", "cancelled", "Greve"),
    ]
    page = staff_client.get(url("edit", event.pk)).content.decode()
    assert "Cancelamento" in page
    assert staff_user.display_name in page


def test_answer_in_the_contributions_admin_then_conclude(staff_client):
    event = past_event()
    contribution = ContributionFactory(consultation=None, event=event)
    inspect = reverse("consultations_contributions:inspect", args=[contribution.pk])
    staff_client.post(
        inspect,
        {"action": "answer", "answer": "accepted", "answer_text": "Incluído no plano."},
    )
    assert Contribution.objects.get(pk=contribution.pk).answer == "accepted"
    response = staff_client.post(action_url(event, "conclude"), {"minutes": "Ata."})
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == E.CONCLUDED

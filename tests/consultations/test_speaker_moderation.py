"""Moderation of the public speaker list: topics hidden with a public reason,
staff withdrawal with a logged reason, and pre-moderation per event
(consultations/services/moderation.py, registrations.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from consultations import services
from consultations.models import EventLog, SpeakerRequest
from consultations.selectors.events import speaker_list
from tests.factories.consultations import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

M = SpeakerRequest.Moderation


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def speaker(event, citizen):
    RegistrationFactory(event=event, user=citizen)
    return services.speaker_request_create(
        event_id=event.pk, user=citizen, topic="Quero falar de xingamentos"
    )


def _public_page(client, event) -> str:
    return client.get(event.get_absolute_url()).content.decode()


def test_a_moderator_hides_a_topic_with_a_public_reason(
    client, event, speaker, moderator
):
    services.speaker_topic_moderate(
        request_id=speaker.pk, by=moderator, action="hide", reason="Ofensivo."
    )
    speaker.refresh_from_db()
    assert speaker.moderation == M.HIDDEN
    assert speaker.moderated_by == moderator
    [line] = speaker_list(event)
    assert "xingamentos" not in line.topic
    assert "Ofensivo." in line.topic
    page = _public_page(client, event)
    assert "xingamentos" not in page
    assert "Ofensivo." in page
    log = EventLog.objects.get(event=event, action="moderate_speaker")
    assert log.actor == moderator
    assert log.note == "Ofensivo."
    assert log.data["speaker_request"] == speaker.pk

    services.speaker_topic_moderate(
        request_id=speaker.pk, by=moderator, action="publish"
    )
    assert "xingamentos" in speaker_list(event)[0].topic


def test_hiding_needs_a_reason(speaker, moderator):
    with pytest.raises(ValidationError) as error:
        services.speaker_topic_moderate(
            request_id=speaker.pk, by=moderator, action="hide", reason=" "
        )
    assert "reason" in error.value.message_dict


@pytest.mark.parametrize("role", ["citizen", "anonymous"])
def test_only_moderators_moderate_topics(speaker, role, citizen):
    from django.contrib.auth.models import AnonymousUser

    person = citizen if role == "citizen" else AnonymousUser()
    with pytest.raises(PermissionDenied):
        services.speaker_topic_moderate(
            request_id=speaker.pk, by=person, action="hide", reason="x"
        )


def test_staff_withdraw_a_speaker_with_a_logged_reason(event, speaker, staff_user):
    with pytest.raises(ValidationError) as error:
        services.speaker_request_withdraw(request_id=speaker.pk, by=staff_user)
    assert "reason" in error.value.message_dict
    services.speaker_request_withdraw(
        request_id=speaker.pk, by=staff_user, reason="Fala fora do tema da audiência."
    )
    speaker.refresh_from_db()
    assert speaker.withdrawn_at is not None
    assert speaker.withdrawal_reason == "Fala fora do tema da audiência."
    log = EventLog.objects.get(event=event, action="withdraw_speaker")
    assert (log.actor, log.note) == (staff_user, "Fala fora do tema da audiência.")
    assert speaker_list(event) == []


def test_the_person_leaves_without_giving_a_reason(event, speaker, citizen):
    services.speaker_request_withdraw(request_id=speaker.pk, by=citizen)
    speaker.refresh_from_db()
    assert speaker.withdrawn_at is not None
    assert not EventLog.objects.filter(action="withdraw_speaker").exists()


def test_premoderated_topics_wait_for_a_moderator(
    client, citizen, moderator, django_capture_on_commit_callbacks
):
    event = EventFactory(premoderation=True)
    RegistrationFactory(event=event, user=citizen)
    speaker = services.speaker_request_create(
        event_id=event.pk, user=citizen, topic="Tema ainda não aprovado"
    )
    assert speaker.moderation == M.PENDING
    [line] = speaker_list(event)
    assert "Tema ainda não aprovado" not in line.topic
    assert "Tema ainda não aprovado" not in _public_page(client, event)
    with django_capture_on_commit_callbacks(execute=True):  # the page cache
        services.speaker_topic_moderate(
            request_id=speaker.pk, by=moderator, action="publish"
        )
    assert "Tema ainda não aprovado" in _public_page(client, event)


def test_the_admin_speaker_page_hides_and_withdraws(client, event, speaker, staff_user):
    from django.contrib.auth.models import Group

    staff_user.groups.add(Group.objects.get(name="Moderação"))
    client.force_login(staff_user)
    address = reverse("consultations_events:speakers", args=[event.pk])
    client.post(
        address, {"request": speaker.pk, "op": "hide", "reason": "Discurso de ódio."}
    )
    speaker.refresh_from_db()
    assert (speaker.moderation, speaker.moderation_reason) == (
        M.HIDDEN,
        "Discurso de ódio.",
    )
    client.post(
        address,
        {"request": speaker.pk, "op": "withdraw", "reason": "Pediu por telefone."},
    )
    speaker.refresh_from_db()
    assert speaker.withdrawal_reason == "Pediu por telefone."

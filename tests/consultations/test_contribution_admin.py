"""Contributions in the Wagtail admin: the list with its filters, the
devolutiva (to consultations and to events), moderation, and the queue."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import (
    Contribution,
    Event,
)
from tests.consultations.admin_support import listed, messages_of, past_event
from tests.consultations.consultation_support import (
    S,
    consultation_with_text,
    device,
)
from tests.factories.consultations import ContributionFactory, EventFactory

pytestmark = pytest.mark.django_db

C = Contribution


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# Contributions and the devolutiva
# ------------------------------------------------------------------------------


def contributions_url(**params):
    url = reverse("consultations_contributions:index")
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def inspect_url(contribution, viewset="consultations_contributions"):
    return reverse(f"{viewset}:inspect", args=[contribution.pk])


def test_contributions_filters(staff_client, user_factory):
    closed = consultation_with_text(S.CLOSED)
    other = consultation_with_text(S.CLOSED)
    paragraph = device(closed, "art-2-par-2")
    on_device = ContributionFactory(
        consultation=closed, device=paragraph, position="agree"
    )
    answered = ContributionFactory(
        consultation=closed, answer="accepted", answer_text="Ok."
    )
    hidden = ContributionFactory(consultation=closed, moderation=C.Moderation.HIDDEN)
    reported = ContributionFactory(consultation=closed)
    services.report_abuse(
        contribution_id=reported.pk, user=user_factory(), reason="spam"
    )
    reply = ContributionFactory(consultation=closed, parent=answered)
    elsewhere = ContributionFactory(consultation=other)

    everything = {on_device.pk, answered.pk, hidden.pk, reported.pk, reply.pk}
    assert listed(staff_client.get(contributions_url(consultation=closed.pk))) == (
        everything
    )
    assert elsewhere.pk in listed(staff_client.get(contributions_url()))
    assert listed(
        staff_client.get(contributions_url(consultation=closed.pk, device=paragraph.pk))
    ) == {on_device.pk}
    assert listed(
        staff_client.get(contributions_url(consultation=closed.pk, moderation="hidden"))
    ) == {hidden.pk}
    assert listed(
        staff_client.get(
            contributions_url(consultation=closed.pk, answered="no", kind="top")
        )
    ) == {on_device.pk, hidden.pk, reported.pk}
    assert listed(
        staff_client.get(contributions_url(consultation=closed.pk, answered="yes"))
    ) == {answered.pk}
    assert listed(
        staff_client.get(contributions_url(consultation=closed.pk, reported="open"))
    ) == {reported.pk}


def test_answer_and_go_to_the_next_unanswered(staff_client, staff_user):
    closed = consultation_with_text(S.CLOSED)
    first = ContributionFactory(consultation=closed)
    second = ContributionFactory(consultation=closed)
    page = staff_client.get(inspect_url(first))
    assert 'data-contribution-action="answer"' in page.content.decode()
    response = staff_client.post(
        inspect_url(first),
        {
            "action": "answer",
            "answer": "not_accepted",
            "answer_text": "Contraria a LOM.",
        },
    )
    assert response["Location"] == inspect_url(second)
    first.refresh_from_db()
    assert (first.answer, first.answer_text, first.answered_by) == (
        "not_accepted",
        "Contraria a LOM.",
        staff_user,
    )


def test_answer_needs_its_justification(staff_client):
    closed = consultation_with_text(S.CLOSED)
    contribution = ContributionFactory(consultation=closed)
    response = staff_client.post(
        inspect_url(contribution), {"action": "answer", "answer": "accepted"}
    )
    assert response.status_code == 200
    form = response.context["answer_form"]
    assert "Escreva a justificativa" in " ".join(form.errors["answer_text"])
    assert form["answer"].value() == "accepted"
    assert Contribution.objects.get(pk=contribution.pk).answer == ""


def test_no_answer_while_open(staff_client):
    contribution = ContributionFactory(consultation=consultation_with_text(S.OPEN))
    page = staff_client.get(inspect_url(contribution))
    assert not page.context["can_answer"]
    assert "depois do encerramento" in page.content.decode()
    response = staff_client.post(
        inspect_url(contribution),
        {"action": "answer", "answer": "accepted", "answer_text": "Cedo demais."},
    )
    assert response.status_code == 200
    assert "depois do encerramento" in " ".join(
        response.context["answer_form"].non_field_errors()
    )
    assert Contribution.objects.get(pk=contribution.pk).answer == ""


def test_hide_needs_a_reason_then_hides(staff_client):
    contribution = ContributionFactory(consultation=consultation_with_text(S.OPEN))
    response = staff_client.post(
        inspect_url(contribution), {"action": "hide", "reason": ""}
    )
    assert response.status_code == 200
    assert "motivo" in " ".join(response.context["moderation_form"].errors["reason"])
    staff_client.post(
        inspect_url(contribution), {"action": "hide", "reason": "Propaganda."}
    )
    contribution.refresh_from_db()
    assert (contribution.moderation, contribution.moderation_reason) == (
        "hidden",
        "Propaganda.",
    )


# Contributions to events (hearings, forums)
# ------------------------------------------------------------------------------


def event_contribution(event, **kwargs):
    return ContributionFactory(consultation=None, event=event, **kwargs)


def answer(text="Incluído no plano."):
    return {"action": "answer", "answer": "accepted", "answer_text": text}


def test_event_contribution_shows_the_event_and_links_back_to_it(staff_client):
    event = past_event(title="Audiência do Plano Diretor")
    mine = event_contribution(event)
    event_contribution(EventFactory())
    ContributionFactory()
    page = staff_client.get(inspect_url(mine))
    html = page.content.decode()
    assert page.context["event"] == event
    assert "Audiência pública: " in html
    assert "Audiência do Plano Diretor" in html
    starts = timezone.localtime(event.starts_at).strftime("%d/%m/%Y %H:%M")
    assert starts in html
    list_url = contributions_url(event=event.pk)
    assert page.context["list_url"] == list_url
    assert f'href="{list_url.replace("&", "&amp;")}"' in html
    assert "todas as contribuições deste evento" in html
    assert "Dispositivo" not in html  # devices belong to consultations
    edit = reverse("consultations_events:edit", args=[event.pk])
    assert page.context["target_edit_url"] == edit
    assert f'href="{edit}"' in html
    assert "?consultation=" not in html
    # The link lands on this event's contributions only.
    assert listed(staff_client.get(list_url)) == {mine.pk}


def test_consultation_contribution_links_back_to_the_consultation(staff_client):
    closed = consultation_with_text(S.CLOSED)
    contribution = ContributionFactory(consultation=closed)
    page = staff_client.get(inspect_url(contribution))
    assert page.context["event"] is None
    assert page.context["list_url"] == contributions_url(consultation=closed.pk)
    assert page.context["target_edit_url"] == reverse(
        "consultations_admin:edit", args=[closed.pk]
    )
    html = page.content.decode()
    assert "todas as contribuições desta consulta" in html
    assert "Data do evento" not in html


def test_moderators_get_no_links_to_staff_pages(client, moderator):
    contribution = event_contribution(past_event())
    client.force_login(moderator)
    page = client.get(inspect_url(contribution, "consultations_moderation"))
    assert page.status_code == 200
    assert (page.context["list_url"], page.context["target_edit_url"]) == ("", "")
    assert "data-contribution-list" not in page.content.decode()
    # What the links would open is indeed closed to them.
    edit = reverse("consultations_events:edit", args=[contribution.event_id])
    assert client.get(edit).status_code != 200


def test_answer_an_event_contribution_then_the_next_of_the_same_event(staff_client):
    now = timezone.now()
    event = past_event()
    # Older, unanswered, but elsewhere: never next.
    event_contribution(EventFactory(), created_at=now - dt.timedelta(days=3))
    ContributionFactory(
        consultation=consultation_with_text(S.CLOSED),
        created_at=now - dt.timedelta(days=3),
    )
    first = event_contribution(event, created_at=now - dt.timedelta(hours=5))
    event_contribution(
        event,
        created_at=now - dt.timedelta(hours=4),
        answer="accepted",
        answer_text="Ok.",
    )
    event_contribution(
        event, created_at=now - dt.timedelta(hours=4), moderation=C.Moderation.HIDDEN
    )
    event_contribution(event, created_at=now - dt.timedelta(hours=4), parent=first)
    # Created last but written down earlier: the order is the time, not the id.
    later = event_contribution(event, created_at=now - dt.timedelta(hours=2))
    earlier = event_contribution(event, created_at=now - dt.timedelta(hours=3))

    response = staff_client.post(inspect_url(first), answer())
    assert response["Location"] == inspect_url(earlier)
    assert Contribution.objects.get(pk=first.pk).answer == "accepted"
    response = staff_client.post(inspect_url(earlier), answer())
    assert response["Location"] == inspect_url(later)
    response = staff_client.post(inspect_url(later), answer())
    # None left: stay on the one just answered.
    assert response["Location"] == inspect_url(later)
    assert not Contribution.objects.filter(
        event=event, parent=None, answer="", moderation="published"
    ).exists()


@pytest.mark.parametrize(
    ("status", "starts_in", "message"),
    [
        (Event.Status.PUBLISHED, dt.timedelta(days=2), "depois do término do evento"),
        (Event.Status.CANCELLED, -dt.timedelta(days=1), "não recebe respostas"),
        (Event.Status.DRAFT, -dt.timedelta(days=1), "não recebe respostas"),
        (Event.Status.CONCLUDED, -dt.timedelta(days=1), "ata já foi publicada"),
    ],
)
def test_event_contribution_explains_why_it_cannot_be_answered(
    staff_client, status, starts_in, message
):
    start = timezone.now() + starts_in
    event = EventFactory(
        status=status, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    contribution = event_contribution(event)
    page = staff_client.get(inspect_url(contribution))
    html = page.content.decode()
    assert not page.context["can_answer"]
    assert 'data-contribution-action="answer"' not in html
    assert message in page.context["answer_note"]
    assert message in html
    response = staff_client.post(inspect_url(contribution), answer())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Contribution.objects.get(pk=contribution.pk).answer == ""


def test_event_contribution_answered_after_the_event_and_corrected(staff_client):
    contribution = event_contribution(past_event())
    page = staff_client.get(inspect_url(contribution))
    assert page.context["can_answer"]
    assert page.context["answer_note"] == ""
    assert 'data-contribution-action="answer"' in page.content.decode()
    staff_client.post(inspect_url(contribution), answer("Primeira."))
    staff_client.post(inspect_url(contribution), answer("Corrigida."))
    assert Contribution.objects.get(pk=contribution.pk).answer_text == "Corrigida."


def test_pending_and_replies_say_why_there_is_no_answer_form(staff_client):
    event = past_event()
    pending = event_contribution(event, moderation=C.Moderation.PENDING)
    page = staff_client.get(inspect_url(pending))
    assert not page.context["can_answer"]
    assert "Aprove a contribuição" in page.content.decode()
    reply = event_contribution(event, parent=event_contribution(event))
    page = staff_client.get(inspect_url(reply))
    assert not page.context["can_answer"]
    assert "responda à contribuição original" in page.content.decode()


def test_event_contribution_page_queries_do_not_grow(staff_client, user_factory):
    def queries(contribution):
        with CaptureQueriesContext(connection) as captured:
            page = staff_client.get(inspect_url(contribution))
        assert page.status_code == 200
        assert len(page.context["replies"]) == len(page.context["reports"])
        return len(captured)

    def with_replies_and_reports(count):
        event = past_event()
        contribution = event_contribution(event)
        for _ in range(count):
            event_contribution(event, parent=contribution)
            services.report_abuse(
                contribution_id=contribution.pk, user=user_factory(), reason="spam"
            )
        return contribution

    few, many = with_replies_and_reports(1), with_replies_and_reports(5)
    queries(few)  # warm the per-process caches (content types, permissions)
    assert queries(many) == queries(few)


# The moderation queue
# ------------------------------------------------------------------------------


def test_queue_lists_pending_and_reported(client, moderator, user_factory):
    consultation = consultation_with_text(S.OPEN, premoderation=True)
    pending = ContributionFactory(
        consultation=consultation, moderation=C.Moderation.PENDING
    )
    reported = ContributionFactory(consultation=consultation)
    services.report_abuse(
        contribution_id=reported.pk, user=user_factory(), reason="spam"
    )
    ContributionFactory(consultation=consultation)
    client.force_login(moderator)
    response = client.get(reverse("consultations_moderation:index"))
    assert listed(response) == {pending.pk, reported.pk}


def test_moderators_approve_but_do_not_answer(client, moderator):
    closed = consultation_with_text(S.CLOSED, premoderation=True)
    pending = ContributionFactory(consultation=closed, moderation=C.Moderation.PENDING)
    client.force_login(moderator)
    url = inspect_url(pending, "consultations_moderation")
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["can_answer"]
    client.post(url, {"action": "publish"})
    assert Contribution.objects.get(pk=pending.pk).moderation == "published"
    response = client.post(
        url,
        {"action": "answer", "answer": "accepted", "answer_text": "Sem permissão."},
        follow=True,
    )
    assert "permissão" in " ".join(messages_of(response))
    assert Contribution.objects.get(pk=pending.pk).answer == ""

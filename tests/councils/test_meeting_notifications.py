"""Convocation, reminder, new date and cancellation notices: who, once, and
only after commit."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from civic.notifications.models import Notification
from councils.models import Mandate
from councils.notifications import kinds
from councils.services import meetings as svc

from .meeting_helpers import planned

pytestmark = pytest.mark.django_db


def _members(council):
    return set(
        Mandate.objects.filter(council=council, ends_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )


def _told(key):
    return Notification.objects.filter(kind=kinds.CONVOCATION.slug, key=key)


def test_convocation_to_every_titular_and_suplente(council, secretary):
    meeting = planned(council, days=10, items=2)
    svc.convene_meeting(meeting, actor=secretary)
    told = _told(f"meeting-{meeting.pk}-v1")
    assert set(told.values_list("recipient_id", flat=True)) == _members(council)
    assert len(_members(council)) == 12
    context = told.first().context
    assert [item["position"] for item in context["items"]] == [1, 2]
    assert "Pauta:" in context["lines"]
    assert context["council"] == "CMAS"


def test_reminder_due_before_the_meeting(council, secretary, settings):
    meeting = planned(council, days=10)
    svc.convene_meeting(meeting, actor=secretary)
    reminder = _told(f"meeting-{meeting.pk}-v1-reminder").first()
    hours = settings.COUNCILS_MEETING_REMINDER_HOURS
    assert reminder.due_at == meeting.starts_at - dt.timedelta(hours=hours)


def test_no_reminder_when_the_meeting_is_too_close(council, secretary):
    meeting = planned(council, kind="extraordinaria", reason="Urgente", days=0.5)
    svc.convene_meeting(meeting, actor=secretary, short_notice_reason="Prazo legal")
    assert _told(f"meeting-{meeting.pk}-v1").exists()
    assert not _told(f"meeting-{meeting.pk}-v1-reminder").exists()


def test_convocation_is_idempotent(council, secretary):
    from councils.notifications.meetings import meeting_convened

    meeting = svc.convene_meeting(planned(council, days=10), actor=secretary)
    meeting_convened(meeting, actor=secretary)
    assert _told(f"meeting-{meeting.pk}-v1").count() == 12


def test_rescheduling_convenes_again_and_drops_the_old_reminder(council, secretary):
    meeting = svc.convene_meeting(planned(council, days=10), actor=secretary)
    svc.reschedule_meeting(
        meeting,
        actor=secretary,
        starts_at=meeting.starts_at + dt.timedelta(days=2),
        reason="Feriado",
    )
    assert _told(f"meeting-{meeting.pk}-v2").count() == 12
    assert _told(f"meeting-{meeting.pk}-v2-reminder").count() == 12
    assert not _told(f"meeting-{meeting.pk}-v1-reminder").exists()
    assert (
        "mudou de data" in _told(f"meeting-{meeting.pk}-v2").first().context["lines"][0]
    )


def test_cancellation_tells_members_and_drops_the_reminder(council, secretary):
    meeting = svc.convene_meeting(planned(council, days=10), actor=secretary)
    svc.cancel_meeting(meeting, actor=secretary, note="Sem quórum previsto")
    told = _told(f"meeting-{meeting.pk}-cancelled")
    assert told.count() == 12
    assert "Sem quórum previsto" in told.first().context["lines"][1]
    assert not _told(f"meeting-{meeting.pk}-v1-reminder").exists()


def test_cancelling_a_planned_meeting_tells_nobody(council, secretary):
    meeting = planned(council)
    svc.cancel_meeting(meeting, actor=secretary, note="Calendário revisto")
    assert not Notification.objects.exists()


def test_nothing_is_sent_when_the_convocation_rolls_back(
    council, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = planned(council, days=10)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            svc.convene_meeting(meeting, actor=secretary)
            transaction.set_rollback(True)
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_email_leaves_after_commit_with_the_pauta(
    council, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    person = Mandate.objects.filter(council=council).first().person
    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    meeting = planned(council, days=10, items=2)
    with django_capture_on_commit_callbacks(execute=True):
        svc.convene_meeting(meeting, actor=secretary)
    sent = [m for m in mailoutbox if person.email in m.to]
    assert len(sent) == 1
    body = sent[0].body
    assert "Item de pauta" in body
    assert timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y") in body

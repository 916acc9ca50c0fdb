"""Moderation and the devolutiva (services/moderation.py): hide or publish a
contribution, and answer it, with their rules and bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.cache import current_generation
from civic.notifications.models import Notification
from consultations import services
from consultations.models import AbuseReport, Contribution, Event
from tests.consultations.consultation_support import (
    S,
    consultation_with_text,
    errors_of,
)
from tests.factories.consultations import ContributionFactory, EventFactory

pytestmark = pytest.mark.django_db

C = Contribution
REPLIED = "consultations.contribution_update"


@pytest.fixture
def consultation():
    return consultation_with_text(S.OPEN)


# contribution_moderate
# ------------------------------------------------------------------------------


@pytest.fixture
def moderate(django_capture_on_commit_callbacks):
    def run(contribution, by, action, reason=""):
        with django_capture_on_commit_callbacks(execute=True):
            return services.contribution_moderate(
                contribution_id=contribution.pk, by=by, action=action, reason=reason
            )

    return run


def test_hide_with_a_reason(consultation, moderator, moderate, citizen, user_factory):
    contribution = ContributionFactory(consultation=consultation, author=citizen)
    services.report_abuse(
        contribution_id=contribution.pk, user=user_factory(), reason="offensive"
    )
    before = current_generation()
    result = moderate(contribution, moderator, "hide", "Ofensa a outra pessoa.")
    assert result.moderation == C.Moderation.HIDDEN
    assert result.moderation_reason == "Ofensa a outra pessoa."
    assert result.moderated_by == moderator
    assert result.moderated_at is not None
    assert not AbuseReport.objects.filter(resolved_at__isnull=True).exists()
    notice = Notification.objects.get(recipient=citizen, kind=REPLIED)
    assert notice.context["reason"] == "Ofensa a outra pessoa."
    assert current_generation() != before


def test_hiding_needs_a_reason(consultation, moderator, moderate):
    contribution = ContributionFactory(consultation=consultation)
    with pytest.raises(ValidationError) as excinfo:
        moderate(contribution, moderator, "hide", "  ")
    assert "reason" in errors_of(excinfo)
    unchanged = Contribution.objects.get(pk=contribution.pk)
    assert (unchanged.moderation, unchanged.support_count) == ("published", 0)


def test_approve_a_pending_one(consultation, moderator, moderate, citizen):
    contribution = ContributionFactory(
        consultation=consultation, author=citizen, moderation=C.Moderation.PENDING
    )
    assert moderate(contribution, moderator, "publish").moderation == "published"
    assert Notification.objects.filter(recipient=citizen).exists()


def test_keeping_a_reported_one_resolves_the_reports_quietly(
    consultation, moderator, moderate, citizen, user_factory
):
    contribution = ContributionFactory(consultation=consultation, author=citizen)
    services.report_abuse(
        contribution_id=contribution.pk, user=user_factory(), reason="spam"
    )
    moderate(contribution, moderator, "publish")
    assert not AbuseReport.objects.filter(resolved_at__isnull=True).exists()
    assert not Notification.objects.filter(recipient=citizen).exists()


@pytest.mark.parametrize("role", ["citizen", "representative_user"])
def test_only_moderators_moderate(consultation, moderate, role, request, user_factory):
    person = request.getfixturevalue(role) if role == "citizen" else user_factory()
    contribution = ContributionFactory(consultation=consultation)
    with pytest.raises(PermissionDenied):
        moderate(contribution, person, "hide", "Motivo.")


def test_staff_moderate_too(consultation, staff_user, moderate):
    contribution = ContributionFactory(consultation=consultation)
    assert moderate(contribution, staff_user, "hide", "Spam.").is_hidden


# contribution_answer
# ------------------------------------------------------------------------------


def answer(contribution, by, value="partly", text="Acatada em parte: ver art. 2º."):
    return services.contribution_answer(
        contribution_id=contribution.pk, by=by, answer=value, answer_text=text
    )


def test_answer_after_closing_and_correct_it(staff_user):
    contribution = ContributionFactory(consultation=consultation_with_text(S.CLOSED))
    result = answer(contribution, staff_user)
    assert (result.answer, result.answer_text) == (
        "partly",
        "Acatada em parte: ver art. 2º.",
    )
    assert result.answered_by == staff_user
    assert result.answered_at is not None
    assert answer(contribution, staff_user, "accepted", "Acatada.").answer == "accepted"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.OPEN, "depois do encerramento"),
        (S.ANSWERED, "já foi publicado"),
    ],
)
def test_answer_window(status, message, staff_user):
    contribution = ContributionFactory(consultation=consultation_with_text(status))
    with pytest.raises(ValidationError, match=message):
        answer(contribution, staff_user)


def test_replies_are_not_answered(staff_user):
    closed = consultation_with_text(S.CLOSED)
    top = ContributionFactory(consultation=closed)
    with pytest.raises(ValidationError, match="não recebem devolutiva"):
        answer(ContributionFactory(consultation=closed, parent=top), staff_user)


def test_pending_ones_are_moderated_first(staff_user):
    contribution = ContributionFactory(
        consultation=consultation_with_text(S.CLOSED),
        moderation=C.Moderation.PENDING,
    )
    with pytest.raises(ValidationError, match="Modere"):
        answer(contribution, staff_user)


@pytest.mark.parametrize(
    ("value", "text", "field"),
    [
        ("accepted", "  ", "answer_text"),
        ("maybe", "Texto", "answer"),
        ("", "", "answer"),
    ],
)
def test_answer_bad_input(staff_user, value, text, field):
    contribution = ContributionFactory(consultation=consultation_with_text(S.CLOSED))
    with pytest.raises(ValidationError) as excinfo:
        answer(contribution, staff_user, value, text)
    assert field in errors_of(excinfo)


def test_moderators_do_not_answer(moderator):
    contribution = ContributionFactory(consultation=consultation_with_text(S.CLOSED))
    with pytest.raises(PermissionDenied):
        answer(contribution, moderator)


def test_event_contributions_are_answered_after_the_event(staff_user):
    event = EventFactory()
    contribution = ContributionFactory(consultation=None, event=event)
    with pytest.raises(ValidationError, match="término do evento"):
        answer(contribution, staff_user)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=5),
        ends_at=timezone.now() - dt.timedelta(hours=2),
    )
    assert answer(contribution, staff_user).answer == "partly"
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CONCLUDED)
    with pytest.raises(ValidationError, match="ata já foi publicada"):
        answer(contribution, staff_user)

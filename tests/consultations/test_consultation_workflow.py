"""The life of a consultation: every allowed transition and its guards, every
disallowed pair, and the clock that opens, closes and reminds on time."""

import datetime as dt
from itertools import product
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from consultations import services
from consultations.models import Consultation, ConsultationLog, Contribution, Follow
from consultations.services.consultation_workflow import (
    CONSULTATION_TRANSITIONS,
    workflow,
)
from tests.consultations.consultation_support import S, consultation_with_text
from tests.factories.consultations import ContributionFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("America/Sao_Paulo")
UPDATE = "consultations.consultation_update"
ACTIONS = sorted({action for (_status, action) in CONSULTATION_TRANSITIONS})
DISALLOWED = [
    (status, action)
    for status, action in product(S.values, ACTIONS)
    if (status, action) not in CONSULTATION_TRANSITIONS
]


def transition(consultation, action, actor=None, **kwargs):
    return services.consultation_transition(
        consultation_id=consultation.pk, action=action, actor=actor, **kwargs
    )


def notified(kind=UPDATE):
    return set(
        Notification.objects.filter(kind=kind).values_list("recipient_id", "key")
    )


# Allowed transitions, one test each
# ------------------------------------------------------------------------------


def test_schedule(staff_user, django_capture_on_commit_callbacks):
    consultation = consultation_with_text(S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        result = transition(consultation, "schedule", staff_user, note="Pronta.")
    assert result.status == S.SCHEDULED
    assert result.published_at is not None
    log = ConsultationLog.objects.filter(consultation=consultation).first()
    assert (log.action, log.from_status, log.to_status, log.actor, log.note) == (
        "schedule",
        S.DRAFT,
        S.SCHEDULED,
        staff_user,
        "Pronta.",
    )


def test_schedule_needs_devices(staff_user):
    consultation = Consultation.objects.get(pk=consultation_with_text(S.DRAFT).pk)
    consultation.devices.all().delete()
    with pytest.raises(ValidationError, match="dispositivos"):
        transition(consultation, "schedule", staff_user)
    assert Consultation.objects.get(pk=consultation.pk).status == S.DRAFT


def test_schedule_needs_a_closing_date_ahead(staff_user):
    consultation = consultation_with_text(
        S.DRAFT,
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="encerramento"):
        transition(consultation, "schedule", staff_user)


def test_unschedule(staff_user):
    consultation = consultation_with_text(S.SCHEDULED)
    assert transition(consultation, "unschedule", staff_user).status == S.DRAFT


def test_open_by_the_clock_tells_followers(
    user_factory, django_capture_on_commit_callbacks
):
    consultation = consultation_with_text(S.SCHEDULED)
    follower = user_factory()
    Follow.objects.create(user=follower, consultation=consultation)
    area_follower = user_factory()
    Follow.objects.create(user=area_follower, policy_area=consultation.policy_area)
    with django_capture_on_commit_callbacks(execute=True):
        result = transition(consultation, "open")
    assert result.status == S.OPEN
    assert (follower.pk, f"consultation:{consultation.pk}:open") in notified()
    assert (area_follower.pk, f"consultation:{consultation.pk}:new") in notified(
        "consultations.new_in_followed"
    )


def test_close_by_the_clock():
    consultation = consultation_with_text(S.OPEN)
    assert transition(consultation, "close").status == S.CLOSED
    log = ConsultationLog.objects.filter(consultation=consultation).first()
    assert log.actor is None


def test_publish_report_tells_followers_and_contributors(
    staff_user, user_factory, django_capture_on_commit_callbacks
):
    consultation = consultation_with_text(S.CLOSED)
    contributor = user_factory()
    ContributionFactory(
        consultation=consultation,
        author=contributor,
        answer="accepted",
        answer_text="Incluído no texto final.",
    )
    follower = user_factory()
    Follow.objects.create(user=follower, consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        result = transition(consultation, "publish_report", staff_user)
    assert result.status == S.ANSWERED
    assert result.report_published_at is not None
    key = f"consultation:{consultation.pk}:report"
    assert {(contributor.pk, key), (follower.pk, key)} <= notified()


def test_publish_report_needs_every_contribution_answered(staff_user):
    consultation = consultation_with_text(S.CLOSED)
    ContributionFactory(consultation=consultation, answer="accepted", answer_text="Ok")
    ContributionFactory(consultation=consultation)
    ContributionFactory(consultation=consultation)
    with pytest.raises(ValidationError, match="2 contribuições sem resposta"):
        transition(consultation, "publish_report", staff_user)


def test_removed_contributions_and_replies_need_no_answer(staff_user):
    consultation = consultation_with_text(S.CLOSED)
    top = ContributionFactory(
        consultation=consultation, answer="accepted", answer_text="Ok"
    )
    ContributionFactory(consultation=consultation, parent=top)
    ContributionFactory(
        consultation=consultation, moderation=Contribution.Moderation.HIDDEN
    )
    assert transition(consultation, "publish_report", staff_user).status == S.ANSWERED


# Who may act
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["citizen", "moderator"])
def test_only_staff_move_a_consultation(role, request):
    person = request.getfixturevalue(role)
    consultation = consultation_with_text(S.DRAFT)
    with pytest.raises(PermissionDenied):
        transition(consultation, "schedule", person)


@pytest.mark.parametrize("action", ["schedule", "unschedule", "publish_report"])
def test_the_clock_only_opens_and_closes(action):
    status = {"schedule": S.DRAFT, "unschedule": S.SCHEDULED}.get(action, S.CLOSED)
    consultation = consultation_with_text(status)
    with pytest.raises(PermissionDenied):
        transition(consultation, action, None)


# Every disallowed pair
# ------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "action"), DISALLOWED)
def test_disallowed(status, action, staff_user):
    consultation = consultation_with_text(status)
    with pytest.raises(services.InvalidTransition):
        transition(consultation, action, staff_user)
    assert Consultation.objects.get(pk=consultation.pk).status == status
    assert not ConsultationLog.objects.filter(consultation=consultation).exists()


def test_there_are_twenty_disallowed_pairs():
    assert len(DISALLOWED) == len(S.values) * len(ACTIONS) - len(
        CONSULTATION_TRANSITIONS
    )


# The clock
# ------------------------------------------------------------------------------

OPENS = dt.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
CLOSES = dt.datetime(2026, 4, 1, 18, 0, tzinfo=TZ)


@pytest.fixture
def scheduled():
    consultation = consultation_with_text(S.SCHEDULED, opens_at=OPENS, closes_at=CLOSES)
    return consultation


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    def run(when):
        with (
            time_machine.travel(when, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return services.consultations_tick()

    return run


def status_of(consultation):
    return Consultation.objects.get(pk=consultation.pk).status


def test_opens_at_the_opening_time_and_not_before(scheduled, tick):
    assert tick(OPENS - dt.timedelta(minutes=1))["opened"] == 0
    assert status_of(scheduled) == S.SCHEDULED
    assert tick(OPENS)["opened"] == 1
    assert status_of(scheduled) == S.OPEN
    assert tick(OPENS + dt.timedelta(minutes=5))["opened"] == 0


def test_closes_at_the_closing_time_and_not_before(scheduled, tick):
    tick(OPENS)
    assert tick(CLOSES - dt.timedelta(minutes=1))["closed"] == 0
    assert status_of(scheduled) == S.OPEN
    assert tick(CLOSES)["closed"] == 1
    assert status_of(scheduled) == S.CLOSED
    assert tick(CLOSES + dt.timedelta(minutes=5)) == {
        "opened": 0,
        "closed": 0,
        "closing_reminders": 0,
    }


def test_a_late_clock_opens_and_closes_in_one_run(scheduled, tick):
    result = tick(CLOSES + dt.timedelta(hours=1))
    assert (result["opened"], result["closed"]) == (1, 1)
    assert status_of(scheduled) == S.CLOSED
    actions = list(
        ConsultationLog.objects.filter(consultation=scheduled)
        .order_by("created_at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["open", "close"]


def test_closing_reminder_once_a_week_before(scheduled, tick, user_factory, mailoutbox):
    follower = user_factory()
    Follow.objects.create(user=follower, consultation=scheduled)
    tick(OPENS)
    contributor = user_factory()
    ContributionFactory(consultation=scheduled, author=contributor)
    closes_at = Consultation.objects.get(pk=scheduled.pk).closes_at
    key = f"consultation:{scheduled.pk}:closing:{closes_at.isoformat()}"

    tick(CLOSES - dt.timedelta(days=7, minutes=1))
    assert not Notification.objects.filter(key=key).exists()

    tick(CLOSES - dt.timedelta(days=7) + dt.timedelta(minutes=1))
    reminded = set(
        Notification.objects.filter(key=key).values_list("recipient_id", flat=True)
    )
    assert reminded == {follower.pk, contributor.pk}
    sent = len(mailoutbox)

    # A second run, and the following days, send nothing more.
    tick(CLOSES - dt.timedelta(days=7) + dt.timedelta(minutes=6))
    tick(CLOSES - dt.timedelta(days=3))
    assert Notification.objects.filter(key=key).count() == 2
    assert len(mailoutbox) == sent


def test_a_second_run_at_the_same_time_does_nothing(scheduled, tick, user_factory):
    Follow.objects.create(user=user_factory(), consultation=scheduled)
    tick(OPENS)
    before = (
        Notification.objects.count(),
        ConsultationLog.objects.count(),
        status_of(scheduled),
    )
    result = tick(OPENS)
    assert (result["opened"], result["closed"]) == (0, 0)
    assert (
        Notification.objects.count(),
        ConsultationLog.objects.count(),
        status_of(scheduled),
    ) == before


def test_the_beat_task_runs_the_clock(scheduled):
    from consultations.tasks import tick as beat_tick

    with time_machine.travel(OPENS + dt.timedelta(minutes=1), tick=False):
        result = beat_tick()
    assert result["opened"] == 1
    assert status_of(scheduled) == S.OPEN


@pytest.mark.parametrize(
    ("status", "action"), [(S.SCHEDULED, "open"), (S.OPEN, "close")]
)
def test_nobody_takes_the_clock_actions_by_hand(superuser, staff_user, status, action):
    consultation = consultation_with_text(status)
    for person in (superuser, staff_user):
        with pytest.raises(PermissionDenied):
            transition(consultation, action, person)
    assert Consultation.objects.get(pk=consultation.pk).status == status


def test_staff_are_offered_only_their_actions(staff_user, superuser, citizen):
    scheduled = consultation_with_text(S.SCHEDULED)
    assert workflow.staff_actions() == ["schedule", "unschedule", "publish_report"]
    assert workflow.available_actions(scheduled, superuser) == ["unschedule"]
    assert workflow.available_actions(scheduled, staff_user) == ["unschedule"]
    assert workflow.available_actions(scheduled, citizen) == []

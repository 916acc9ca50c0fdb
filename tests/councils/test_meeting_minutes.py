"""The ata: drafted after the meeting, approved at a later held meeting,
published (telling followers and members)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from civic.workflow import InvalidTransition
from councils.models import CouncilFollow, Meeting
from councils.notifications import kinds
from councils.services import minutes as svc
from tests.factories.councils import MeetingFactory

pytestmark = pytest.mark.django_db
S, M = Meeting.Status, Meeting.Minutes


def _held(council, days_ago=40, **fields):
    return MeetingFactory(
        council=council,
        status=S.HELD,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        **fields,
    )


def test_draft_approve_publish(council, secretary):
    meeting, later = _held(council, 40), _held(council, 10)
    svc.draft_minutes(meeting, actor=secretary, text="  Aos dez dias...  ")
    meeting.refresh_from_db()
    assert (meeting.minutes_status, meeting.minutes_text) == (
        M.DRAFT,
        "Aos dez dias...",
    )
    svc.approve_minutes(meeting, actor=secretary, approved_in=later)
    meeting.refresh_from_db()
    assert meeting.minutes_status == M.APPROVED
    assert meeting.minutes_approved_in == later
    svc.publish_minutes(meeting, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.minutes_status == M.PUBLISHED
    assert meeting.minutes_published_at


def test_draft_before_held_is_refused(council, secretary):
    meeting = MeetingFactory(council=council, status=S.CONVENED)
    with pytest.raises(ValidationError):
        svc.draft_minutes(meeting, actor=secretary, text="Texto")


def test_ata_before_meeting_cannot_be_approved(council, secretary):
    meeting = MeetingFactory(council=council, status=S.CONVENED)
    later = _held(council, 1)
    with pytest.raises(ValidationError) as error:
        svc.approve_minutes(meeting, actor=secretary, approved_in=later)
    assert error.value.message_dict["approved_in"] == [
        "Uma ata não pode ser aprovada antes da reunião acontecer."
    ]


def test_draft_needs_text(council, secretary):
    with pytest.raises(ValidationError) as error:
        svc.draft_minutes(_held(council), actor=secretary, text="   ")
    assert "text" in error.value.message_dict


def _drafted(council, secretary):
    meeting = _held(council, 40)
    return svc.draft_minutes(meeting, actor=secretary, text="Ata")


def test_approval_needs_a_later_meeting(council, secretary):
    meeting = _drafted(council, secretary)
    earlier = _held(council, 80)
    with pytest.raises(ValidationError) as error:
        svc.approve_minutes(meeting, actor=secretary, approved_in=earlier)
    assert "posterior" in error.value.message_dict["approved_in"][0]
    with pytest.raises(ValidationError):
        svc.approve_minutes(meeting, actor=secretary, approved_in=meeting)
    with pytest.raises(ValidationError):
        svc.approve_minutes(meeting, actor=secretary, approved_in=None)


def test_approval_needs_a_held_meeting_of_the_same_council(
    council, other_council, secretary
):
    meeting = _drafted(council, secretary)
    upcoming = MeetingFactory(council=council, status=S.CONVENED)
    with pytest.raises(ValidationError) as error:
        svc.approve_minutes(meeting, actor=secretary, approved_in=upcoming)
    assert "ainda não foi realizada" in error.value.message_dict["approved_in"][0]
    foreign = _held(other_council, 5)
    with pytest.raises(ValidationError):
        svc.approve_minutes(meeting, actor=secretary, approved_in=foreign)


def test_publish_before_approval_is_refused(council, secretary):
    meeting = _drafted(council, secretary)
    with pytest.raises(InvalidTransition):
        svc.publish_minutes(meeting, actor=secretary)


def test_other_secretary_cannot_touch_the_ata(council, other_secretary):
    with pytest.raises(PermissionDenied):
        svc.draft_minutes(_held(council), actor=other_secretary, text="x")


def test_approving_candidates(council):
    meeting = _held(council, 40)
    later = _held(council, 10)
    _held(council, 80)
    MeetingFactory(council=council, status=S.CONVENED)
    assert list(svc.approving_candidates(meeting)) == [later]


def test_publication_tells_followers_and_members_once(
    council, secretary, citizen, django_capture_on_commit_callbacks
):
    CouncilFollow.objects.create(council=council, user=citizen)
    meeting = _drafted(council, secretary)
    svc.approve_minutes(meeting, actor=secretary, approved_in=_held(council, 5))
    with django_capture_on_commit_callbacks(execute=True):
        svc.publish_minutes(meeting, actor=secretary)
    told = Notification.objects.filter(
        kind=kinds.PUBLICATIONS.slug, key=f"meeting-{meeting.pk}-minutes"
    )
    members = set(council.mandates.values_list("person_id", flat=True))
    assert set(told.values_list("recipient_id", flat=True)) == members | {citizen.pk}
    assert secretary.pk not in set(told.values_list("recipient_id", flat=True))

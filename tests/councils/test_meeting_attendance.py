"""Attendance per seat, the live quorum (first and second call) and installing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import Attendance, Mandate, Meeting
from councils.services import attendance as svc
from tests.factories.councils import MeetingFactory, SeatFactory

from .meeting_helpers import fill, in_progress, planned, seats

pytestmark = pytest.mark.django_db
A = Attendance.Status


def test_titular_present_picks_the_titular_mandate(council, secretary):
    meeting = in_progress(council)
    seat = seats(council)[0]
    row = svc.record_attendance(meeting, seat, A.TITULAR, secretary)
    assert row.mandate.role == Mandate.Role.TITULAR
    assert row.mandate.seat == seat
    assert row.is_present


def test_suplente_sits_in_for_the_titular(council, secretary):
    meeting = in_progress(council)
    seat = seats(council)[0]
    row = svc.record_attendance(meeting, seat, A.ALTERNATE, secretary)
    assert row.mandate.role == Mandate.Role.ALTERNATE
    assert svc.meeting_quorum(meeting).present == 1


def test_suplente_needs_a_current_suplente(council, secretary):
    meeting = in_progress(council)
    seat = seats(council)[0]
    Mandate.objects.filter(seat=seat, role=Mandate.Role.ALTERNATE).update(
        ends_on=timezone.localdate(), end_reason=Mandate.EndReason.RESIGNATION
    )
    with pytest.raises(ValidationError) as error:
        svc.record_attendance(meeting, seat, A.ALTERNATE, secretary)
    assert "não tem suplente" in error.value.message_dict["status"][0]


def test_seat_without_holder_is_refused(council, secretary):
    meeting = in_progress(council)
    empty = SeatFactory(council=council, label="Assento vago")
    with pytest.raises(ValidationError) as error:
        svc.record_attendance(meeting, empty, A.TITULAR, secretary)
    assert "Assento vago" in error.value.message_dict["status"][0]
    assert "está vago" in error.value.message_dict["status"][0]
    assert not Attendance.objects.exists()


def test_seat_of_another_council_is_refused(council, other_council, secretary):
    meeting = in_progress(council)
    with pytest.raises(ValidationError) as error:
        svc.record_attendance(meeting, seats(other_council)[0], A.TITULAR, secretary)
    assert "seat" in error.value.message_dict


def test_justified_absence_needs_the_justification(council, secretary):
    meeting = in_progress(council)
    seat = seats(council)[0]
    with pytest.raises(ValidationError) as error:
        svc.record_attendance(meeting, seat, A.JUSTIFIED, secretary)
    assert "justification" in error.value.message_dict
    row = svc.record_attendance(meeting, seat, A.JUSTIFIED, secretary, "Doente")
    assert row.justification == "Doente"


def test_unknown_status_is_refused(council, secretary):
    with pytest.raises(ValidationError):
        svc.record_attendance(in_progress(council), seats(council)[0], "xyz", secretary)


def test_a_second_recording_corrects_the_first(council, secretary):
    meeting = in_progress(council)
    seat = seats(council)[0]
    svc.record_attendance(meeting, seat, A.ABSENT, secretary)
    svc.record_attendance(meeting, seat, A.TITULAR, secretary)
    assert Attendance.objects.get(meeting=meeting, seat=seat).status == A.TITULAR


def test_attendance_before_the_day_is_refused(council, secretary):
    meeting = planned(council, days=3, status=Meeting.Status.CONVENED)
    with pytest.raises(ValidationError) as error:
        svc.record_attendance(meeting, seats(council)[0], A.TITULAR, secretary)
    assert "a partir do dia da reunião" in error.value.messages[0]


def test_attendance_on_the_day_before_the_start_is_allowed(council, secretary):
    start = timezone.localtime().replace(hour=23, minute=59, second=0)
    if start <= timezone.now():
        pytest.skip("too close to midnight")
    meeting = MeetingFactory(
        council=council, starts_at=start, status=Meeting.Status.CONVENED
    )
    assert svc.record_attendance(meeting, seats(council)[0], A.TITULAR, secretary)


@pytest.mark.parametrize("status", [Meeting.Status.PLANNED, Meeting.Status.CANCELLED])
def test_attendance_needs_a_convened_or_held_meeting(council, secretary, status):
    meeting = in_progress(council)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        svc.record_attendance(meeting, seats(council)[0], A.TITULAR, secretary)


def test_other_secretary_cannot_record(council, other_secretary):
    with pytest.raises(PermissionDenied):
        svc.record_attendance(
            in_progress(council), seats(council)[0], A.TITULAR, other_secretary
        )


def test_quorum_first_call(council, secretary):
    meeting = in_progress(council, minutes_ago=5)
    fill(meeting, 3, actor=secretary)
    quorum = svc.meeting_quorum(meeting)
    assert (quorum.present, quorum.voting_seats, quorum.required) == (3, 6, 4)
    assert quorum.call == "first"
    assert not quorum.reached


def test_quorum_second_call_after_the_wait(council, secretary):
    meeting = in_progress(council, minutes_ago=31)
    fill(meeting, 2, actor=secretary)
    quorum = svc.meeting_quorum(meeting)
    assert quorum.call == "second"
    assert quorum.required == 2
    assert quorum.reached


def test_inactive_seats_do_not_vote(council, secretary):
    seat = seats(council)[-1]
    seat.is_active = False
    seat.save()
    assert svc.meeting_quorum(in_progress(council)).voting_seats == 5


def test_install_records_the_call(council, secretary):
    meeting = in_progress(council, minutes_ago=40)
    fill(meeting, 2, actor=secretary)
    svc.install(meeting, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.installed_at is not None
    assert meeting.installed_on_call == Meeting.Call.SECOND
    with pytest.raises(ValidationError):
        svc.install(meeting, actor=secretary)


def test_install_without_quorum_is_refused(council, secretary):
    meeting = in_progress(council)
    fill(meeting, 1, actor=secretary)
    with pytest.raises(ValidationError) as error:
        svc.install(meeting, actor=secretary)
    assert "faltam 3" in error.value.messages[0]


def test_install_before_start_is_refused(council, secretary):
    meeting = planned(council, days=1, status=Meeting.Status.CONVENED)
    with pytest.raises(ValidationError):
        svc.install(meeting, actor=secretary, now=timezone.now())


def test_attendance_sheet_lists_every_active_seat(council, secretary):
    meeting = in_progress(council)
    svc.record_attendance(meeting, seats(council)[0], A.ALTERNATE, secretary)
    sheet = svc.attendance_sheet(meeting)
    assert len(sheet) == 6
    assert all(row["titular"] and row["suplente"] for row in sheet)
    recorded = [row for row in sheet if row["attendance"]]
    assert len(recorded) == 1
    assert recorded[0]["attendance"].status == A.ALTERNATE


def test_time_is_checked_with_now(council, secretary):
    meeting = in_progress(council)
    with pytest.raises(ValidationError):
        svc.record_attendance(
            meeting,
            seats(council)[0],
            A.TITULAR,
            secretary,
            now=meeting.starts_at - dt.timedelta(days=2),
        )

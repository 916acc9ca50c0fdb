"""The member area's services: replying to a convocation and justifying an
absence, with their refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councils.models import Attendance, AttendanceReply, Mandate, Meeting, MeetingLog
from councils.selectors.member import member_area
from councils.services.absences import count_absences
from councils.services.replies import (
    can_justify,
    justification_deadline,
    justify_absence,
    reply_to_convocation,
)
from tests.factories.councils import MeetingFactory

pytestmark = pytest.mark.django_db

GO, NO = AttendanceReply.Reply.ATTENDING, AttendanceReply.Reply.ABSENT


def mandate_of(person, council):
    return Mandate.objects.get(person=person, council=council, ends_on__isnull=True)


@pytest.fixture
def convened(council):
    return MeetingFactory(council=council, status=Meeting.Status.CONVENED)


@pytest.fixture
def suplente(council, councillor):
    titular = mandate_of(councillor, council)
    return Mandate.objects.get(seat=titular.seat, role=Mandate.Role.ALTERNATE)


def absence(council, person, *, days_ago=2, status=Attendance.Status.ABSENT):
    meeting = MeetingFactory(
        council=council,
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    mandate = mandate_of(person, council)
    return Attendance.objects.create(
        meeting=meeting, seat=mandate.seat, mandate=mandate, status=status
    )


def test_titular_replies_attending(convened, council, councillor):
    reply = reply_to_convocation(convened, mandate_of(councillor, council), GO, "")
    assert reply.reply == GO
    assert reply.justification == ""


def test_suplente_may_reply(convened, suplente):
    assert reply_to_convocation(convened, suplente, GO, "").mandate == suplente


def test_changing_the_answer_updates_the_same_row(convened, council, councillor):
    mandate = mandate_of(councillor, council)
    reply_to_convocation(convened, mandate, GO, "")
    reply_to_convocation(convened, mandate, NO, "  Consulta médica marcada.  ")
    reply = AttendanceReply.objects.get(meeting=convened, mandate=mandate)
    assert (reply.reply, reply.justification) == (NO, "Consulta médica marcada.")
    assert AttendanceReply.objects.filter(meeting=convened).count() == 1


def test_not_attending_needs_a_justification(convened, council, councillor):
    with pytest.raises(ValidationError) as error:
        reply_to_convocation(convened, mandate_of(councillor, council), NO, "   ")
    assert "justification" in error.value.error_dict
    assert not AttendanceReply.objects.exists()


def test_unknown_reply_is_refused(convened, council, councillor):
    with pytest.raises(ValidationError) as error:
        reply_to_convocation(convened, mandate_of(councillor, council), "talvez", "")
    assert "reply" in error.value.error_dict


@pytest.mark.parametrize(
    "status", [Meeting.Status.PLANNED, Meeting.Status.HELD, Meeting.Status.CANCELLED]
)
def test_reply_needs_a_convened_meeting(council, councillor, status):
    meeting = MeetingFactory(council=council, status=status)
    with pytest.raises(ValidationError) as error:
        reply_to_convocation(meeting, mandate_of(councillor, council), GO, "")
    assert "não está convocada" in error.value.error_dict["reply"][0].message


def test_reply_is_refused_once_the_meeting_started(convened, council, councillor):
    later = convened.starts_at + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        reply_to_convocation(
            convened, mandate_of(councillor, council), GO, "", now=later
        )
    assert "já começou" in error.value.error_dict["reply"][0].message


def test_reply_needs_a_current_mandate_in_that_council(
    convened, council, councillor, other_council
):
    stranger = Mandate.objects.filter(council=other_council).first()
    with pytest.raises(PermissionDenied):
        reply_to_convocation(convened, stranger, GO, "")
    ended = mandate_of(councillor, council)
    Mandate.objects.filter(pk=ended.pk).update(
        ends_on=timezone.localdate(), end_reason=Mandate.EndReason.RESIGNATION
    )
    ended.refresh_from_db()
    with pytest.raises(PermissionDenied):
        reply_to_convocation(convened, ended, GO, "")


def test_absence_is_justified_and_logged(council, councillor):
    row = absence(council, councillor)
    justify_absence(row, "Estava internado.", councillor)
    row.refresh_from_db()
    assert row.status == Attendance.Status.JUSTIFIED
    assert row.justification == "Estava internado."
    log = MeetingLog.objects.get(meeting=row.meeting)
    assert log.action == "justify_absence"
    assert log.actor == councillor
    assert log.data["attendance"] == row.pk


def test_justified_absence_stops_counting(council, councillor):
    rows = [absence(council, councillor, days_ago=days) for days in (30, 20, 3)]
    mandate = mandate_of(councillor, council)
    before = count_absences(mandate)
    assert (before.consecutive, before.alternate, before.at_limit) == (3, 3, True)
    justify_absence(rows[-1], "Viagem a serviço.", councillor)
    after = count_absences(mandate)
    assert (after.consecutive, after.alternate, after.at_limit) == (0, 2, False)


def test_justification_window(council, councillor, settings):
    settings.COUNCILS_ABSENCE_JUSTIFICATION_DAYS = 7
    row = absence(council, councillor, days_ago=1)
    deadline = justification_deadline(row.meeting)
    assert deadline == timezone.localdate(row.meeting.starts_at) + dt.timedelta(7)
    last_moment = timezone.make_aware(dt.datetime.combine(deadline, dt.time(23, 59)))
    assert can_justify(row, last_moment)
    too_late = last_moment + dt.timedelta(minutes=2)
    assert not can_justify(row, too_late)
    with pytest.raises(ValidationError) as error:
        justify_absence(row, "Atrasado.", councillor, now=too_late)
    assert "prazo" in error.value.error_dict["justification"][0].message
    row.refresh_from_db()
    assert row.status == Attendance.Status.ABSENT


def test_justification_text_is_required(council, councillor):
    row = absence(council, councillor)
    with pytest.raises(ValidationError) as error:
        justify_absence(row, " \x00 ", councillor)
    assert "justification" in error.value.error_dict


def test_only_the_absent_person_justifies(council, councillor, secretary):
    row = absence(council, councillor)
    with pytest.raises(PermissionDenied):
        justify_absence(row, "Por ela.", secretary)


def test_only_unjustified_absences_are_justified(council, councillor):
    row = absence(council, councillor, status=Attendance.Status.TITULAR)
    with pytest.raises(ValidationError) as error:
        justify_absence(row, "Estive lá.", councillor)
    assert "Não há ausência" in error.value.error_dict["justification"][0].message


@pytest.mark.parametrize(
    ("statuses", "consecutive", "alternate"),
    [
        ([], 0, 0),
        (["ausente", "titular", "ausente"], 1, 2),
        (["ausente", "ausente", "justificada", "ausente"], 1, 3),
        (["ausente", "ausente", "ausente", "suplente"], 0, 3),
        (["titular", "ausente", "ausente"], 2, 2),
    ],
)
def test_member_area_counts_as_the_alert_does(
    council, councillor, statuses, consecutive, alternate
):
    """The member area shows the count of services.absences (the latest run of
    consecutive absences, and the total of 12 months), oldest first here."""
    for index, status in enumerate(statuses):
        absence(council, councillor, days_ago=60 - index * 10, status=status)
    (seat,) = member_area(councillor).seats
    expected = count_absences(mandate_of(councillor, council))
    assert (seat.tally.consecutive, seat.tally.alternate) == (consecutive, alternate)
    assert (expected.consecutive, expected.alternate) == (consecutive, alternate)

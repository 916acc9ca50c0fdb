"""Unjustified absences, the alert at the limits, and the loss of mandate."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from councils.models import Attendance, CouncilLog, Mandate, Meeting
from councils.notifications import kinds
from councils.services import absences as svc
from tests.factories.councils import MeetingFactory

from .meeting_helpers import in_progress, seats

pytestmark = pytest.mark.django_db
A = Attendance.Status


def _history(council, seat, statuses, *, first_days_ago=150, step=20):
    """Held meetings, oldest first, with the given status for the seat."""
    titular = Mandate.objects.get(seat=seat, role="titular", ends_on__isnull=True)
    meetings = []
    for index, status in enumerate(statuses):
        meeting = MeetingFactory(
            council=council,
            status=Meeting.Status.HELD,
            starts_at=timezone.now() - dt.timedelta(days=first_days_ago - index * step),
        )
        Attendance.objects.create(
            meeting=meeting, seat=seat, status=status, mandate=titular
        )
        meetings.append(meeting)
    return titular, meetings


def test_consecutive_and_alternate_counts(council):
    seat = seats(council)[0]
    titular, _ = _history(
        council, seat, [A.ABSENT, A.TITULAR, A.ABSENT, A.JUSTIFIED, A.ABSENT, A.ABSENT]
    )
    count = svc.count_absences(titular)
    assert (count.consecutive, count.alternate) == (2, 4)
    assert not count.at_limit


def test_absences_older_than_a_year_do_not_count(council):
    seat = seats(council)[0]
    Mandate.objects.filter(seat=seat).update(
        starts_on=timezone.localdate() - dt.timedelta(days=900)
    )
    titular, _ = _history(council, seat, [A.ABSENT] * 3, first_days_ago=500)
    count = svc.count_absences(titular)
    assert count.alternate == 0
    assert count.consecutive == 3


def test_reaching_the_consecutive_limit_alerts_secretariat_and_member(
    council, secretary
):
    seat = seats(council)[0]
    titular, _ = _history(council, seat, [A.ABSENT, A.ABSENT])
    meeting = in_progress(council)
    from councils.services.attendance import record_attendance

    record_attendance(meeting, seat, A.ABSENT, secretary)
    record_attendance(meeting, seat, A.ABSENT, secretary)  # idempotent
    told = Notification.objects.filter(
        kind=kinds.ABSENCES.slug,
        key=f"absences-{titular.pk}-consecutive-{meeting.pk}",
    )
    assert set(told.values_list("recipient_id", flat=True)) == {
        secretary.pk,
        titular.person_id,
    }
    assert "3 faltas consecutivas" in told.first().context["lines"][0]


def test_alternate_limit_alerts(council, secretary):
    seat = seats(council)[0]
    titular, _ = _history(
        council, seat, [A.ABSENT, A.TITULAR, A.ABSENT, A.TITULAR, A.ABSENT, A.ABSENT]
    )
    meeting = in_progress(council)
    from councils.services.attendance import record_attendance

    record_attendance(meeting, seat, A.ABSENT, secretary)
    assert Notification.objects.filter(
        key=f"absences-{titular.pk}-alternate-{meeting.pk}"
    ).exists()


def test_below_the_limit_nobody_is_told(council, secretary):
    seat = seats(council)[0]
    meeting = in_progress(council)
    from councils.services.attendance import record_attendance

    record_attendance(meeting, seat, A.ABSENT, secretary)
    assert not Notification.objects.filter(kind=kinds.ABSENCES.slug).exists()


def test_absence_status_lists_those_at_the_limit(council):
    seat_a, seat_b = seats(council)[:2]
    at_limit, _ = _history(council, seat_a, [A.ABSENT] * 3)
    _history(council, seat_b, [A.ABSENT])
    rows = svc.absence_status(council)
    assert [row.mandate for row in rows][:1] == [at_limit]
    assert len(rows) == 2
    assert [row.mandate for row in svc.absence_status(council, only_at_limit=True)] == [
        at_limit
    ]


def test_absence_status_query_count_is_constant(council, django_assert_max_num_queries):
    for seat in seats(council):
        _history(council, seat, [A.ABSENT, A.TITULAR])
    with django_assert_max_num_queries(3):
        svc.absence_status(council)


def test_loss_of_mandate_promotes_the_suplente(council, secretary):
    seat = seats(council)[0]
    titular = Mandate.objects.get(seat=seat, role="titular", ends_on__isnull=True)
    suplente = Mandate.objects.get(seat=seat, role="suplente", ends_on__isnull=True)
    new = svc.declare_loss_of_mandate(titular, secretary, "Cinco faltas, art. 12")
    titular.refresh_from_db()
    suplente.refresh_from_db()
    assert titular.end_reason == Mandate.EndReason.LOSS
    assert titular.ends_on
    assert suplente.end_reason == Mandate.EndReason.PROMOTED
    assert (new.role, new.person_id, new.entity_id, new.term_id) == (
        Mandate.Role.TITULAR,
        suplente.person_id,
        suplente.entity_id,
        suplente.term_id,
    )
    log = CouncilLog.objects.get(council=council, action="loss_of_mandate")
    assert log.note == "Cinco faltas, art. 12"
    assert log.actor == secretary


def test_loss_of_mandate_needs_a_note_and_the_council(
    council, secretary, other_secretary
):
    titular = Mandate.objects.filter(council=council, role="titular").first()
    with pytest.raises(ValidationError) as error:
        svc.declare_loss_of_mandate(titular, secretary, " ")
    assert "note" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        svc.declare_loss_of_mandate(titular, other_secretary, "Faltas")
    titular.refresh_from_db()
    assert titular.ends_on is None


def test_loss_of_an_ended_mandate_is_refused(council, secretary):
    titular = Mandate.objects.filter(council=council, role="titular").first()
    svc.declare_loss_of_mandate(titular, secretary, "Faltas")
    with pytest.raises(ValidationError):
        svc.declare_loss_of_mandate(titular, secretary, "Faltas")


def test_loss_without_suplente_leaves_the_seat_vacant(council, secretary):
    seat = seats(council)[0]
    Mandate.objects.filter(seat=seat, role="suplente").update(
        ends_on=timezone.localdate(), end_reason="renuncia"
    )
    titular = Mandate.objects.get(seat=seat, role="titular", ends_on__isnull=True)
    assert svc.declare_loss_of_mandate(titular, secretary, "Faltas") is None
    assert not Mandate.objects.filter(seat=seat, ends_on__isnull=True).exists()

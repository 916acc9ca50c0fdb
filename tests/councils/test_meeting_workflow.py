"""The meeting workflow: convene (notice rules, pauta), reschedule, hold,
cancel, the annual calendar and withdrawing an item."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.workflow import InvalidTransition
from councils.models import AgendaItem, Meeting, MeetingLog
from councils.services import meetings as svc
from tests.factories.councils import AgendaItemFactory, MeetingFactory

from .meeting_helpers import fill, in_progress, planned

pytestmark = pytest.mark.django_db
S = Meeting.Status


def test_convene_ordinary_with_notice(council, secretary):
    meeting = planned(council, days=8)
    svc.convene_meeting(meeting, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.status == S.CONVENED
    assert meeting.convened_at is not None
    assert MeetingLog.objects.filter(meeting=meeting, action="convene").exists()


def test_ordinary_with_less_notice_is_refused(council, secretary):
    meeting = planned(council, days=3)
    with pytest.raises(ValidationError) as error:
        svc.convene_meeting(meeting, actor=secretary, short_notice_reason="urgente")
    message = error.value.message_dict["starts_at"][0]
    assert "7 dias de antecedência" in message
    meeting.refresh_from_db()
    assert meeting.status == S.PLANNED


def test_extraordinary_needs_hours_of_notice(council, secretary):
    meeting = planned(
        council, days=1, kind=Meeting.Kind.EXTRAORDINARY, reason="Plano de ação"
    )
    with pytest.raises(ValidationError) as error:
        svc.convene_meeting(meeting, actor=secretary)
    assert "48 horas" in error.value.message_dict["starts_at"][0]


def test_extraordinary_with_justified_short_notice(council, secretary):
    meeting = planned(
        council, days=1, kind=Meeting.Kind.EXTRAORDINARY, reason="Plano de ação"
    )
    svc.convene_meeting(
        meeting, actor=secretary, short_notice_reason="Prazo do ministério"
    )
    meeting.refresh_from_db()
    assert meeting.status == S.CONVENED
    assert meeting.short_notice_reason == "Prazo do ministério"


def test_extraordinary_with_enough_notice_keeps_no_justification(council, secretary):
    meeting = planned(council, days=3, kind=Meeting.Kind.EXTRAORDINARY, reason="X")
    svc.convene_meeting(meeting, actor=secretary, short_notice_reason="não precisa")
    meeting.refresh_from_db()
    assert meeting.short_notice_reason == ""


def test_past_date_is_refused(council, secretary):
    meeting = planned(council, days=-1)
    with pytest.raises(ValidationError) as error:
        svc.convene_meeting(meeting, actor=secretary)
    assert "já passou" in error.value.message_dict["starts_at"][0]


def test_convening_needs_a_pauta(council, secretary):
    meeting = planned(council, days=10, items=0)
    with pytest.raises(ValidationError) as error:
        svc.convene_meeting(meeting, actor=secretary)
    assert "pauta" in error.value.messages[0]


def test_withdrawn_items_do_not_make_a_pauta(council, secretary):
    meeting = planned(council, days=10, items=0)
    AgendaItemFactory(meeting=meeting, result=AgendaItem.Result.WITHDRAWN)
    with pytest.raises(ValidationError):
        svc.convene_meeting(meeting, actor=secretary)


def test_other_secretary_cannot_convene(council, other_secretary):
    meeting = planned(council, days=10)
    with pytest.raises(PermissionDenied):
        svc.convene_meeting(meeting, actor=other_secretary)


def test_staff_convenes_any_council(council, staff_user):
    meeting = planned(council, days=10)
    assert svc.convene_meeting(meeting, actor=staff_user).status == S.CONVENED


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.CONVENED, "convene"),
        (S.HELD, "convene"),
        (S.CANCELLED, "convene"),
        (S.PLANNED, "hold"),
        (S.HELD, "hold"),
        (S.CANCELLED, "hold"),
        (S.HELD, "cancel"),
        (S.CANCELLED, "cancel"),
    ],
)
def test_disallowed_transitions(council, secretary, status, action):
    meeting = MeetingFactory(council=council, status=status)
    with pytest.raises(InvalidTransition):
        svc.workflow.run(meeting.pk, action, actor=secretary, note="motivo")


def test_cancel_needs_a_note(council, secretary):
    meeting = planned(council)
    with pytest.raises(ValidationError) as error:
        svc.cancel_meeting(meeting, actor=secretary, note="  ")
    assert "note" in error.value.message_dict


@pytest.mark.parametrize("status", [S.PLANNED, S.CONVENED])
def test_cancel(council, secretary, status):
    meeting = MeetingFactory(council=council, status=status)
    svc.cancel_meeting(meeting, actor=secretary, note="Falta de pauta")
    meeting.refresh_from_db()
    assert meeting.status == S.CANCELLED


def test_hold_before_start_is_refused(council, secretary):
    meeting = MeetingFactory(council=council, status=S.CONVENED)
    with pytest.raises(ValidationError) as error:
        svc.hold_meeting(meeting, actor=secretary)
    assert "ainda não começou" in error.value.messages[0]


def test_hold_without_quorum_is_refused(council, secretary):
    meeting = in_progress(council)
    fill(meeting, 2, actor=secretary)
    with pytest.raises(ValidationError) as error:
        svc.hold_meeting(meeting, actor=secretary)
    assert "quórum" in error.value.messages[0]


def test_hold_with_quorum_installs(council, secretary):
    meeting = in_progress(council)
    fill(meeting, 4, actor=secretary)
    svc.hold_meeting(meeting, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.status == S.HELD
    assert meeting.installed_on_call == Meeting.Call.FIRST


def _convened(council, secretary, days=10):
    meeting = planned(council, days=days)
    return svc.convene_meeting(meeting, actor=secretary)


def test_reschedule_bumps_version_and_logs(council, secretary):
    meeting = _convened(council, secretary)
    new = meeting.starts_at + dt.timedelta(days=3)
    svc.reschedule_meeting(meeting, actor=secretary, starts_at=new, reason="Feriado")
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.schedule_version) == (new, 2)
    log = MeetingLog.objects.get(meeting=meeting, action="reschedule")
    assert log.from_status == log.to_status == S.CONVENED
    assert log.note == "Feriado"


def test_reschedule_follows_the_notice_rule(council, secretary):
    meeting = _convened(council, secretary)
    with pytest.raises(ValidationError) as error:
        svc.reschedule_meeting(
            meeting,
            actor=secretary,
            starts_at=timezone.now() + dt.timedelta(days=2),
            reason="Feriado",
        )
    assert "starts_at" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.schedule_version == 1


def test_reschedule_needs_a_reason_and_a_convened_meeting(council, secretary):
    meeting = _convened(council, secretary)
    with pytest.raises(ValidationError) as error:
        svc.reschedule_meeting(
            meeting, actor=secretary, starts_at=meeting.starts_at, reason=""
        )
    assert "reason" in error.value.message_dict
    other = planned(council)
    with pytest.raises(InvalidTransition):
        svc.reschedule_meeting(
            other,
            actor=secretary,
            starts_at=other.starts_at + dt.timedelta(days=1),
            reason="x",
        )


def test_plan_calendar_creates_planned_ordinaries_once(council, secretary):
    year = timezone.localdate().year + 1
    dates = [dt.date(year, month, 10) for month in (2, 4, 6)]
    created = svc.plan_calendar(council, year, dates, secretary)
    assert len(created) == 3
    assert {m.status for m in created} == {S.PLANNED}
    assert timezone.localtime(created[0].starts_at).hour == 14
    again = svc.plan_calendar(council, year, [*dates, dt.date(year, 8, 10)], secretary)
    assert len(again) == 1
    assert council.meetings.count() == 4


def test_plan_calendar_refuses_dates_of_another_year(council, secretary):
    with pytest.raises(ValidationError) as error:
        svc.plan_calendar(council, 2030, [dt.date(2031, 1, 5)], secretary)
    assert "05/01/2031" in error.value.message_dict["dates"][0]


def test_plan_calendar_scoped_to_the_council(council, other_secretary):
    with pytest.raises(PermissionDenied):
        svc.plan_calendar(council, 2030, [dt.date(2030, 1, 5)], other_secretary)


def test_withdraw_item(council, secretary):
    meeting = planned(council)
    item = meeting.agenda_items.get()
    svc.withdraw_item(item, actor=secretary, note="Pedido de vista")
    item.refresh_from_db()
    assert item.result == AgendaItem.Result.WITHDRAWN
    with pytest.raises(ValidationError):
        svc.withdraw_item(item, actor=secretary)


def test_available_actions(council, secretary, other_secretary):
    meeting = planned(council)
    assert svc.workflow.available_actions(meeting, secretary) == ["convene", "cancel"]
    assert svc.workflow.available_actions(meeting, other_secretary) == []

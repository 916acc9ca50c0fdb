"""The life of a hearing or forum (services/event_workflow.py): every allowed
transition and its guards, every disallowed pair, and the EventLog rows."""

import datetime as dt
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consultations import services
from consultations.models import Contribution, Event, EventLog
from consultations.services.event_workflow import (
    EVENT_ACTIONS,
    EVENT_TRANSITIONS,
    can_act,
    notice_is_short,
    workflow,
)
from tests.consultations.admin_support import days_ahead, draft, logs
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

E = Event.Status
MS = dt.timedelta(milliseconds=1)
DISALLOWED = [
    (status, action)
    for status, action in product(E.values, EVENT_ACTIONS)
    if (status, action) not in EVENT_TRANSITIONS
]


def short_notice(caught) -> str:
    """The refusal beside the justification field (code "short_notice")."""
    [error] = caught.value.error_dict["short_notice_reason"]
    assert error.code == "short_notice"
    return error.message


def past_event(**kwargs) -> Event:
    start = timezone.now() - dt.timedelta(days=2)
    return EventFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=2), **kwargs
    )


# Publish
# ------------------------------------------------------------------------------


def test_publish(staff_user):
    event = draft(starts_at=days_ahead(20))
    result = services.event_publish(event_id=event.pk, actor=staff_user)
    event.refresh_from_db()
    assert result.status == event.status == E.PUBLISHED
    assert event.published_at is not None
    assert event.short_notice_reason == ""
    assert logs(event) == [("publish", E.DRAFT, E.PUBLISHED, staff_user.pk, "")]


def test_default_notice_is_fifteen_days():
    from django.conf import settings

    assert settings.HEARINGS_MIN_NOTICE_DAYS == 15
    now = timezone.now()
    assert notice_is_short(now + dt.timedelta(days=15, minutes=-1), now)
    assert not notice_is_short(now + dt.timedelta(days=15, minutes=1), now)


def test_publish_with_short_notice_needs_a_justification(staff_user):
    event = draft(starts_at=days_ahead(10))
    with pytest.raises(ValidationError) as caught:
        services.event_publish(event_id=event.pk, actor=staff_user)
    message = short_notice(caught)
    assert "prazo mínimo de divulgação é de 15 dias" in message
    assert "Faltam 9,9 dias" in message or "Faltam 10,0 dias" in message
    assert "justificativa" in message
    assert Event.objects.get(pk=event.pk).status == E.DRAFT
    assert logs(event) == []


def test_publish_with_short_notice_and_a_justification(staff_user):
    event = draft(starts_at=days_ahead(10))
    reason = "Prazo da LDO vence antes: a Câmara vota no dia 30."
    services.event_publish(
        event_id=event.pk, actor=staff_user, short_notice_reason=f"  {reason}  "
    )
    event.refresh_from_db()
    assert event.status == E.PUBLISHED
    assert event.short_notice_reason == reason
    assert logs(event) == [("publish", E.DRAFT, E.PUBLISHED, staff_user.pk, reason)]


def test_a_blank_justification_is_no_justification(staff_user):
    event = draft(starts_at=days_ahead(3))
    with pytest.raises(ValidationError) as caught:
        services.event_publish(
            event_id=event.pk, actor=staff_user, short_notice_reason="   \n "
        )
    assert short_notice(caught)
    assert Event.objects.get(pk=event.pk).status == E.DRAFT
    assert logs(event) == []


def test_justification_is_kept_only_when_needed(staff_user):
    event = draft(starts_at=days_ahead(40))
    services.event_publish(
        event_id=event.pk, actor=staff_user, short_notice_reason="Sem necessidade."
    )
    assert Event.objects.get(pk=event.pk).short_notice_reason == ""


def test_overlong_justification_is_refused(staff_user):
    event = draft(starts_at=days_ahead(3))
    with pytest.raises(ValidationError) as caught:
        services.event_publish(
            event_id=event.pk, actor=staff_user, short_notice_reason="x" * 2001
        )
    assert "short_notice_reason" in caught.value.message_dict


@pytest.mark.parametrize(
    ("notice_days", "event_in_days", "short"),
    [(30, 21, True), (30, 31, False), (5, 7, False), (5, 4, True)],
)
def test_notice_period_is_a_setting(
    settings, staff_user, notice_days, event_in_days, short
):
    settings.HEARINGS_MIN_NOTICE_DAYS = notice_days
    event = draft(starts_at=days_ahead(event_in_days))
    if short:
        with pytest.raises(ValidationError) as caught:
            services.event_publish(event_id=event.pk, actor=staff_user)
        assert f"é de {notice_days} dias" in short_notice(caught)
    else:
        services.event_publish(event_id=event.pk, actor=staff_user)
        assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


def test_publish_an_event_that_already_started_is_refused(staff_user):
    event = draft(starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="já começou"):
        services.event_publish(
            event_id=event.pk, actor=staff_user, short_notice_reason="Urgente."
        )
    assert Event.objects.get(pk=event.pk).status == E.DRAFT
    assert logs(event) == []


def test_publish_checks_capacity_against_the_venue(staff_user):
    venue = VenueFactory(capacity=30)
    event = draft(starts_at=days_ahead(20), venue=venue)
    Event.objects.filter(pk=event.pk).update(capacity=31)
    with pytest.raises(ValidationError) as caught:
        services.event_publish(event_id=event.pk, actor=staff_user)
    assert "capacity" in caught.value.message_dict


# Reschedule
# ------------------------------------------------------------------------------


def test_reschedule(staff_user):
    event = EventFactory()
    start = event.starts_at + dt.timedelta(days=7)
    result = services.event_reschedule(
        event_id=event.pk,
        actor=staff_user,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        reason="O auditório estará em reforma.",
    )
    event.refresh_from_db()
    assert result.status == event.status == E.PUBLISHED
    assert (event.starts_at, event.ends_at) == (start, start + dt.timedelta(hours=2))
    assert event.schedule_version == result.schedule_version == 2
    [(action, before, after, actor, note)] = logs(event)
    assert (action, before, after, actor) == (
        "reschedule",
        E.PUBLISHED,
        E.PUBLISHED,
        staff_user.pk,
    )
    assert "O auditório estará em reforma." in note
    assert timezone.localtime(start).strftime("%H:%M") in note


def test_each_reschedule_bumps_the_version(staff_user):
    event = EventFactory()
    for n in (1, 2):
        start = event.starts_at + dt.timedelta(days=n)
        services.event_reschedule(
            event_id=event.pk,
            actor=staff_user,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            reason="Agenda do prefeito.",
        )
    assert Event.objects.get(pk=event.pk).schedule_version == 3


@pytest.mark.parametrize(
    ("start_delta", "length", "reason", "field", "message"),
    [
        (dt.timedelta(days=30), dt.timedelta(hours=2), " ", "reason", "motivo"),
        (dt.timedelta(days=30), dt.timedelta(hours=-1), "Chuva.", "ends_at", "término"),
        (dt.timedelta(days=30), dt.timedelta(0), "Chuva.", "ends_at", "término"),
        (dt.timedelta(days=-1), dt.timedelta(hours=2), "Chuva.", "starts_at", "passou"),
    ],
)
def test_reschedule_guards(staff_user, start_delta, length, reason, field, message):
    event = EventFactory()
    start = timezone.now() + start_delta
    with pytest.raises(ValidationError) as caught:
        services.event_reschedule(
            event_id=event.pk,
            actor=staff_user,
            starts_at=start,
            ends_at=start + length,
            reason=reason,
        )
    assert message in " ".join(caught.value.message_dict[field])
    assert Event.objects.get(pk=event.pk).schedule_version == 1
    assert logs(event) == []


def test_reschedule_to_the_same_date_is_refused(staff_user):
    event = EventFactory()
    with pytest.raises(ValidationError, match="igual"):
        services.event_reschedule(
            event_id=event.pk,
            actor=staff_user,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            reason="Nada mudou.",
        )
    assert logs(event) == []


def test_reschedule_with_short_notice(staff_user):
    event = EventFactory()
    start = days_ahead(5)
    kwargs = {
        "event_id": event.pk,
        "actor": staff_user,
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "reason": "Antecipada a pedido do conselho.",
    }
    with pytest.raises(ValidationError) as caught:
        services.event_reschedule(**kwargs)
    assert short_notice(caught)
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at
    services.event_reschedule(**kwargs, short_notice_reason="Votação na Câmara.")
    event.refresh_from_db()
    assert event.starts_at == start
    assert event.short_notice_reason == "Votação na Câmara."
    assert "Votação na Câmara." in logs(event)[0][4]


# Cancel
# ------------------------------------------------------------------------------


def test_cancel(staff_user):
    event = EventFactory()
    result = services.event_cancel(
        event_id=event.pk, actor=staff_user, reason="  Falta de quórum.  "
    )
    event.refresh_from_db()
    assert result.status == event.status == E.CANCELLED
    assert event.cancellation_reason == "Falta de quórum."
    assert logs(event) == [
        ("cancel", E.PUBLISHED, E.CANCELLED, staff_user.pk, "Falta de quórum.")
    ]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_cancel_needs_a_reason(staff_user, reason):
    event = EventFactory()
    with pytest.raises(ValidationError) as caught:
        services.event_cancel(event_id=event.pk, actor=staff_user, reason=reason)
    assert "reason" in caught.value.message_dict
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


def test_a_cancelled_event_takes_no_registration(staff_user, citizen):
    event = EventFactory()
    services.event_cancel(event_id=event.pk, actor=staff_user, reason="Chuva.")
    with pytest.raises(services.RegistrationClosed, match="cancelado"):
        services.registration_create(event_id=event.pk, user=citizen)


# Conclude
# ------------------------------------------------------------------------------


def test_conclude(staff_user):
    event = past_event()
    ContributionFactory(
        consultation=None, event=event, answer="accepted", answer_text="Incluído."
    )
    # A hidden contribution needs no devolutiva: it is shown as removed.
    ContributionFactory(consultation=None, event=event, moderation="hidden")
    result = services.event_conclude(
        event_id=event.pk,
        actor=staff_user,
        minutes="  Ata da audiência.  ",
        recording_url=" https://video.example/ata ",
        attendance_count=42,
    )
    event.refresh_from_db()
    assert result.status == event.status == E.CONCLUDED
    assert (event.minutes, event.recording_url, event.attendance_count) == (
        "Ata da audiência.",
        "https://video.example/ata",
        42,
    )
    assert logs(event) == [("conclude", E.PUBLISHED, E.CONCLUDED, staff_user.pk, "")]


def test_conclude_needs_every_contribution_answered(staff_user):
    event = past_event()
    pending = ContributionFactory(consultation=None, event=event)
    # Replies between participants need no devolutiva.
    ContributionFactory(consultation=None, event=event, parent=pending)
    with pytest.raises(ValidationError, match="1 contribuições sem resposta") as caught:
        services.event_conclude(event_id=event.pk, actor=staff_user, minutes="Ata.")
    assert caught.value.code == "unanswered"
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED
    assert logs(event) == []
    Contribution.objects.filter(pk=pending.pk).update(
        answer="partly", answer_text="Em parte."
    )
    services.event_conclude(event_id=event.pk, actor=staff_user, minutes="Ata.")
    assert Event.objects.get(pk=event.pk).status == E.CONCLUDED


def test_conclude_before_the_end_is_refused(staff_user):
    event = EventFactory(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=1),
    )
    with pytest.raises(ValidationError, match="ainda não terminou"):
        services.event_conclude(event_id=event.pk, actor=staff_user, minutes="Ata.")
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"minutes": "  "}, "minutes"),
        ({"minutes": "x" * 50001}, "minutes"),
        ({"minutes": "Ata.", "attendance_count": -1}, "attendance_count"),
    ],
)
def test_conclude_guards(staff_user, kwargs, field):
    event = past_event()
    with pytest.raises(ValidationError) as caught:
        services.event_conclude(event_id=event.pk, actor=staff_user, **kwargs)
    assert field in caught.value.message_dict
    assert Event.objects.get(pk=event.pk).status == E.PUBLISHED


# Permissions and disallowed pairs
# ------------------------------------------------------------------------------


def _attempt(event, action, actor):
    later = timezone.now() + dt.timedelta(days=40)
    calls = {
        "publish": lambda: services.event_publish(
            event_id=event.pk, actor=actor, short_notice_reason="Teste."
        ),
        "reschedule": lambda: services.event_reschedule(
            event_id=event.pk,
            actor=actor,
            starts_at=later,
            ends_at=later + dt.timedelta(hours=1),
            reason="Teste.",
            short_notice_reason="Teste.",
        ),
        "cancel": lambda: services.event_cancel(
            event_id=event.pk, actor=actor, reason="Teste."
        ),
        "conclude": lambda: services.event_conclude(
            event_id=event.pk, actor=actor, minutes="Ata."
        ),
    }
    return calls[action]()


@pytest.mark.parametrize("role", ["citizen", "moderator"])
@pytest.mark.parametrize("action", EVENT_ACTIONS)
def test_every_transition_needs_the_staff_permission(request, action, role):
    # An event the action would otherwise take: the ata after it, the rest before.
    if action == "publish":
        event = draft(starts_at=days_ahead(20))
    elif action == "conclude":
        event = past_event()
    else:
        event = EventFactory()
    before = Event.objects.filter(pk=event.pk).values().get()
    with pytest.raises(PermissionDenied):
        _attempt(event, action, request.getfixturevalue(role))
    assert Event.objects.filter(pk=event.pk).values().get() == before
    assert logs(event) == []


@pytest.mark.parametrize(("status", "action"), DISALLOWED)
def test_disallowed_transitions_are_refused(staff_user, status, action):
    event = past_event(status=status)
    with pytest.raises(services.InvalidTransition):
        _attempt(event, action, staff_user)
    assert Event.objects.get(pk=event.pk).status == status
    assert logs(event) == []
    assert not can_act(event, action, staff_user)


def test_the_table_is_the_whole_machine():
    assert EVENT_TRANSITIONS == {
        (E.DRAFT, "publish"): E.PUBLISHED,
        (E.PUBLISHED, "reschedule"): E.PUBLISHED,
        (E.PUBLISHED, "cancel"): E.CANCELLED,
        (E.PUBLISHED, "conclude"): E.CONCLUDED,
    }


@pytest.mark.parametrize(("status", "action"), sorted(EVENT_TRANSITIONS))
def test_can_act_is_the_table_plus_the_permission(
    staff_user, citizen, moderator, status, action
):
    # The ata comes after the event; everything else before it.
    start = days_ahead(-2 if action == "conclude" else 20)
    event = EventFactory.build(
        status=status, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    assert can_act(event, action, staff_user)
    assert not can_act(event, action, citizen)
    assert not can_act(event, action, moderator)


def test_conclude_is_offered_only_once_the_event_is_over(staff_user):
    ongoing = EventFactory.build(starts_at=days_ahead(-0.05), ends_at=days_ahead(0.05))
    assert not can_act(ongoing, "conclude", staff_user)
    assert can_act(ongoing, "cancel", staff_user)
    assert can_act(ongoing, "conclude", staff_user, now=days_ahead(0.1))


def test_an_event_that_happened_cannot_be_cancelled(staff_user):
    event = past_event()
    assert not can_act(event, "cancel", staff_user)
    with pytest.raises(ValidationError, match="publique a ata"):
        services.event_cancel(event_id=event.pk, actor=staff_user, reason="Engano")
    event.refresh_from_db()
    assert event.status == E.PUBLISHED
    assert not EventLog.objects.filter(event=event, action="cancel").exists()


def test_reschedule_keeps_both_dates_in_the_log(staff_user):
    event = EventFactory()
    start = event.starts_at + dt.timedelta(days=7)
    services.event_reschedule(
        event_id=event.pk,
        actor=staff_user,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        reason="Reforma.",
    )
    data = EventLog.objects.get(event=event).data

    def stored(moment):  # JSON keeps milliseconds
        return dt.datetime.fromisoformat(moment)

    assert abs(stored(data["previous"]["starts_at"]) - event.starts_at) < MS
    assert abs(stored(data["new"]["starts_at"]) - start) < MS


def test_refusal_says_why_an_action_is_not_offered(staff_user, citizen):
    assert (
        workflow.refusal(draft(starts_at=days_ahead(20)), "publish", staff_user) is None
    )
    not_from_here = workflow.refusal(draft(), "cancel", staff_user)
    assert isinstance(not_from_here, services.InvalidTransition)
    assert "Cancelar o evento" in not_from_here.message
    assert "Rascunho" in not_from_here.message
    too_early = workflow.refusal(EventFactory(), "conclude", staff_user)
    assert "ainda não terminou" in " ".join(too_early.messages)
    too_late = workflow.refusal(past_event(), "cancel", staff_user)
    assert "publique a ata" in " ".join(too_late.messages)
    assert isinstance(
        workflow.refusal(EventFactory(), "cancel", citizen), PermissionDenied
    )

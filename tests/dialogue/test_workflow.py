"""The demand's life and its deadlines (Lei 13.460/2017 art. 16), with
explicit moments: 30 days to answer, the clock paused while the requester is
asked for information, one extension of 30 days, one reopening."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civic.dialogue.models import Demand, DemandMessage
from civic.dialogue.services.workflow import demand_transition, workflow
from civic.workflow import InvalidTransition
from tests.factories.dialogue import NOW, open_demand

S = Demand.Status
pytestmark = pytest.mark.django_db


def at(days: int) -> dt.datetime:
    return NOW + dt.timedelta(days=days)


def step(demand, action, actor, *, days=0, note="", **params):
    return demand_transition(
        demand_id=demand.pk,
        action=action,
        actor=actor,
        note=note,
        now=at(days),
        **params,
    )


@pytest.fixture
def demand(citizen):
    return open_demand(citizen)


def test_a_new_demand_is_due_in_thirty_days(demand):
    assert demand.status == S.OPEN
    assert demand.due_on == dt.date(2026, 4, 1)
    assert demand.protocol == "SRSC-2026-000001"
    assert list(demand.log.values_list("action", flat=True)) == ["open"]


# (status reached by the setup steps, action, params, expected status)
ALLOWED = [
    ([], "assign", {"assignee": "staff"}, S.TRIAGE),
    ([("assign", "")], "assign", {"assignee": "staff"}, S.TRIAGE),
    ([], "forward", {"body": "body", "note": "Competência da Saúde."}, S.FORWARDED),
    ([], "ask", {"note": "Qual o endereço?"}, S.WAITING),
    ([("ask", "Qual?")], "reply", {"note": "Rua A, 10."}, S.TRIAGE),
    ([], "answer", {"note": "A poda foi marcada."}, S.ANSWERED),
    ([("answer", "Feito.")], "close", {}, S.CLOSED),
    ([], "close", {"note": "Duplicada do protocolo anterior."}, S.CLOSED),
    ([("answer", "Feito.")], "reopen", {"note": "Não foi feito."}, S.REOPENED),
    ([], "extend", {"note": "Depende de vistoria."}, S.OPEN),
    ([("ask", "Qual?")], "extend", {"note": "Vistoria."}, S.WAITING),
]


@pytest.mark.parametrize(("setup", "action", "params", "expected"), ALLOWED)
def test_allowed_transitions(
    demand, citizen, staff_user, health, setup, action, params, expected
):
    for setup_action, note in setup:
        actor = citizen if setup_action in {"reply", "reopen"} else staff_user
        extra = {"assignee": staff_user} if setup_action == "assign" else {}
        step(demand, setup_action, actor, note=note, **extra)
    params = dict(params)
    if params.get("assignee") == "staff":
        params["assignee"] = staff_user
    if params.get("body") == "body":
        params["body"] = health
    actor = citizen if action in workflow.requester_actions else staff_user
    result = step(demand, action, actor, **params)
    assert result.status == expected
    assert demand.log.filter(action=action).exists()


REFUSED = [
    (status, action)
    for status in S.values
    for action in sorted(workflow.action_labels)
    if (status, action) not in workflow.transitions
]


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_other_pair_is_refused(demand, staff_user, status, action):
    Demand.objects.filter(pk=demand.pk).update(status=status)
    with pytest.raises(InvalidTransition):
        step(demand, action, staff_user, note="x")


def test_asking_pauses_the_clock_and_the_reply_moves_the_deadline(
    demand, citizen, staff_user
):
    step(demand, "ask", staff_user, days=10, note="Qual o endereço exato?")
    demand.refresh_from_db()
    assert demand.paused_since == dt.date(2026, 3, 12)
    assert demand.is_paused
    assert not demand.is_overdue(dt.date(2026, 5, 1))

    step(demand, "reply", citizen, days=17, note="Rua das Flores, 10.")
    demand.refresh_from_db()
    assert demand.paused_since is None
    assert demand.paused_days == 7
    assert demand.due_on == dt.date(2026, 4, 8)  # 1 April + 7 days paused
    log = demand.log.get(action="reply")
    assert log.data == {"paused_days": 7, "due_on": "2026-04-08"}


def test_two_pauses_add_up(demand, citizen, staff_user):
    step(demand, "ask", staff_user, days=1, note="Onde?")
    step(demand, "reply", citizen, days=4, note="Aqui.")
    step(demand, "ask", staff_user, days=5, note="Quando?")
    step(demand, "reply", citizen, days=7, note="Ontem.")
    demand.refresh_from_db()
    assert demand.paused_days == 5
    assert demand.due_on == dt.date(2026, 4, 6)


def test_extension_once_with_justification(demand, staff_user, settings):
    settings.DIALOGUE_EXTENSION_DAYS = 30
    with pytest.raises(ValidationError) as error:
        step(demand, "extend", staff_user, note="")
    assert "note" in error.value.error_dict

    step(demand, "extend", staff_user, note="Depende de vistoria técnica.")
    demand.refresh_from_db()
    assert demand.extended
    assert demand.due_on == dt.date(2026, 5, 1)
    assert demand.extension_justification == "Depende de vistoria técnica."

    with pytest.raises(ValidationError, match="já foi prorrogado"):
        step(demand, "extend", staff_user, note="De novo.")


def test_deadlines_follow_the_settings(citizen, settings):
    settings.DIALOGUE_ANSWER_DAYS = 10
    assert open_demand(citizen).due_on == dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("answer_day", "in_time"), [(0, True), (30, True), (31, False)]
)
def test_answered_in_time_is_recorded_at_the_first_answer(
    demand, staff_user, citizen, answer_day, in_time
):
    step(demand, "answer", staff_user, days=answer_day, note="Resposta.")
    demand.refresh_from_db()
    assert demand.answered_in_time is in_time
    assert demand.answer == "Resposta."
    step(demand, "reopen", citizen, days=answer_day + 1, note="Insuficiente.")
    step(demand, "answer", staff_user, days=answer_day + 60, note="Nova resposta.")
    demand.refresh_from_db()
    assert demand.answered_in_time is in_time  # the first answer counts


def test_reopen_once_with_a_new_deadline(demand, staff_user, citizen):
    step(demand, "answer", staff_user, days=3, note="Feito.")
    step(demand, "reopen", citizen, days=5, note="Não foi feito.")
    demand.refresh_from_db()
    assert demand.reopened
    assert demand.status == S.REOPENED
    assert demand.due_on == dt.date(2026, 4, 6)  # 7 March + 30
    step(demand, "answer", staff_user, days=6, note="Agora sim.")
    with pytest.raises(ValidationError, match="já foi reaberta"):
        step(demand, "reopen", citizen, days=7, note="De novo.")


def test_a_closed_demand_cannot_be_answered(demand, staff_user):
    step(demand, "close", staff_user, note="Spam.")
    with pytest.raises(InvalidTransition):
        step(demand, "answer", staff_user, note="Resposta.")


def test_closing_without_an_answer_needs_a_reason(demand, staff_user):
    with pytest.raises(ValidationError) as error:
        step(demand, "close", staff_user)
    assert "note" in error.value.error_dict


def test_assign_only_to_the_team(demand, staff_user, citizen):
    with pytest.raises(ValidationError) as error:
        step(demand, "assign", staff_user, assignee=citizen)
    assert "assignee" in error.value.error_dict


def test_forward_records_the_body_and_the_note(demand, staff_user, health):
    step(demand, "forward", staff_user, body=health, note="Competência da Saúde.")
    demand.refresh_from_db()
    assert demand.forwarded_to == health
    assert demand.forward_note == "Competência da Saúde."


@pytest.mark.parametrize("action", ["assign", "forward", "ask", "answer", "extend"])
def test_the_requester_cannot_take_staff_actions(demand, citizen, action):
    with pytest.raises(PermissionDenied):
        step(demand, action, citizen, note="x")


def test_staff_cannot_reply_for_the_requester(demand, staff_user):
    step(demand, "ask", staff_user, note="Onde?")
    with pytest.raises(PermissionDenied):
        step(demand, "reply", staff_user, note="Aqui.")


def test_messages_written_by_the_steps(demand, staff_user, citizen):
    step(demand, "ask", staff_user, note="Onde?")
    step(demand, "reply", citizen, days=1, note="Aqui.")
    step(demand, "answer", staff_user, days=2, note="Resolvido.")
    kinds = list(demand.messages.values_list("kind", "author_id"))
    K = DemandMessage.Kind
    assert kinds == [
        (K.QUESTION, staff_user.pk),
        (K.REPLY, citizen.pk),
        (K.ANSWER, staff_user.pk),
    ]


def test_not_even_a_superuser_replies_for_the_requester(demand, staff_user, superuser):
    step(demand, "ask", staff_user, note="Onde?")
    with pytest.raises(PermissionDenied):
        step(demand, "reply", superuser, note="Aqui.")

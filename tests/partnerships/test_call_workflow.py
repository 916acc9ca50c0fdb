"""The chamamento's state machine (services/calls.py): every transition,
allowed and refused, at explicit moments."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civic.workflow import InvalidTransition
from entities.partnerships.models import Appeal, Call, CallLog, Proposal
from entities.partnerships.services.calls import (
    HOMOLOGATION_NOTICE,
    call_transition,
    workflow,
)

from .call_setup import (
    T0,
    at,
    declared_members,
    in_evaluation,
    published,
    ready_draft,
    score_all,
    submitted_proposal,
)

pytestmark = pytest.mark.django_db
S = Call.Status


def preliminary(call, staff):
    call, (p1, p2) = in_evaluation(call, staff)
    members = declared_members(call)
    score_all(call, members, {p1: [[8, 9], [7, 7]], p2: [[5, 6], [9, 9]]})
    call = call_transition(
        call_id=call.pk, action="publish_preliminary", actor=staff, now=at(43)
    )
    return call, p1, p2


def test_publish_sets_published_at_and_logs(call, staff_user):
    call = published(call, staff_user)
    assert call.status == S.PUBLISHED
    assert call.published_at == T0
    log = CallLog.objects.get(call=call, action="publish")
    assert (log.from_status, log.to_status, log.actor) == (
        "draft",
        "published",
        staff_user,
    )


@pytest.mark.parametrize(
    ("days", "allowed"), [(29, False), (29.99, False), (30, True), (45, True)]
)
def test_publish_needs_thirty_days_for_proposals(call, staff_user, days, allowed):
    ready_draft(call)
    Call.objects.filter(pk=call.pk).update(proposals_end_at=at(days))
    if allowed:
        call_transition(call_id=call.pk, action="publish", actor=staff_user, now=T0)
        return
    with pytest.raises(ValidationError) as refused:
        call_transition(call_id=call.pk, action="publish", actor=staff_user, now=T0)
    assert refused.value.message_dict["proposals_end_at"] == [
        "O prazo para propostas deve ser de pelo menos 30 dias após a publicação (art. 26)."
    ]
    call.refresh_from_db()
    assert call.status == S.DRAFT


def test_publish_needs_criteria_and_edital(call, staff_user):
    Call.objects.filter(pk=call.pk).update(proposals_end_at=at(40))
    with pytest.raises(ValidationError) as refused:
        call_transition(call_id=call.pk, action="publish", actor=staff_user, now=T0)
    assert set(refused.value.message_dict) == {"criteria", "documents"}


def test_close_before_the_deadline_is_refused(call, staff_user):
    published(call, staff_user)
    submitted_proposal(call)
    with pytest.raises(ValidationError) as refused:
        call_transition(
            call_id=call.pk, action="close_proposals", actor=staff_user, now=at(39)
        )
    assert "proposals_end_at" in refused.value.message_dict
    call.refresh_from_db()
    assert not workflow.can(call, "close_proposals", staff_user, now=at(39))
    assert workflow.can(call, "close_proposals", staff_user, now=at(40))


def test_close_with_proposals_goes_to_evaluation(call, staff_user):
    call, _proposals = in_evaluation(call, staff_user)
    assert call.status == S.EVALUATION


def test_close_without_proposals_is_deserted(call, staff_user):
    published(call, staff_user)
    call = call_transition(
        call_id=call.pk, action="close_proposals", actor=staff_user, now=at(41)
    )
    assert call.status == S.DESERTED
    assert CallLog.objects.filter(call=call, action="declare_deserted").exists()


def test_preliminary_needs_every_declaration(call, staff_user):
    call, _proposals = in_evaluation(call, staff_user)
    from tests.factories.partnerships import CommitteeMemberFactory

    CommitteeMemberFactory(call=call)
    with pytest.raises(ValidationError) as refused:
        call_transition(
            call_id=call.pk, action="publish_preliminary", actor=staff_user, now=at(43)
        )
    assert "ainda não declarou" in refused.value.messages[0]


def test_preliminary_needs_every_score(call, staff_user):
    call, (p1, p2) = in_evaluation(call, staff_user)
    members = declared_members(call)
    score_all(call, members, {p1: [[8, 9], [7, 7]], p2: [[5, None], [9, 9]]})
    with pytest.raises(ValidationError) as refused:
        call_transition(
            call_id=call.pk, action="publish_preliminary", actor=staff_user, now=at(43)
        )
    assert refused.value.messages == [f"Faltam 1 notas na proposta de {p2.entity}."]


def test_impeded_member_is_not_expected_to_score(call, staff_user):
    call, (p1, p2) = in_evaluation(call, staff_user)
    members = declared_members(call, impeded={1: [p2.entity_id]})
    score_all(call, members, {p1: [[8, 9], [7, 7]], p2: [[5, None], [9, None]]})
    call = call_transition(
        call_id=call.pk, action="publish_preliminary", actor=staff_user, now=at(43)
    )
    p2.refresh_from_db()
    assert p2.score == 2 * 5 + 9  # only the free member's scores count


def test_preliminary_ranks_and_opens_the_appeal_window(call, staff_user, settings):
    settings.PARTNERSHIPS_APPEAL_DAYS = 5
    call, p1, p2 = preliminary(call, staff_user)
    assert call.status == S.PRELIMINARY
    assert call.appeal_ends_at == at(48)
    assert call.preliminary_published_at == at(43)
    p1.refresh_from_db()
    p2.refresh_from_db()
    # p1: 2 × 8.5 + 7 = 24; p2: 2 × 5.5 + 9 = 20
    assert (p1.score, p1.rank, p1.status) == (24, 1, Proposal.Status.RANKED)
    assert (p2.score, p2.rank) == (20, 2)
    log = CallLog.objects.get(call=call, action="publish_preliminary")
    assert log.data["ranking"][0]["proposal"] == p1.pk


def test_homologate_inside_the_window_is_refused(call, staff_user):
    call, _p1, _p2 = preliminary(call, staff_user)
    assert not workflow.can(call, "homologate", staff_user, now=at(47))
    with pytest.raises(ValidationError):
        call_transition(
            call_id=call.pk, action="homologate", actor=staff_user, now=at(47)
        )


def test_homologate_with_a_pending_appeal_is_refused(call, staff_user):
    call, p1, _p2 = preliminary(call, staff_user)
    Appeal.objects.create(proposal=p1, text="Razões", filed_at=at(44))
    with pytest.raises(ValidationError) as refused:
        call_transition(
            call_id=call.pk, action="homologate", actor=staff_user, now=at(49)
        )
    assert "recurso pendente" in refused.value.messages[0]


def test_homologate_selects_the_first_and_says_it_gives_no_right(call, staff_user):
    call, p1, _p2 = preliminary(call, staff_user)
    call = call_transition(
        call_id=call.pk, action="homologate", actor=staff_user, now=at(49)
    )
    assert call.status == S.HOMOLOGATED
    assert call.homologated_at == at(49)
    p1.refresh_from_db()
    assert p1.status == Proposal.Status.SELECTED
    log = CallLog.objects.get(call=call, action="homologate")
    assert str(HOMOLOGATION_NOTICE) in log.note
    assert log.data["selected_proposal"] == p1.pk


def test_conclude_waits_for_the_habilitation(call, staff_user):
    call, _p1, _p2 = preliminary(call, staff_user)
    call_transition(call_id=call.pk, action="homologate", actor=staff_user, now=at(49))
    with pytest.raises(ValidationError):
        call_transition(
            call_id=call.pk, action="conclude", actor=staff_user, now=at(50)
        )


def test_revoke_needs_a_note(call, staff_user):
    with pytest.raises(ValidationError) as refused:
        call_transition(call_id=call.pk, action="revoke", actor=staff_user)
    assert "note" in refused.value.message_dict
    call = call_transition(
        call_id=call.pk, action="revoke", actor=staff_user, note="Erro no edital."
    )
    assert call.status == S.REVOKED


ALL_ACTIONS = (
    "publish",
    "close_proposals",
    "declare_deserted",
    "publish_preliminary",
    "homologate",
    "conclude",
    "revoke",
)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (status, action)
        for status in S.values
        for action in ALL_ACTIONS
        if (status, action) not in workflow.transitions
    ],
)
def test_actions_outside_the_table_are_refused(call, staff_user, status, action):
    Call.objects.filter(pk=call.pk).update(status=status)
    with pytest.raises(InvalidTransition):
        call_transition(call_id=call.pk, action=action, actor=staff_user, note="x")


@pytest.mark.parametrize(
    "role",
    [
        "citizen",
        "representative",
        "committee_member",
        "gestor",
        "council_secretary",
    ],
)
def test_only_staff_move_the_call(request, call, role):
    ready_draft(call)
    person = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        call_transition(call_id=call.pk, action="publish", actor=person, now=T0)
    assert workflow.available_actions(call, person, now=T0) == []


def test_notices_when_published(call, staff_user, representative, entity, mailoutbox):
    from civic.notifications.models import Notification

    published(call, staff_user)
    published_again = Notification.objects.filter(
        recipient=representative, key=f"call:{call.pk}:published"
    )
    assert published_again.count() == 1

"""Scores, ranking and tie rules, appeals and habilitação."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace as NS

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entities.models import Entity
from entities.partnerships.models import Appeal, CallLog, Proposal, Sanction
from entities.partnerships.services import appeals, habilitation, selection
from entities.partnerships.services.calls import call_transition

from .call_setup import (
    at,
    declared_members,
    in_evaluation,
    representative_of,
    score_all,
)

pytestmark = pytest.mark.django_db
P = Proposal.Status
D = Decimal


# -- the pure ranking -------------------------------------------------------------


def crit(pk, weight, cutoff=None, name=None):
    return NS(pk=pk, weight=D(weight), eliminatory_below=cutoff, name=name or f"C{pk}")


def prop(pk, approved_days_ago=100, submitted=0):
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    entity = NS(approved_at=base - dt.timedelta(days=approved_days_ago))
    return NS(pk=pk, entity=entity, submitted_at=base + dt.timedelta(hours=submitted))


def sc(proposal, criterion, value):
    return NS(proposal_id=proposal, criterion_id=criterion, value=D(value))


def test_weighted_mean_of_members():
    criteria = [crit(1, "2"), crit(2, "1")]
    results = selection.ranking(
        [prop(10)],
        criteria,
        [sc(10, 1, 8), sc(10, 1, 9), sc(10, 2, 7), sc(10, 2, 6)],
    )
    assert results[0].score == D("23.50")  # 2 × 8.5 + 6.5
    assert results[0].means == {1: D("8.50"), 2: D("6.50")}


@pytest.mark.parametrize(
    ("case", "scores", "older", "expected"),
    [
        # Higher score wins.
        ("score", {10: (5, 9), 20: (6, 9)}, 10, [20, 10]),
        # Same total (2×6+6 = 18 = 2×5+8): higher mean in the first criterion.
        ("first criterion", {10: (5, 8), 20: (6, 6)}, 10, [20, 10]),
        # Same everything: older approval in the registry.
        ("older approval", {10: (5, 5), 20: (5, 5)}, 20, [20, 10]),
        ("older approval", {10: (5, 5), 20: (5, 5)}, 10, [10, 20]),
    ],
)
def test_tie_rules(case, scores, older, expected):
    criteria = [crit(1, "2"), crit(2, "1")]
    proposals = [
        prop(pk, approved_days_ago=900 if pk == older else 100) for pk in (10, 20)
    ]
    given = [
        sc(pk, c, v)
        for pk, values in scores.items()
        for c, v in zip((1, 2), values, strict=True)
    ]
    ranked = selection.ranking(proposals, criteria, given)
    assert [r.proposal.pk for r in ranked] == expected, case
    assert [r.rank for r in ranked] == [1, 2]


def test_eliminatory_cutoff():
    criteria = [crit(1, "1", cutoff=D("5"), name="Adequação"), crit(2, "3")]
    ranked = selection.ranking(
        [prop(10), prop(20)],
        criteria,
        [sc(10, 1, "4.99"), sc(10, 2, 10), sc(20, 1, 5), sc(20, 2, 1)],
    )
    assert [(r.proposal.pk, r.rank, r.eliminated_by) for r in ranked] == [
        (20, 1, []),
        (10, None, ["Adequação"]),
    ]


# -- scores through the service -----------------------------------------------------


@pytest.fixture
def judged(call, staff_user):
    call, (p1, p2) = in_evaluation(call, staff_user)
    return call, p1, p2


def test_score_out_of_range_is_refused(judged):
    call, p1, _p2 = judged
    [member] = declared_members(call, n=1)
    criterion = call.criteria.first()
    for value in (D("-0.01"), D("10.01")):
        with pytest.raises(ValidationError) as refused:
            selection.score_record(
                proposal=p1, criterion=criterion, by=member.user, value=value
            )
        assert refused.value.message_dict["value"] == [
            "A nota deve estar entre 0 e 10."
        ]


def test_impeded_member_cannot_score_that_entity(judged):
    call, p1, p2 = judged
    [member] = declared_members(call, n=1, impeded={0: [p1.entity_id]})
    criterion = call.criteria.first()
    with pytest.raises(ValidationError, match="impedimento"):
        selection.score_record(
            proposal=p1, criterion=criterion, by=member.user, value=D(5)
        )
    selection.score_record(proposal=p2, criterion=criterion, by=member.user, value=D(5))


def test_undeclared_member_cannot_score(judged):
    from tests.factories.partnerships import CommitteeMemberFactory

    call, p1, _p2 = judged
    member = CommitteeMemberFactory(call=call)
    with pytest.raises(ValidationError, match="Declare"):
        selection.score_record(
            proposal=p1, criterion=call.criteria.first(), by=member.user, value=D(5)
        )


def test_member_of_another_call_cannot_score(judged, committee_member):
    from tests.factories.partnerships import CallFactory, CommitteeMemberFactory

    call, p1, _p2 = judged
    stranger = CommitteeMemberFactory(call=CallFactory())
    with pytest.raises(PermissionDenied):
        selection.score_record(
            proposal=p1, criterion=call.criteria.first(), by=stranger.user, value=D(5)
        )


def test_a_second_score_corrects_the_first(judged):
    call, p1, _p2 = judged
    [member] = declared_members(call, n=1)
    criterion = call.criteria.first()
    selection.score_record(proposal=p1, criterion=criterion, by=member.user, value=D(5))
    score = selection.score_record(
        proposal=p1, criterion=criterion, by=member.user, value=D(7)
    )
    assert score.value == D(7)
    assert p1.scores.count() == 1


# -- appeals ------------------------------------------------------------------------


@pytest.fixture
def prelim(judged, staff_user, user_factory):
    call, p1, p2 = judged
    members = declared_members(call)
    score_all(call, members, {p1: [[8, 9], [7, 7]], p2: [[5, 6], [9, 9]]})
    call = call_transition(
        call_id=call.pk, action="publish_preliminary", actor=staff_user, now=at(43)
    )
    rep2 = representative_of(p2.entity, user_factory)
    return NS(call=call, p1=p1, p2=p2, members=members, rep2=rep2)


def test_appeal_in_the_window(prelim):
    appeal = appeals.appeal_file(
        proposal=prelim.p2, by=prelim.rep2, text="Nota errada", now=at(44)
    )
    assert appeal.outcome == Appeal.Outcome.PENDING
    with pytest.raises(ValidationError, match="já tem um recurso"):
        appeals.appeal_file(
            proposal=prelim.p2, by=prelim.rep2, text="De novo", now=at(44)
        )


def test_appeal_after_the_window_is_refused(prelim):
    with pytest.raises(ValidationError) as refused:
        appeals.appeal_file(
            proposal=prelim.p2, by=prelim.rep2, text="Tarde", now=at(48)
        )
    assert "O prazo de recurso terminou em" in refused.value.messages[0]
    assert not Appeal.objects.exists()


def test_appeal_by_someone_else_is_refused(prelim, other_representative):
    with pytest.raises(PermissionDenied):
        appeals.appeal_file(
            proposal=prelim.p2, by=other_representative, text="x", now=at(44)
        )


def test_granted_appeal_reranks_and_logs(prelim, staff_user):
    appeal = appeals.appeal_file(
        proposal=prelim.p2, by=prelim.rep2, text="Reveja", now=at(44)
    )
    # The committee reconsiders p2 while its appeal is pending.
    first = prelim.call.criteria.order_by("position").first()
    for member in prelim.members:
        selection.score_record(
            proposal=prelim.p2, criterion=first, by=member.user, value=D(10)
        )
    appeals.appeal_decide(
        appeal=appeal,
        by=staff_user,
        outcome="granted",
        decision="Nota revista.",
        now=at(45),
    )
    prelim.p1.refresh_from_db()
    prelim.p2.refresh_from_db()
    assert (prelim.p2.rank, prelim.p2.score) == (1, D("29.00"))  # 2×10 + 9
    assert prelim.p1.rank == 2
    log = CallLog.objects.get(action="appeal_decide")
    assert log.data["before"]
    assert log.data["after"]


def test_decision_needs_reasons_and_staff(prelim, staff_user, committee_member):
    appeal = appeals.appeal_file(
        proposal=prelim.p2, by=prelim.rep2, text="x", now=at(44)
    )
    with pytest.raises(ValidationError):
        appeals.appeal_decide(
            appeal=appeal, by=staff_user, outcome="denied", decision=""
        )
    with pytest.raises(PermissionDenied):
        appeals.appeal_decide(
            appeal=appeal, by=committee_member, outcome="denied", decision="x"
        )


# -- habilitação --------------------------------------------------------------------


@pytest.fixture
def homologated(prelim, staff_user):
    for p in (prelim.p1, prelim.p2):
        Entity.objects.filter(pk=p.entity_id).update(founded_on=dt.date(2010, 1, 1))
    call_transition(
        call_id=prelim.call.pk, action="homologate", actor=staff_user, now=at(49)
    )
    return prelim


def test_habilitated(homologated, staff_user):
    proposal = habilitation.habilitation_decide(call=homologated.call, by=staff_user)
    assert proposal.pk == homologated.p1.pk
    assert proposal.status == P.HABILITATED
    call = call_transition(
        call_id=homologated.call.pk, action="conclude", actor=staff_user
    )
    assert call.status == "concluded"


def test_not_habilitated_invites_the_next(homologated, staff_user):
    Sanction.objects.create(
        entity=homologated.p1.entity,
        kind="inidoneidade",
        status="applied",
        grounds="x",
        defence_due_on=dt.date(2026, 1, 1),
        starts_on=dt.date(2026, 1, 1),
    )
    proposal = habilitation.habilitation_decide(call=homologated.call, by=staff_user)
    assert proposal.status == P.NOT_HABILITATED
    assert "art. 73" in proposal.decision_note
    homologated.p2.refresh_from_db()
    assert homologated.p2.status == P.SELECTED
    second = habilitation.habilitation_decide(
        call=homologated.call,
        by=staff_user,
        other_problems="Faltou a declaração do art. 39.",
    )
    assert second.status == P.NOT_HABILITATED
    assert "declaração" in second.decision_note


def test_habilitation_before_homologation_is_refused(prelim, staff_user):
    with pytest.raises(ValidationError):
        habilitation.habilitation_decide(call=prelim.call, by=staff_user)

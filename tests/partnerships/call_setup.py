"""Building blocks of the chamamento tests: a call in any status, proposals
with scores, all through the services so every guard is exercised."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from entities.partnerships.models import Call, CallDocument, Proposal, ProposalDocument
from entities.partnerships.services import selection
from entities.partnerships.services.calls import call_transition
from tests.factories.councils import approved_entity
from tests.factories.entities import RepresentativeFactory, pdf_upload
from tests.factories.partnerships import CommitteeMemberFactory, CriterionFactory

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def ready_draft(call: Call, *, criteria=None) -> Call:
    """A draft with an edital document, criteria and 40 days for proposals."""
    for position, (weight, max_score, cutoff) in enumerate(
        criteria or [("2", "10", None), ("1", "10", None)]
    ):
        CriterionFactory(
            call=call,
            position=position,
            weight=Decimal(weight),
            max_score=Decimal(max_score),
            eliminatory_below=Decimal(cutoff) if cutoff else None,
        )
    CallDocument.objects.create(
        call=call, kind=CallDocument.Kind.EDITAL, title="Edital", file=pdf_upload()
    )
    Call.objects.filter(pk=call.pk).update(proposals_end_at=at(40))
    call.refresh_from_db()
    return call


def published(call: Call, staff) -> Call:
    ready_draft(call)
    return call_transition(call_id=call.pk, action="publish", actor=staff, now=T0)


def submitted_proposal(call: Call, entity=None, *, approved_days_ago=400) -> Proposal:
    """A proposal sent (written straight to the status: the proposal services
    have their own tests)."""
    entity = entity or approved_entity()
    from entities.models import Entity

    Entity.objects.filter(pk=entity.pk).update(
        approved_at=timezone.now() - dt.timedelta(days=approved_days_ago)
    )
    proposal = Proposal.objects.create(
        call=call,
        entity=entity,
        summary="Resumo",
        plan_draft="Plano",
        status=Proposal.Status.SUBMITTED,
        submitted_at=at(5),
    )
    ProposalDocument.objects.create(proposal=proposal, title="Plano", file=pdf_upload())
    return proposal


def representative_of(entity, user_factory):
    person = user_factory()
    RepresentativeFactory(entity=entity, user=person)
    return person


def in_evaluation(call: Call, staff, n_proposals=2):
    published(call, staff)
    proposals = [submitted_proposal(call) for _ in range(n_proposals)]
    call = call_transition(
        call_id=call.pk, action="close_proposals", actor=staff, now=at(41)
    )
    return call, proposals


def declared_members(call: Call, n=2, impeded=None):
    impeded = impeded or {}
    members = []
    for i in range(n):
        member = CommitteeMemberFactory(call=call)
        selection.committee_declare(
            call=call, by=member.user, impeded_entity_ids=impeded.get(i, ()), now=at(41)
        )
        members.append(member)
    return members


def score_all(call: Call, members, values) -> None:
    """values[proposal][criterion position] = list of one score per member
    (None: the member does not score, e.g. impeded)."""
    criteria = list(call.criteria.order_by("position"))
    for proposal, per_criterion in values.items():
        for criterion, member_scores in zip(criteria, per_criterion, strict=True):
            for member, value in zip(members, member_scores, strict=True):
                if value is None:
                    continue
                selection.score_record(
                    proposal=proposal,
                    criterion=criterion,
                    by=member.user,
                    value=Decimal(str(value)),
                    now=at(42),
                )

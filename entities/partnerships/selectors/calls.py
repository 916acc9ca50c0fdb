"""Reads of the chamamentos: the public list and page, a proposal with its
documents, the committee's work. Each owns its joins, so query counts stay
flat however many proposals, scores or appeals a call has."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch, QuerySet

from civic.querysets import given

from ..models import (
    Appeal,
    Call,
    CallDocument,
    CallLog,
    CommitteeMember,
    Criterion,
    InterestManifestation,
    Proposal,
)
from ..services.selection import criterion_means

S = Call.Status
P = Proposal.Status
PUBLIC_STATUSES = [s for s in S.values if s != S.DRAFT]
# Documents the public sees once the call is published: all of them (the
# edital, annexes, the draft instrument, results and decisions).
RESULT_STATUSES = (S.PRELIMINARY, S.HOMOLOGATED, S.CONCLUDED)


def calls_public(
    *, status: str = "", instrument: str = "", area: str = "", year: int | None = None
) -> QuerySet[Call]:
    """Published (and later) calls, newest first, with their body and area."""
    calls = Call.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "body", "policy_area"
    )
    calls = calls.filter(
        **given(
            status=status,
            instrument=instrument,
            policy_area__slug=area,
            published_at__year=year,
        )
    )
    return calls.order_by("-published_at", "-pk")


def call_public(slug: str) -> Call | None:
    """A call the public may see, with everything its page shows (None: 404)."""
    return (
        Call.objects.filter(slug=slug, status__in=PUBLIC_STATUSES)
        .select_related("body", "policy_area", "council", "pmis")
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk")),
            Prefetch(
                "documents", queryset=CallDocument.objects.order_by("uploaded_at", "pk")
            ),
        )
        .first()
    )


@dataclass
class ResultRow:
    proposal: Proposal
    means: list[Decimal | None]


def call_result(call: Call) -> list[ResultRow]:
    """The published result: ranked proposals then eliminated ones, with each
    criterion's mean; empty before the preliminary result."""
    if call.preliminary_published_at is None:
        return []
    proposals = (
        call.proposals.exclude(status__in=(P.DRAFT, P.SUBMITTED, P.WITHDRAWN))
        .select_related("entity")
        .order_by(F("rank").asc(nulls_last=True), "-score", "pk")
    )
    means = criterion_means(call)
    criteria = list(call.criteria.all())
    return [
        ResultRow(p, [means.get((p.pk, c.pk)) for c in criteria]) for p in proposals
    ]


def call_appeals(call: Call) -> list[Appeal]:
    """Appeals and decisions, oldest first (public once the result is)."""
    return list(
        Appeal.objects.filter(proposal__call=call)
        .select_related("proposal__entity")
        .order_by("filed_at", "pk")
    )


def call_history(call: Call, limit: int = 50) -> list[CallLog]:
    return list(call.log.select_related("actor").order_by("-created_at", "-pk")[:limit])


def proposal_of(call: Call, entity_id: int) -> Proposal | None:
    return (
        Proposal.objects.filter(call=call, entity_id=entity_id)
        .prefetch_related("documents", "appeals")
        .select_related("entity")
        .first()
    )


def proposals_of_entity(entity) -> list[Proposal]:
    """The entity's proposals for its dashboard, newest call first."""
    return list(
        Proposal.objects.filter(entity=entity)
        .select_related("call")
        .order_by("-call__published_at", "-pk")
    )


def committee_membership(call: Call, user) -> CommitteeMember | None:
    if not user.is_authenticated:
        return None
    return (
        CommitteeMember.objects.filter(call=call, user=user)
        .prefetch_related("impeded_entities")
        .first()
    )


def committee_proposals(call: Call) -> list[Proposal]:
    """What the committee judges (never drafts)."""
    return list(
        call.proposals.exclude(status__in=(P.DRAFT, P.WITHDRAWN))
        .select_related("entity")
        .prefetch_related("documents")
        .order_by("pk")
    )


def manifestations_published() -> QuerySet[InterestManifestation]:
    return InterestManifestation.objects.filter(
        status__in=(
            InterestManifestation.Status.PUBLISHED,
            InterestManifestation.Status.CALL_OPENED,
        )
    ).select_related("entity")

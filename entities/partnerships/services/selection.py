"""The comissão de seleção (art. 27): declarations of impediment, scores, and
the ranking they add up to.

The ranking (`ranking()`, pure; `rank_call()`, which writes it):

- a member's score for a criterion is in [0, max_score]; a member who declared
  an impediment with the entity (art. 27 §2) never scores it;
- per criterion, the proposal's grade is the mean of the scores of the members
  who scored it; its final score is Σ weight × mean, rounded to centavos of a
  point (2 places, half up) — the figure the public sees;
- a proposal whose mean in a criterion falls below that criterion's
  `eliminatory_below` is eliminated, with the criteria named;
- the others are ranked by final score, higher first. Ties, in order:
  1. the higher mean in the first criterion (by position),
  2. the older approval in the registry (`Entity.approved_at`),
  3. the earlier submission, then the proposal id (stable, never random).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entities.models import Entity

from ..models import (
    Appeal,
    Call,
    CommitteeMember,
    Criterion,
    Proposal,
    Score,
)
from .call_log import log_call

S = Call.Status
P = Proposal.Status
CENTS = Decimal("0.01")
# Proposals that take part in the ranking (after closing, before homologation).
COMPETING = (P.SUBMITTED, P.RANKED, P.ELIMINATED)
FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


# -- declarations and scores -------------------------------------------------


def committee_declare(
    *, call: Call, by, impeded_entity_ids=(), now: dt.datetime | None = None
) -> CommitteeMember:
    """A member declares, before scoring, that they are not impeded, or names
    the entities they had a legal relation with in the last 5 years (art. 27 §2)."""
    now = now or timezone.now()
    with transaction.atomic():
        member = (
            CommitteeMember.objects.select_for_update()
            .filter(call=call, user=by)
            .first()
        )
        if member is None:
            raise PermissionDenied
        if call.status not in (S.PUBLISHED, S.EVALUATION):
            raise ValidationError(
                _("A declaração é feita antes do julgamento das propostas.")
            )
        if member.scores.exists():
            raise ValidationError(
                _("Você já atribuiu notas: a declaração não pode mais mudar.")
            )
        entity_ids = set(
            Entity.objects.filter(pk__in=list(impeded_entity_ids)).values_list(
                "pk", flat=True
            )
        )
        member.declared_at = now
        member.save(update_fields=["declared_at"])
        member.impeded_entities.set(entity_ids)
        log_call(
            call,
            "committee_declare",
            actor=by,
            note=_("Declaração de impedimento de membro da comissão de seleção."),
            data={"member": member.pk, "impeded_entities": sorted(entity_ids)},
            now=now,
        )
    return member


def score_record(
    *,
    proposal: Proposal,
    criterion: Criterion,
    by,
    value: Decimal,
    justification: str = "",
    now: dt.datetime | None = None,
) -> Score:
    """One member's score for one criterion of one proposal; a second call
    corrects it. Refused outside [0, max_score], before the declaration, or
    for an entity the member declared an impediment with (art. 27 §2)."""
    now = now or timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=proposal.call_id)
        member = (
            CommitteeMember.objects.filter(call=call, user=by)
            .prefetch_related("impeded_entities")
            .first()
        )
        if member is None or criterion.call_id != call.pk:
            raise PermissionDenied
        proposal = Proposal.objects.get(pk=proposal.pk)
        _check_scoring_open(call, proposal)
        if member.declared_at is None:
            raise ValidationError(
                _("Declare antes se tem impedimento com alguma entidade (art. 27 §2).")
            )
        if any(e.pk == proposal.entity_id for e in member.impeded_entities.all()):
            raise ValidationError(
                _(
                    "Você declarou impedimento com esta entidade e não pode avaliar "
                    "a proposta dela (art. 27 §2)."
                )
            )
        if value is None or value < 0 or value > criterion.max_score:
            raise ValidationError(
                {
                    "value": _("A nota deve estar entre 0 e %(max)s.")
                    % {"max": _number(criterion.max_score)}
                }
            )
        score, _created = Score.objects.update_or_create(
            proposal=proposal,
            criterion=criterion,
            member=member,
            defaults={
                "value": value,
                "justification": justification.strip(),
                "scored_at": now,
            },
        )
    return score


def _check_scoring_open(call: Call, proposal: Proposal) -> None:
    """Scores are given while the committee judges; after the preliminary
    result, only to reconsider a proposal whose appeal is pending."""
    if call.status == S.EVALUATION and proposal.status in COMPETING:
        return
    if (
        call.status == S.PRELIMINARY
        and proposal.appeals.filter(outcome=Appeal.Outcome.PENDING).exists()
    ):
        return
    raise ValidationError(
        _("As notas só podem ser dadas durante o julgamento pela comissão.")
    )


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


# -- completeness ------------------------------------------------------------


def scoring_problems(call: Call) -> list[str]:
    """What stops the preliminary result: members who have not declared, and
    scores still missing from members who may score each proposal."""
    members = list(
        call.committee.select_related("user").prefetch_related("impeded_entities")
    )
    criteria = list(call.criteria.all())
    if not members:
        return [_("Designe a comissão de seleção (art. 27 §1).")]
    problems = [
        _("%(name)s ainda não declarou se tem impedimento.") % {"name": _member_name(m)}
        for m in members
        if m.declared_at is None
    ]
    if problems:
        return problems
    given = set(
        Score.objects.filter(proposal__call=call).values_list(
            "proposal_id", "criterion_id", "member_id"
        )
    )
    for proposal in call.proposals.filter(status__in=COMPETING).select_related(
        "entity"
    ):
        scorers = [m for m in members if not _impeded(m, proposal)]
        if not scorers:
            problems.append(
                _(
                    "Todos os membros estão impedidos de avaliar a proposta de %(entity)s."
                )
                % {"entity": proposal.entity}
            )
            continue
        missing = sum(
            1
            for m in scorers
            for c in criteria
            if (proposal.pk, c.pk, m.pk) not in given
        )
        if missing:
            problems.append(
                _("Faltam %(count)s notas na proposta de %(entity)s.")
                % {"count": missing, "entity": proposal.entity}
            )
    return problems


def _impeded(member: CommitteeMember, proposal: Proposal) -> bool:
    return any(e.pk == proposal.entity_id for e in member.impeded_entities.all())


def _member_name(member: CommitteeMember) -> str:
    user = member.user
    return getattr(user, "display_name", "") or str(user)


# -- ranking -------------------------------------------------------------------


@dataclass
class Result:
    """A proposal's computed outcome."""

    proposal: Proposal
    means: dict[int, Decimal] = field(default_factory=dict)
    score: Decimal = Decimal("0")
    eliminated_by: list[str] = field(default_factory=list)
    rank: int | None = None

    def sort_key(self, first_criterion_id: int | None):
        entity = self.proposal.entity
        return (
            -self.score,
            -self.means.get(first_criterion_id, Decimal("0")),
            entity.approved_at or FAR_FUTURE,
            self.proposal.submitted_at or FAR_FUTURE,
            self.proposal.pk,
        )


def ranking(proposals, criteria, scores) -> list[Result]:
    """Pure: the results of the proposals from their scores (see the module
    docstring for the arithmetic and the tie rules), ranked ones first."""
    values: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for score in scores:
        values[(score.proposal_id, score.criterion_id)].append(score.value)
    results = []
    for proposal in proposals:
        result = Result(proposal)
        total = Decimal("0")
        for criterion in criteria:
            given = values.get((proposal.pk, criterion.pk), [])
            mean = (
                _round(sum(given, Decimal("0")) / len(given)) if given else Decimal("0")
            )
            result.means[criterion.pk] = mean
            total += criterion.weight * mean
            cutoff = criterion.eliminatory_below
            if cutoff is not None and mean < cutoff:
                result.eliminated_by.append(criterion.name)
        result.score = _round(total)
        results.append(result)
    first = criteria[0].pk if criteria else None
    ranked = sorted(
        (r for r in results if not r.eliminated_by), key=lambda r: r.sort_key(first)
    )
    for position, result in enumerate(ranked, start=1):
        result.rank = position
    eliminated = [r for r in results if r.eliminated_by]
    return ranked + eliminated


def rank_call(call: Call) -> list[dict]:
    """Compute and save every competing proposal's score, rank or elimination
    (the preliminary result, or its recomputation after a granted appeal);
    returns the ranking for the log."""
    criteria = list(call.criteria.order_by("position", "pk"))
    proposals = list(
        call.proposals.filter(status__in=COMPETING).select_related("entity")
    )
    scores = Score.objects.filter(proposal__call=call).only(
        "proposal_id", "criterion_id", "value"
    )
    summary = []
    for result in ranking(proposals, criteria, scores):
        proposal = result.proposal
        if result.eliminated_by:
            proposal.status = P.ELIMINATED
            proposal.decision_note = _(
                "Eliminada: nota abaixo do mínimo em %(criteria)s."
            ) % {"criteria": "; ".join(result.eliminated_by)}
        else:
            proposal.status = P.RANKED
            proposal.decision_note = ""
        proposal.score, proposal.rank = result.score, result.rank
        proposal.save(update_fields=["status", "decision_note", "score", "rank"])
        summary.append(
            {"proposal": proposal.pk, "score": str(result.score), "rank": result.rank}
        )
    return summary


def criterion_means(call: Call) -> dict[tuple[int, int], Decimal]:
    """(proposal id, criterion id) → mean score, for the public result."""
    values: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for proposal_id, criterion_id, value in Score.objects.filter(
        proposal__call=call
    ).values_list("proposal_id", "criterion_id", "value"):
        values[(proposal_id, criterion_id)].append(value)
    return {key: _round(sum(v, Decimal("0")) / len(v)) for key, v in values.items()}

"""A chamamento of the demo walked through the real services, with explicit
moments in the past (each service takes `now`), so the log, the deadlines,
the scores and the ranking are the ones the platform itself would produce."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile

from consultations.models import Body, PolicyArea
from councils.models import Council
from entities.demo import DEMO_PDF, ensure_demo_entity

from ..models import Appeal, Call, CallDocument, Proposal
from ..services import appeals, call_setup, calls, habilitation, proposals, selection
from . import people
from .texts import CallSpec, entity_spec

HALF = Decimal("0.5")


@dataclass(frozen=True)
class Timeline:
    """When each step of a chamamento happened (aware datetimes)."""

    published: dt.datetime
    proposals_end: dt.datetime
    closed: dt.datetime
    preliminary: dt.datetime
    appeal_filed: dt.datetime | None = None
    homologated: dt.datetime | None = None


def pdf(name: str) -> ContentFile:
    upload = ContentFile(DEMO_PDF, name=name)
    upload.content_type = "application/pdf"
    return upload


def _entity(index: int, *, staff, citizen):
    entity, _created = ensure_demo_entity(
        entity_spec(index), representative=citizen, reviewer=staff, seq=index
    )
    return entity


def _draft(spec: CallSpec, when: Timeline, *, staff, committee) -> Call:
    call = Call.objects.create(
        slug=spec.slug,
        number=spec.number.format(year=when.published.year),
        title=spec.title,
        instrument="fomento",
        body=Body.objects.get(acronym=spec.body),
        policy_area=PolicyArea.objects.filter(name=spec.area).first(),
        council=Council.objects.get(slug=spec.council),
        object=spec.object,
        budget_line=spec.budget_line,
        expected_value=spec.value,
        proposal_rules=spec.proposal_rules,
        appeal_rules=spec.appeal_rules,
        accessibility=spec.accessibility,
        proposals_end_at=when.proposals_end,
        created_at=when.published - dt.timedelta(days=7),
    )
    for position, (name, weight, top, cutoff) in enumerate(spec.criteria):
        call_setup.criterion_add(
            call=call,
            by=staff,
            position=position,
            name=name,
            weight=weight,
            max_score=top,
            eliminatory_below=cutoff,
        )
    call_setup.document_add(
        call=call,
        by=staff,
        kind=CallDocument.Kind.EDITAL,
        title=f"Edital {call.number}",
        file=pdf("edital.pdf"),
    )
    for number, member in enumerate(committee, start=1):
        call_setup.member_add(
            call=call,
            by=staff,
            user=member,
            designation_act=f"Portaria SRSC nº {40 + number}/{when.published.year}",
        )
    return call


def _propose(call: Call, spec: CallSpec, when: Timeline, *, staff, citizen):
    made = []
    for offset, proposal_spec in enumerate(spec.proposals):
        entity = _entity(proposal_spec.entity, staff=staff, citizen=citizen)
        by = people.representative_of(entity)
        moment = when.published + dt.timedelta(days=3 + 4 * offset)
        proposal = proposals.proposal_save(
            call=call,
            entity=entity,
            by=by,
            summary=proposal_spec.summary,
            requested_value=proposal_spec.value,
            plan_draft=spec.plan,
            now=moment,
        )
        proposals.proposal_document_add(
            proposal=proposal,
            by=by,
            title="Plano de trabalho e orçamento",
            file=pdf("plano.pdf"),
            now=moment,
        )
        proposals.proposal_submit(proposal=proposal, by=by, now=moment)
        made.append((proposal, proposal_spec))
    return made


def _score(call: Call, made, committee, when: Timeline) -> None:
    call = Call.objects.get(pk=call.pk)
    criteria = list(call.criteria.order_by("position", "pk"))
    for member in committee:
        selection.committee_declare(call=call, by=member, now=when.closed)
    moment = when.closed + dt.timedelta(days=1)
    for proposal, proposal_spec in made:
        for criterion, mean in zip(criteria, proposal_spec.scores, strict=True):
            # Two members, half a point apart where the range allows it, so
            # each mean is exactly the spec's.
            spread = HALF if HALF <= mean <= criterion.max_score - HALF else 0
            for member, value in zip(
                committee, (mean - spread, mean + spread), strict=True
            ):
                selection.score_record(
                    proposal=proposal,
                    criterion=criterion,
                    by=member,
                    value=value,
                    justification="Conforme o plano de trabalho e os anexos.",
                    now=moment,
                )


def walk_call(spec: CallSpec, when: Timeline, *, staff, citizen) -> Call:
    """Create the chamamento and take it as far as `when` says: published,
    proposals in, scored, preliminary result; then an appeal (pending), or
    homologation and habilitação of the first ranked."""
    committee = [people.committee_account(), people.committee_people()[0]]
    call = _draft(spec, when, staff=staff, committee=committee)
    calls.call_transition(
        call_id=call.pk, action="publish", actor=staff, now=when.published
    )
    made = _propose(call, spec, when, staff=staff, citizen=citizen)
    calls.call_transition(
        call_id=call.pk, action="close_proposals", actor=staff, now=when.closed
    )
    _score(call, made, committee, when)
    calls.call_transition(
        call_id=call.pk,
        action="publish_preliminary",
        actor=staff,
        note="Resultado preliminar conforme a ata da comissão de seleção.",
        now=when.preliminary,
    )
    call_setup.document_add(
        call=call,
        by=staff,
        kind=CallDocument.Kind.RESULT,
        title="Ata de julgamento e resultado preliminar",
        file=pdf("resultado-preliminar.pdf"),
    )
    if when.appeal_filed and spec.appeal:
        appellant = Proposal.objects.get(call=call, entity=made[-1][0].entity)
        appeals.appeal_file(
            proposal=appellant,
            by=people.representative_of(appellant.entity),
            text=spec.appeal,
            now=when.appeal_filed,
        )
    if when.homologated:
        calls.call_transition(
            call_id=call.pk,
            action="homologate",
            actor=staff,
            note="Homologação publicada no Diário Oficial do Município.",
            now=when.homologated,
        )
        habilitation.habilitation_decide(
            call=call, by=staff, now=when.homologated + dt.timedelta(days=5)
        )
        call_setup.document_add(
            call=call,
            by=staff,
            kind=CallDocument.Kind.HOMOLOGATION,
            title="Homologação do resultado",
            file=pdf("homologacao.pdf"),
        )
        calls.call_transition(
            call_id=call.pk,
            action="conclude",
            actor=staff,
            now=when.homologated + dt.timedelta(days=6),
        )
    return Call.objects.get(pk=call.pk)


def pending_appeals(call: Call) -> int:
    return Appeal.objects.filter(
        proposal__call=call, outcome=Appeal.Outcome.PENDING
    ).count()

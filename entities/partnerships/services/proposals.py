"""Proposals (art. 24 §1 IV): an approved, non-sanctioned entity's
representative writes a draft with its plano de trabalho and private
documents, and submits it before the deadline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.uploads import validate_upload
from civic.workflow import refuse_duplicate
from entities.models import Entity

from ..models import Call, Proposal, ProposalDocument
from ..notifications import calls as notifications
from ..rules import represented_entities
from .call_log import log_call
from .eligibility import proposal_problems

P = Proposal.Status


def proposals_open(call: Call, now: dt.datetime | None = None) -> bool:
    """The call receives proposals now (published, before the deadline)."""
    now = now or timezone.now()
    return call.status == Call.Status.PUBLISHED and now < call.proposals_end_at


def proposal_refusals(
    call: Call, entity: Entity, now: dt.datetime | None = None
) -> list[str]:
    """Why this entity may not write or send a proposal to this call now."""
    now = now or timezone.now()
    problems = []
    if not proposals_open(call, now):
        problems.append(
            _("O prazo para propostas deste chamamento terminou ou não está aberto.")
        )
    problems.extend(proposal_problems(entity, timezone.localdate(now)))
    return problems


def _check(call: Call, entity: Entity, by, now: dt.datetime) -> None:
    if entity.pk not in represented_entities(by):
        raise PermissionDenied
    problems = proposal_refusals(call, entity, now)
    if problems:
        raise ValidationError(problems)


def proposal_save(
    *,
    call: Call,
    entity: Entity,
    by,
    summary: str,
    requested_value: Decimal | None = None,
    plan_draft: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    """Create or correct the entity's draft proposal (one per entity and call)."""
    now = now or timezone.now()
    with refuse_duplicate(_("Esta entidade já tem uma proposta neste chamamento.")):
        with transaction.atomic():
            call = Call.objects.select_for_update().get(pk=call.pk)
            _check(call, entity, by, now)
            proposal = (
                Proposal.objects.select_for_update()
                .filter(call=call, entity=entity)
                .first()
            )
            if proposal is None:
                proposal = Proposal(call=call, entity=entity, created_at=now)
            elif proposal.status != P.DRAFT:
                raise ValidationError(
                    _("A proposta já foi enviada e não pode mais ser alterada.")
                )
            proposal.summary = summary.strip()
            proposal.requested_value = requested_value
            proposal.plan_draft = plan_draft.strip()
            proposal.submitted_by = by
            proposal.save()
    return proposal


def _locked_draft(proposal: Proposal, by, now: dt.datetime) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("call", "entity")
        .get(pk=proposal.pk)
    )
    _check(proposal.call, proposal.entity, by, now)
    if proposal.status != P.DRAFT:
        raise ValidationError(
            _("A proposta já foi enviada e não pode mais ser alterada.")
        )
    return proposal


def proposal_document_add(
    *, proposal: Proposal, by, title: str, file, now: dt.datetime | None = None
) -> ProposalDocument:
    """Attach a private document (PDF or image, checked by content) to a draft."""
    now = now or timezone.now()
    try:
        validate_upload(file, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        proposal = _locked_draft(proposal, by, now)
        return ProposalDocument.objects.create(
            proposal=proposal, title=title.strip(), file=file, uploaded_at=now
        )


def proposal_document_remove(
    *, document: ProposalDocument, by, now: dt.datetime | None = None
) -> None:
    """Remove a document from a draft proposal."""
    now = now or timezone.now()
    with transaction.atomic():
        _locked_draft(document.proposal, by, now)
        document.file.delete(save=False)
        document.delete()


def proposal_submit(
    *, proposal: Proposal, by, now: dt.datetime | None = None
) -> Proposal:
    """Send the draft before `proposals_end_at`; it then goes to the committee
    as it is. Needs the summary, the draft plano de trabalho and a document."""
    now = now or timezone.now()
    with transaction.atomic():
        proposal = _locked_draft(proposal, by, now)
        errors: dict[str, list[str]] = {}
        if not proposal.summary:
            errors["summary"] = [_("Escreva o resumo da proposta.")]
        if not proposal.plan_draft:
            errors["plan_draft"] = [_("Escreva a minuta do plano de trabalho.")]
        if not proposal.documents.exists():
            errors["file"] = [_("Anexe pelo menos um documento à proposta.")]
        if errors:
            raise ValidationError(errors)
        proposal.status = P.SUBMITTED
        proposal.submitted_at = now
        proposal.submitted_by = by
        proposal.save(update_fields=["status", "submitted_at", "submitted_by"])
        log_call(
            proposal.call,
            "proposal_submit",
            actor=by,
            data={"proposal": proposal.pk, "entity": proposal.entity_id},
            now=now,
        )
        notifications.proposal_received(proposal)
    return proposal

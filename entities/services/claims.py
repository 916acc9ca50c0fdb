"""Claiming an imported entity that nobody represents yet."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.uploads import validate_upload
from civic.workflow import refuse_duplicate

from .. import notifications
from ..models import Claim, Entity, Representative
from ..rules import forget_representations
from .workflow import entity_workflow


def claim_submit(
    *, entity: Entity, by, proof_kind: str, proof, message: str = ""
) -> Claim:
    """Ask to represent an entity, with an ata or procuração as proof."""
    if not by.has_perm("entities.claim_entity", entity):
        raise PermissionDenied
    kind = validate_upload(proof, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
    claim = Claim(
        entity=entity,
        claimant=by,
        proof_kind=proof_kind,
        proof_name=(proof.name or "comprovante")[:255],
        proof_content_type=kind.mime,
        message=message,
    )
    with (
        refuse_duplicate(_("Você já tem um pedido em análise para esta entidade.")),
        transaction.atomic(),
    ):
        claim.proof.save(
            proof.name or f"comprovante{kind.extensions[0]}", proof, save=False
        )
        claim.save()
        notifications.claim_submitted(claim)
    return claim


def claim_decide(*, claim_id: int, approve: bool, by, note: str = "") -> Claim:
    """Staff approve (the claimant becomes primary representative) or refuse."""
    note = (note or "").strip()
    with transaction.atomic():
        claim = (
            Claim.objects.select_for_update().select_related("entity").get(pk=claim_id)
        )
        if not by.has_perm("entities.review_claim", claim):
            raise PermissionDenied
        if claim.status != Claim.Status.PENDING:
            raise ValidationError(_("Este pedido já foi decidido."), code="decided")
        if not approve and not note:
            raise ValidationError(
                {
                    "note": ValidationError(
                        _("Explique o motivo da recusa."), code="note_required"
                    )
                }
            )
        entity = Entity.objects.select_for_update().get(pk=claim.entity_id)
        now = timezone.now()
        if approve:
            if entity.representatives.exists():
                raise ValidationError(
                    _("A entidade já tem representantes; recuse este pedido."),
                    code="already_represented",
                )
            Representative.objects.create(
                entity=entity, user=claim.claimant, is_primary=True
            )
            entity_workflow.record(
                entity, action="claim_approved", actor=by, note=note, now=now
            )
        claim.status = Claim.Status.APPROVED if approve else Claim.Status.REFUSED
        claim.decided_at, claim.decided_by, claim.decision_note = now, by, note
        claim.save(
            update_fields=["status", "decided_at", "decided_by", "decision_note"]
        )
        notifications.claim_decided(claim)
        if approve:
            # The public profile stops offering "Represento esta entidade".
            transaction.on_commit(invalidate_public_pages)
            # Other people's pending claims on the same entity are now moot.
            for other in Claim.objects.filter(
                entity=entity, status=Claim.Status.PENDING
            ):
                other.status = Claim.Status.REFUSED
                other.decided_at, other.decided_by = now, by
                other.decision_note = _("Outro pedido para esta entidade foi aprovado.")
                other.save(
                    update_fields=[
                        "status",
                        "decided_at",
                        "decided_by",
                        "decision_note",
                    ]
                )
                notifications.claim_decided(other)
    forget_representations(claim.claimant)
    return claim

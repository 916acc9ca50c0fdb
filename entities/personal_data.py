"""The registry's part in LGPD requests: what it holds about a person, and what
goes when their account is erased."""

from civic.accounts.personal_data import register_eraser, register_exporter

from .models import Claim, Invitation, Representative


def export(user) -> dict:
    return {
        "representations": [
            {
                "entity": r.entity.display_name,
                "primary": r.is_primary,
                "since": r.added_at,
            }
            for r in Representative.objects.filter(user=user).select_related("entity")
        ],
        "claims": [
            {
                "entity": c.entity.display_name,
                "proof": c.get_proof_kind_display(),
                "status": c.get_status_display(),
                "message": c.message,
                "sent_at": c.created_at,
                "decided_at": c.decided_at,
            }
            for c in Claim.objects.filter(claimant=user).select_related("entity")
        ],
        "invitations_received": [
            {
                "entity": i.entity.display_name,
                "sent_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "entity"
            )
        ],
    }


def erase(user) -> None:
    """Stop representing entities; hand the primary role to the longest-serving
    other representative so no entity is left without a responsável needlessly."""
    for rep in Representative.objects.filter(user=user, is_primary=True):
        successor = (
            Representative.objects.filter(entity_id=rep.entity_id)
            .exclude(user=user)
            .order_by("added_at", "pk")
            .first()
        )
        rep.delete()
        if successor is not None:
            Representative.objects.filter(pk=successor.pk).update(is_primary=True)
    Representative.objects.filter(user=user).delete()
    # Proof files of claims are personal documents: delete them with the claims.
    for claim in Claim.objects.filter(claimant=user):
        claim.proof.delete(save=False)
        claim.delete()
    # Every invitation to the address goes, accepted ones too: the entity's
    # history keeps the join (an EntityEvent naming the anonymised account),
    # so the address is all an accepted invitation still held.
    Invitation.objects.filter(email__iexact=user.email).delete()


register_exporter("entities", export)
register_eraser(erase)

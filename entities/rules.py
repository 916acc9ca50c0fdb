"""Who may do what in the entity registry (django-rules).

Views, templates, services and the admin all ask `user.has_perm(perm, entity)`.
"""

import rules

from civic.accounts.rules import is_active_user
from civic.permissions import holds

from .models import Entity

# SRSC staff who review registrations: the `entities.review_entity` permission,
# held through the "Equipe SRSC" group (superusers hold it too).
is_reviewer = holds("entities.review_entity")


@rules.predicate
def is_representative(user, entity) -> bool:
    """The person represents this entity."""
    if entity is None or not user.is_authenticated:
        return False
    cache = _representations(user)
    return entity.pk in cache


@rules.predicate
def is_primary_representative(user, entity) -> bool:
    """The person is the entity's primary representative (responsável)."""
    if entity is None or not user.is_authenticated:
        return False
    return _representations(user).get(entity.pk, False)


@rules.predicate
def is_listed(user, entity) -> bool:
    """The entity shows in the public directory."""
    return entity is not None and entity.status == Entity.Status.APPROVED


@rules.predicate
def is_editable_status(user, entity) -> bool:
    """Not frozen for review and not suspended."""
    return entity is not None and entity.status not in {
        Entity.Status.SUBMITTED,
        Entity.Status.RESUBMITTED,
        Entity.Status.SUSPENDED,
    }


@rules.predicate
def is_claimant(user, claim) -> bool:
    """The person asked to represent the entity with this claim."""
    return claim is not None and user.pk is not None and claim.claimant_id == user.pk


@rules.predicate
def has_no_representative(user, entity) -> bool:
    """Nobody represents the entity yet (typically imported from the Mapa das OSCs)."""
    return entity is not None and not entity.representatives.exists()


def _representations(user) -> dict[int, bool]:
    """{entity id: is primary} for the user, memoised on the user for the request."""
    cached = getattr(user, "_entity_representations", None)
    if cached is None:
        from .models import Representative

        cached = dict(
            Representative.objects.filter(user=user).values_list(
                "entity_id", "is_primary"
            )
        )
        user._entity_representations = cached
    return cached


def forget_representations(user) -> None:
    """Drop the memo after a change of representatives in the same request."""
    user.__dict__.pop("_entity_representations", None)


representative = is_active_user & is_representative
reviewer = is_active_user & is_reviewer

# Asked without an entity (the admin's listing and pages), only reviewers pass.
rules.add_perm("entities.view_entity", is_listed | representative | reviewer)
rules.add_perm("entities.review_entity", reviewer)
rules.add_perm("entities.change_entity", representative & is_editable_status)
rules.add_perm("entities.view_entity_dashboard", representative | reviewer)
rules.add_perm("entities.confirm_entity_data", representative)
# Board CPFs in full: only the representatives who typed them in. Reviewers see
# the middle digits (LGPD art. 6 III, necessity), as on the admin review page.
rules.add_perm("entities.view_board_cpf", representative)

# Workflow actions: `entities.<action>_entity`, one per row of the transition table.
rules.add_perm("entities.submit_entity", representative)
rules.add_perm("entities.resubmit_entity", representative)
rules.add_perm("entities.reopen_entity", representative)
# Lei 9.784/1999 art. 18 I: a reviewer who represents the entity has an interest
# in the matter and is impeded from deciding on it (EntityWorkflow also refuses
# superusers, whom Django's has_perm lets through every rule).
impartial_reviewer = reviewer & ~is_representative
rules.add_perm("entities.approve_entity", impartial_reviewer)
rules.add_perm("entities.request_changes_entity", impartial_reviewer)
rules.add_perm("entities.reject_entity", impartial_reviewer)
rules.add_perm("entities.suspend_entity", impartial_reviewer)
rules.add_perm("entities.reinstate_entity", impartial_reviewer)

# Speak for the entity elsewhere on the platform (contributions, speaker lists):
# its representatives, once the registry has approved it.
rules.add_perm("entities.act_for_entity", representative & is_listed)

rules.add_perm("entities.view_documents", representative | reviewer)
rules.add_perm("entities.upload_document", representative & is_editable_status)

rules.add_perm("entities.invite_representative", representative)
rules.add_perm(
    "entities.manage_representatives",
    (is_active_user & is_primary_representative) | reviewer,
)
rules.add_perm("entities.leave_entity", representative)

rules.add_perm(
    "entities.claim_entity", is_active_user & has_no_representative & ~is_representative
)
rules.add_perm("entities.view_claim", reviewer | (is_active_user & is_claimant))
rules.add_perm("entities.review_claim", reviewer)

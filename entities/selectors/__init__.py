"""Read use cases of the entity registry: the public directory (`directory`)
and the private side, dashboard and admin (`registry`)."""

from .directory import (  # noqa: F401
    RANK_CANDIDATES,
    DirectoryResult,
    count_up_to,
    directory_filter_options,
    directory_page,
    entities_directory,
    entity_public_profile,
    has_more_than,
    search_terms,
)
from .registry import (  # noqa: F401
    claim_for_review,
    claim_with_entity,
    entities_for_dashboard,
    entities_for_pages,
    entities_of_representative,
    entity_by_slug,
    entity_claims,
    entity_document,
    entity_documents,
    entity_for_profile_form,
    entity_for_review,
    entity_history,
    entity_invitation,
    entity_representative,
    entity_representatives,
    has_representatives,
    invitation_by_token,
    open_invitations,
    pending_claim,
    pending_claims_of,
)

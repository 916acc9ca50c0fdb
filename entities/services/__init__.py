"""Every write use case of the entity registry. Views, the admin, commands and
tasks call these; nothing else changes an entity's status or its people."""

from .claims import claim_decide, claim_submit  # noqa: F401
from .documents import (  # noqa: F401
    document_upload,
    regularity_compute,
    regularity_refresh,
    requirements_checklist,
)
from .profile import (  # noqa: F401
    board_update,
    entity_confirm_data,
    entity_register,
    entity_update,
)
from .representatives import (  # noqa: F401
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    representative_leave,
    representative_make_primary,
    representative_remove,
)
from .search import search_refresh  # noqa: F401
from .workflow import (  # noqa: F401
    EntityWorkflow,
    SubmissionIncomplete,
    entity_transition,
    entity_workflow,
    submission_problems,
)

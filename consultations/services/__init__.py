"""Every write use case of consultations, hearings and forums. Views, the admin,
commands and tasks call these; nothing else changes a status or a count."""

from civic.workflow import InvalidTransition  # noqa: F401

from .consultation_workflow import (  # noqa: F401
    CONSULTATION_TRANSITIONS,
    consultation_transition,
    consultations_tick,
)
from .contributions import (  # noqa: F401
    ContributionClosed,
    contribution_create,
    contribution_reply,
)
from .devices import devices_replace, parse_devices  # noqa: F401
from .documents import (  # noqa: F401
    consultation_document_add,
    consultation_document_remove,
)
from .event_contributions import (  # noqa: F401
    event_contribution_record,
    event_contribution_send,
)
from .event_details import event_delete, event_save, venue_save  # noqa: F401
from .event_workflow import (  # noqa: F401
    EVENT_TRANSITIONS,
    event_cancel,
    event_conclude,
    event_publish,
    event_reschedule,
)
from .follows import consultation_follow, follows_replace  # noqa: F401
from .moderation import (  # noqa: F401
    contribution_answer,
    contribution_moderate,
    speaker_topic_moderate,
)
from .reactions import report_abuse, support_toggle  # noqa: F401
from .registrations import (  # noqa: F401
    RegistrationClosed,
    registration_cancel,
    registration_check_in,
    registration_create,
    speaker_mark_spoke,
    speaker_request_create,
    speaker_request_withdraw,
)

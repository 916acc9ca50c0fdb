"""Every write use case of consultations, hearings and forums. Views, the admin,
commands and tasks call these; nothing else changes a status or a count."""

from .consultation_workflow import (  # noqa: F401
    CONSULTATION_TRANSITIONS,
    consultation_transition,
    consultations_tick,
)
from .event_workflow import (  # noqa: F401
    EVENT_TRANSITIONS,
    ShortNotice,
    event_cancel,
    event_conclude,
    event_publish,
    event_reschedule,
    schedule_conflicts,
)
from .registrations import (  # noqa: F401
    RegistrationClosed,
    registration_cancel,
    registration_check_in,
    registration_create,
    speaker_request_create,
    speaker_request_withdraw,
)
from .workflow import InvalidTransition  # noqa: F401

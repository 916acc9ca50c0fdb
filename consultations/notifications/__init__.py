"""What consultations, hearings and forums tell people, and whom: one module
per subject (`consultations`, `events`, `registrations`, `contributions`), the
kinds people choose in their preferences in `kinds`.

Every call carries a deterministic key, so a beat job that runs twice, or late,
tells nobody twice. The actor is never told about their own action. Services
and tasks call the names below.
"""

from .consultations import consultation_changed, consultation_closing_soon
from .contributions import contribution_moderated, contribution_replied
from .events import event_cancelled, event_concluded, event_published, event_rescheduled
from .kinds import (
    CONSULTATION_UPDATE,
    CONTRIBUTION_UPDATE,
    EVENT_CHANGED,
    EVENT_REMINDER,
    NEW_IN_FOLLOWED,
    REGISTRATION,
)
from .registrations import (
    event_reminders_send,
    registration_cancelled,
    registration_created,
    registration_promoted,
)

__all__ = [
    "CONSULTATION_UPDATE",
    "CONTRIBUTION_UPDATE",
    "EVENT_CHANGED",
    "EVENT_REMINDER",
    "NEW_IN_FOLLOWED",
    "REGISTRATION",
    "consultation_changed",
    "consultation_closing_soon",
    "contribution_moderated",
    "contribution_replied",
    "event_cancelled",
    "event_concluded",
    "event_published",
    "event_reminders_send",
    "event_rescheduled",
    "registration_cancelled",
    "registration_created",
    "registration_promoted",
]

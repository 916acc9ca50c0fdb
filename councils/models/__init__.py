"""The municipal councils: the council and its rules, seats and mandates,
meetings, resolutions and the elections of civil-society seats."""

from .councils import (
    BoardPosition,
    Commission,
    CompositionRule,
    Council,
    CouncilDocument,
    CouncilFollow,
    CouncilLog,
)
from .elections import Ballot, Candidacy, Election, ElectionLog, Vacancy
from .meetings import (
    AgendaItem,
    Attendance,
    AttendanceReply,
    Meeting,
    MeetingDocument,
    MeetingLog,
)
from .resolutions import Resolution, ResolutionLog, ResolutionSequence
from .seats import Mandate, Seat, Segment, Term

__all__ = [
    "AgendaItem",
    "Attendance",
    "AttendanceReply",
    "Ballot",
    "BoardPosition",
    "Candidacy",
    "Commission",
    "CompositionRule",
    "Council",
    "CouncilDocument",
    "CouncilFollow",
    "CouncilLog",
    "Election",
    "ElectionLog",
    "Mandate",
    "Meeting",
    "MeetingDocument",
    "MeetingLog",
    "Resolution",
    "ResolutionLog",
    "ResolutionSequence",
    "Seat",
    "Segment",
    "Term",
    "Vacancy",
]

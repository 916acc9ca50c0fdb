"""Models of public consultations, hearings and forums.

Import from `consultations.models`, never from the submodules. Dependencies point
one way: taxonomy <- consultations, events <- contributions <- follows.
"""

from .consultations import Consultation, ConsultationDocument, ConsultationLog, Device  # noqa: F401
from .contributions import AbuseReport, Contribution, Support  # noqa: F401
from .events import Event, EventLog, Registration, SpeakerRequest  # noqa: F401
from .follows import Follow  # noqa: F401
from .taxonomy import Body, PolicyArea, Venue  # noqa: F401

"""Hearings, forums and open meetings in the admin, one module per job:
`events` (list, create, edit, delete, and the viewset), `actions` (publish,
reschedule, cancel, conclude), `attendance` (check-in, printable list, CSV),
`speakers` (the speaker list and contributions recorded at the event),
`venues`, and `base` (what the pages about one event share)."""

from .events import EventViewSet
from .venues import VenueViewSet

VIEWSETS = [
    EventViewSet("consultations_events"),
    VenueViewSet("consultations_venues"),
]

"""`/api/v1/consultas/` and `/api/v1/audiencias/`: public consultations and
events as a read-only JSON API (mounted by civic/urls.py).

Drafts never appear. No personal data ever: no names of people who contribute,
register or speak, no emails; only counts. Dates are ISO 8601 in Betim's local
time with their offset (-03:00). Lists take `limit`/`offset` like the entity
directory and cost a fixed number of queries whatever the page size.
"""

from .consultations import router as consultations_router
from .events import router as events_router

__all__ = ["consultations_router", "events_router"]

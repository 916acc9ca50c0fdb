"""`/api/v1/conselhos/` and `/api/v1/resolucoes/`: the councils as a
read-only JSON API (mounted by civic/urls.py), one router per module.

No personal data of members (no CPF, email or phone) and no drafts.
"""

from .resolutions import router as resolutions_router

__all__ = ["resolutions_router"]
"""`/api/v1/conselhos/` (and `/api/v1/resolucoes/`): the councils as a
read-only JSON API, mounted by civic/urls.py. Public fields only: councillors
by name, never CPF, email or phone."""

from .councils import router as councils_router

__all__ = ["councils_router"]

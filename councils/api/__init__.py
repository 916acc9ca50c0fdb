"""`/api/v1/conselhos/` and `/api/v1/resolucoes/`: the councils as a
read-only JSON API (mounted by civic/urls.py), one router per module.

Public fields only: councillors by name, never CPF, email or phone; no drafts.
"""

from .councils import router as councils_router
from .resolutions import router as resolutions_router

__all__ = ["councils_router", "resolutions_router"]

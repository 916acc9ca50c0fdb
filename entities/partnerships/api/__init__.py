"""`/api/v1/parcerias/` and `/api/v1/chamamentos/`: the partnerships and the
published calls as a read-only JSON API (mounted by civic/urls.py).

Public fields only: entities by name and CNPJ, teams by function; never a
person's name, CPF, email or phone; nothing in celebração, no draft call."""

from .calls import router as calls_router
from .partnerships import router as partnerships_router

__all__ = ["calls_router", "partnerships_router"]

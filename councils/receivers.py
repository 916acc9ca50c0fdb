"""Keep the anonymous page cache in step with what the councils' public pages,
calendar files and the agenda show.

Whatever writes these rows (the admin viewsets, the meeting, resolution and
election services, scripts), the public pages show the change on the next
request: each save or delete starts a new cache generation once the
transaction commits. Nothing else happens here (no domain writes).
"""

from __future__ import annotations

from django.db import transaction

from civic.accounts.signals import account_erased
from civic.cache import invalidate_public_pages, register_public_models

from .models import (
    AgendaItem,
    Attendance,
    BoardPosition,
    Candidacy,
    Commission,
    Council,
    CouncilDocument,
    Election,
    Mandate,
    Meeting,
    MeetingDocument,
    Resolution,
    Seat,
    Term,
    Vacancy,
)

PUBLIC_MODELS = (
    Council,
    CouncilDocument,
    Commission,
    BoardPosition,
    Term,
    Seat,
    Mandate,
    Meeting,
    AgendaItem,
    MeetingDocument,
    Attendance,
    Resolution,
    Election,
    Vacancy,
    Candidacy,
)


def invalidate_on_erasure(*, user, **kwargs) -> None:
    """An erased councillor's name becomes the placeholder on the public pages."""
    if Mandate.objects.filter(person=user).exists():
        transaction.on_commit(invalidate_public_pages)


register_public_models(*PUBLIC_MODELS)
account_erased.connect(invalidate_on_erasure, weak=False)

"""Protocol numbers (PMIS-2026-00001): one sequence per prefix and year,
locked while numbering, so two people at once never get the same number."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import ProtocolSequence


def next_protocol(prefix: str, now: dt.datetime | None = None) -> str:
    """The next number of the prefix in the current year (call inside the
    transaction that stores it)."""
    year = timezone.localdate(now or timezone.now()).year
    with transaction.atomic():
        sequence = (
            ProtocolSequence.objects.select_for_update()
            .filter(prefix=prefix, year=year)
            .first()
        )
        if sequence is None:
            try:
                with transaction.atomic():
                    ProtocolSequence.objects.create(prefix=prefix, year=year)
            except IntegrityError:
                pass  # created by someone else meanwhile; lock theirs
            sequence = ProtocolSequence.objects.select_for_update().get(
                prefix=prefix, year=year
            )
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{sequence.last_number:05d}"

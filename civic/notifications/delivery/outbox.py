"""The outbox's bookkeeping: the sweeper's claim and the retry schedule.

Queueing what is claimed here is the task's job (`tasks.sweep_outbox`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..choices import DeliveryStatus
from ..models import EmailDelivery

# The cap of the sweeper's single pass; the next minute takes the rest.
SWEEP_LIMIT = 10_000


def mark_retry_scheduled(delivery_ids: list[int], *, countdown: float) -> None:
    """Tell the sweeper when the retry is due, so it does not race the retry."""
    EmailDelivery.objects.filter(
        pk__in=delivery_ids, status=DeliveryStatus.PENDING
    ).update(queued_at=timezone.now() + timedelta(seconds=countdown))


def sweep(*, now: datetime | None = None, limit: int = SWEEP_LIMIT) -> list[int]:
    """Claim due pending rows never queued or queued too long ago; returns their ids.

    Safe when two sweepers overlap: rows are claimed with SKIP LOCKED and
    stamped `queued_at=now` before the lock is released.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS)
    with transaction.atomic():
        ids = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, due_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=stale))
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            EmailDelivery.objects.filter(pk__in=ids).update(queued_at=now)
    return ids

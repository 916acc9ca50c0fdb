"""The daily pass over the registry: regularity as dates pass, and reminders."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Document, Entity
from .documents import regularity_compute

CHUNK = 1000


def regularity_refresh_all(today: date | None = None) -> int:
    """Recompute every formal entity's regularity (documents expire with time);
    returns how many changed."""
    today = today or timezone.localdate()
    changed = 0
    ids = list(Entity.objects.filter(kind=Entity.Kind.OSC).values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = Entity.objects.filter(
            pk__in=ids[start : start + CHUNK]
        ).prefetch_related(
            Prefetch(
                "documents", queryset=Document.objects.current(), to_attr="current_docs"
            )
        )
        updates = []
        for entity in chunk:
            regularity = regularity_compute(entity, entity.current_docs, today)
            if regularity != entity.regularity:
                entity.regularity = regularity
                updates.append(entity)
        Entity.objects.bulk_update(updates, ["regularity"], batch_size=500)
        changed += len(updates)
    if changed:
        invalidate_public_pages()
    return changed


def reminder_threshold(days_left: int, thresholds) -> int | None:
    """The most urgent threshold reached: 10 days left with (30, 7, 0) gives 30;
    a run that was late still sends it, but never a stale one once a nearer
    threshold is reached."""
    reached = [t for t in sorted(thresholds) if days_left <= t]
    return reached[0] if reached else None


def expiry_reminders_send(today: date | None = None) -> int:
    """Remind representatives of documents expiring within the thresholds.

    Each (document, threshold) is keyed, so running twice, or a day late,
    reminds once. Documents that expired more than a week ago are left alone.
    """
    today = today or timezone.localdate()
    thresholds = settings.ENTITIES_REMINDER_DAYS
    horizon = today + timedelta(days=max(thresholds))
    grace = today - timedelta(days=settings.ENTITIES_REMINDER_GRACE_DAYS)
    documents = (
        Document.objects.current()
        .filter(
            expires_on__gte=grace,
            expires_on__lte=horizon,
            entity__representatives__isnull=False,
        )
        .exclude(entity__status__in=[Entity.Status.REJECTED])
        .select_related("entity")
        .distinct()
    )
    sent = 0
    for document in documents.iterator(chunk_size=500):
        threshold = reminder_threshold((document.expires_on - today).days, thresholds)
        # A certidão valid for 30 days (the CRF) would get its "30 days left"
        # reminder the day it is issued: only remind of thresholds shorter than
        # the document's whole validity.
        validity = (document.expires_on - document.issued_on).days
        if threshold is not None and (threshold == 0 or threshold < validity):
            notifications.document_expiring(document, threshold=threshold)
            sent += 1
    return sent


def renewal_reminders_send(today: date | None = None) -> int:
    """Ask approved entities whose yearly confirmation is near to confirm their data."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.ENTITIES_RENEWAL_NOTICE_DAYS)
    due = (
        Entity.objects.filter(
            status=Entity.Status.APPROVED, renewal_due_on__lte=horizon
        )
        .filter(representatives__isnull=False)
        .distinct()
    )
    count = 0
    for entity in due.iterator(chunk_size=500):
        notifications.renewal_due(entity)
        count += 1
    return count

"""The daily digest: one email per person with the day's waiting rows, once a day."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..choices import DeliveryStatus
from ..models import Digest, EmailDelivery
from .recipients import Recipient, kind_or_none, load_recipients, skip_reason
from .rendering import render_digest_email
from .sending import GONE, RETRYABLE_ERRORS, LazyConnection, error_text

logger = logging.getLogger(__name__)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def digest_window_end(day: date) -> datetime:
    """The digest of `day` covers everything due before that day's local midnight."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


def digest_day(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now(), timezone=local_zone())


def digest_recipient_ids(day: date) -> list[int]:
    """People with waiting digest rows due before the day's window end."""
    return list(
        EmailDelivery.objects.filter(
            status=DeliveryStatus.WAITING_DIGEST, due_at__lt=digest_window_end(day)
        )
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def send_digest_batch(
    user_ids: list[int], day: date, *, final_attempt: bool
) -> list[int]:
    """Send each person's digest for `day` over one connection; returns ids to retry."""
    window_end = digest_window_end(day)
    recipients = load_recipients(set(user_ids))
    connection = LazyConnection()
    to_retry: list[int] = []
    try:
        for position, user_id in enumerate(user_ids):
            waiting = EmailDelivery.objects.filter(
                recipient_id=user_id,
                status=DeliveryStatus.WAITING_DIGEST,
                due_at__lt=window_end,
            )
            try:
                _send_digest(
                    recipients.get(user_id), user_id, day, window_end, connection
                )
            except RETRYABLE_ERRORS as exc:
                logger.warning("Digest for user %s failed: %s", user_id, exc)
                waiting.update(
                    attempts=F("attempts") + 1,
                    last_error=error_text(exc),
                    **({"status": DeliveryStatus.FAILED} if final_attempt else {}),
                )
                if not final_attempt:
                    to_retry = [*user_ids[position + 1 :], user_id]
                connection.close()
                break
            except Exception as exc:
                logger.exception("Digest for user %s cannot be rendered.", user_id)
                waiting.update(
                    attempts=F("attempts") + 1,
                    last_error=error_text(exc),
                    status=DeliveryStatus.FAILED,
                )
    finally:
        connection.close()
    return to_retry


def _send_digest(
    recipient: Recipient | None,
    user_id: int,
    day: date,
    window_end: datetime,
    connection: LazyConnection,
) -> bool:
    """One person's digest, sent once: rows locked, Digest row unique per day."""
    with transaction.atomic():
        rows = list(
            EmailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("notification")
            .filter(
                recipient_id=user_id,
                status=DeliveryStatus.WAITING_DIGEST,
                due_at__lt=window_end,
            )
            .order_by("due_at", "pk")
        )
        if not rows:
            return False
        items, skipped = [], []
        for row in rows:
            kind = kind_or_none(row.notification.kind)
            reason = skip_reason(recipient, kind)
            if not reason and not kind.still_relevant(row.notification):
                reason = GONE
            if reason:
                row.last_error = reason
                skipped.append(row)
            else:
                items.append((row, kind))
        for row in skipped:
            EmailDelivery.objects.filter(pk=row.pk).update(
                status=DeliveryStatus.SKIPPED, last_error=row.last_error
            )
        if not items:
            return False  # never an empty digest
        try:
            with transaction.atomic():
                digest = Digest.objects.create(
                    user_id=user_id, day=day, window_end=window_end
                )
        except IntegrityError:
            return False  # this day's digest went out already
        message = render_digest_email(recipient, day, items)
        connection.send(message)
        message_id = message.extra_headers["Message-ID"]
        Digest.objects.filter(pk=digest.pk).update(message_id=message_id)
        EmailDelivery.objects.filter(pk__in=[row.pk for row, _ in items]).update(
            status=DeliveryStatus.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            last_error="",
            digest=digest,
            message_id=message_id,
        )
        return True

"""Sending: claim each owed row, render it, send it and record the result.

Every row is claimed with `select_for_update(skip_locked=True)` in a short
transaction that sends and records the result, so a task delivered twice (acks
late, a sweeper re-queue, two workers) sends each email once.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..choices import DeliveryStatus
from ..models import EmailDelivery
from .recipients import (
    Recipient,
    kind_or_none,
    load_recipients,
    recipient_of,
    skip_reason,
)
from .rendering import render_notification_email

logger = logging.getLogger(__name__)

# Errors worth another try: the SMTP server or the network, not our templates.
RETRYABLE_ERRORS: tuple[type[BaseException], ...] = (
    SMTPException,
    OSError,
    TimeoutError,
)
ERROR_TEXT_LIMIT = 2000
GONE = "O conteúdo não está mais disponível."


class LazyConnection:
    """One SMTP connection per batch, opened only if something is sent."""

    def __init__(self) -> None:
        self.backend = None

    def send(self, message: EmailMultiAlternatives) -> None:
        if self.backend is None:
            self.backend = get_connection()
            self.backend.open()
        message.connection = self.backend
        message.send()

    def close(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            except RETRYABLE_ERRORS:
                logger.warning("Closing the SMTP connection failed.", exc_info=True)
            self.backend = None


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_TEXT_LIMIT]


def deliver_batch(delivery_ids: list[int], *, final_attempt: bool) -> list[int]:
    """Send pending deliveries over one connection; returns the ids to retry.

    A transport error stops the batch (the server is probably down): the failed
    row goes to the end of the retry list, after the rows not yet tried. On the
    final attempt the failed row is marked failed instead; untried rows stay
    pending for the sweeper.
    """
    ids = list(dict.fromkeys(delivery_ids))
    deliveries = {
        d.pk: d
        for d in EmailDelivery.objects.filter(
            pk__in=ids, status=DeliveryStatus.PENDING
        ).select_related("notification")
    }
    if not deliveries:
        return []
    people = load_recipients(
        {d.recipient_id for d in deliveries.values() if d.recipient_id is not None}
    )
    connection = LazyConnection()
    to_retry: list[int] = []
    try:
        for position, delivery_id in enumerate(ids):
            delivery = deliveries.get(delivery_id)
            if delivery is None:
                continue
            outcome = _deliver_one(
                delivery, recipient_of(delivery, people), connection, final_attempt
            )
            if outcome == "transport_error":
                untried = [i for i in ids[position + 1 :] if i in deliveries]
                if not final_attempt:
                    to_retry = [*untried, delivery_id]
                break
    finally:
        connection.close()
    return to_retry


def _deliver_one(
    delivery: EmailDelivery,
    recipient: Recipient | None,
    connection: LazyConnection,
    final_attempt: bool,
) -> str:
    """Claim, send and record one row.

    Returns 'sent', 'skipped', 'failed', 'transport_error' or '' (not claimed).
    """
    kind = kind_or_none(delivery.notification.kind)
    with transaction.atomic():
        claimed = (
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery.pk, status=DeliveryStatus.PENDING)
            .values_list("attempts", flat=True)
            .first()
        )
        if claimed is None:
            return ""  # sent already, retried from the admin, or locked elsewhere
        rows = EmailDelivery.objects.filter(pk=delivery.pk)
        reason = skip_reason(recipient, kind)
        if not reason and not kind.still_relevant(delivery.notification):
            reason = GONE
        if reason:
            rows.update(status=DeliveryStatus.SKIPPED, last_error=reason)
            return "skipped"
        now = timezone.now()
        try:
            message = render_notification_email(delivery.notification, kind, recipient)
            connection.send(message)
        except RETRYABLE_ERRORS as exc:
            logger.warning("Email delivery %s failed: %s", delivery.pk, exc)
            rows.update(
                attempts=F("attempts") + 1,
                last_error=error_text(exc),
                status=DeliveryStatus.FAILED
                if final_attempt
                else DeliveryStatus.PENDING,
            )
            return "transport_error"
        except Exception as exc:
            # A template or data bug: retrying will not help, the DLQ shows it.
            logger.exception("Email delivery %s cannot be rendered.", delivery.pk)
            rows.update(
                attempts=F("attempts") + 1,
                last_error=error_text(exc),
                status=DeliveryStatus.FAILED,
            )
            return "failed"
        rows.update(
            status=DeliveryStatus.SENT,
            sent_at=now,
            attempts=F("attempts") + 1,
            last_error="",
            message_id=message.extra_headers["Message-ID"],
        )
        return "sent"

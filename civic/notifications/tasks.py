"""Celery entry points of the outbox, and the one place that queues them.

Payloads are primitive ids only. Retries are explicit (`self.retry(args=[ids
still owed])`) rather than `autoretry_for`, so a batch of 100 retries only the
rows that were not sent.

Import rule: `services → tasks → delivery → models`. Services queue work through
`enqueue_deliveries`; nothing below this module imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from celery import shared_task
from celery.exceptions import Retry
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from .delivery import digests, outbox, sending

logger = logging.getLogger(__name__)

# Exponential backoff with full jitter: up to 30 s, 60 s, 120 s ... capped at
# 10 minutes, far below the broker's visibility timeout.
RETRY_BACKOFF_SECONDS = 30
RETRY_BACKOFF_MAX_SECONDS = 600


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def enqueue_deliveries(delivery_ids: Sequence[int]) -> int:
    """Queue `deliver_emails` tasks of NOTIFICATIONS_EMAIL_BATCH_SIZE ids each."""
    tasks = 0
    for chunk in chunked(list(delivery_ids), settings.NOTIFICATIONS_EMAIL_BATCH_SIZE):
        try:
            deliver_emails.delay(list(chunk))
        except BrokerError:
            # The rows are committed; the outbox sweeper queues them again.
            logger.exception(
                "Broker unavailable; %d deliveries left to the sweeper.", len(chunk)
            )
            continue
        except Retry:
            # Eager mode (no broker, dev) raises the retry instead of scheduling
            # it; the rows stay pending with their retry time for the sweeper.
            logger.warning("Email batch will be retried by the outbox sweeper.")
        tasks += 1
    return tasks


def _countdown(retries: int) -> int:
    return get_exponential_backoff_interval(
        factor=RETRY_BACKOFF_SECONDS,
        retries=retries,
        maximum=RETRY_BACKOFF_MAX_SECONDS,
        full_jitter=True,
    )


@shared_task(bind=True, acks_late=True, ignore_result=True)
def deliver_emails(self, delivery_ids: list[int]) -> int:
    """Send a batch of outbox rows over one SMTP connection, retrying the rest."""
    max_retries = settings.NOTIFICATIONS_MAX_RETRIES
    retry_ids = sending.deliver_batch(
        [int(i) for i in delivery_ids],
        final_attempt=self.request.retries >= max_retries,
    )
    if retry_ids:
        countdown = _countdown(self.request.retries)
        outbox.mark_retry_scheduled(retry_ids, countdown=countdown)
        raise self.retry(args=[retry_ids], countdown=countdown, max_retries=max_retries)
    return len(delivery_ids)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    """Beat, every minute: queue due reminders and rows whose task was lost."""
    ids = outbox.sweep()
    if ids:
        logger.info("Outbox sweeper queued %d email deliveries.", len(ids))
        transaction.on_commit(lambda: enqueue_deliveries(ids))
    return len(ids)


@shared_task(ignore_result=True)
def send_daily_digests(day: str | None = None) -> int:
    """Beat, daily at 07:00 local: queue one digest per person with waiting rows."""
    digest_day = date.fromisoformat(day) if day else digests.digest_day()
    user_ids = digests.digest_recipient_ids(digest_day)
    tasks = 0
    for chunk in chunked(user_ids, settings.NOTIFICATIONS_EMAIL_BATCH_SIZE):
        deliver_digests.delay(list(chunk), digest_day.isoformat())
        tasks += 1
    return tasks


@shared_task(bind=True, acks_late=True, ignore_result=True)
def deliver_digests(self, user_ids: list[int], day: str) -> int:
    """Send the digests of a batch of people over one SMTP connection."""
    max_retries = settings.NOTIFICATIONS_MAX_RETRIES
    retry_ids = digests.send_digest_batch(
        [int(i) for i in user_ids],
        date.fromisoformat(day),
        final_attempt=self.request.retries >= max_retries,
    )
    if retry_ids:
        raise self.retry(
            args=[retry_ids, day],
            countdown=_countdown(self.request.retries),
            max_retries=max_retries,
        )
    return len(user_ids)

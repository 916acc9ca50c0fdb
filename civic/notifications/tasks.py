"""Celery entry points of the outbox. Payloads are primitive ids only.

Retries are explicit (`self.retry(args=[ids still owed])`) rather than
`autoretry_for`, so a batch of 100 retries only the rows that were not sent.
"""

from __future__ import annotations

from datetime import date

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from . import mailer
from .services import chunked

# Exponential backoff with full jitter: up to 30 s, 60 s, 120 s ... capped at
# 10 minutes, far below the broker's visibility timeout.
RETRY_BACKOFF_SECONDS = 30
RETRY_BACKOFF_MAX_SECONDS = 600


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
    retry_ids = mailer.deliver_batch(
        [int(i) for i in delivery_ids],
        final_attempt=self.request.retries >= max_retries,
    )
    if retry_ids:
        countdown = _countdown(self.request.retries)
        mailer.mark_retry_scheduled(retry_ids, countdown=countdown)
        raise self.retry(args=[retry_ids], countdown=countdown, max_retries=max_retries)
    return len(delivery_ids)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    """Beat, every minute: queue due reminders and rows whose task was lost."""
    return len(mailer.outbox_sweep())


@shared_task(ignore_result=True)
def send_daily_digests(day: str | None = None) -> int:
    """Beat, daily at 07:00 local: queue one digest per person with waiting rows."""
    digest_day = date.fromisoformat(day) if day else mailer.digest_day()
    user_ids = mailer.digest_recipient_ids(digest_day)
    tasks = 0
    for chunk in chunked(user_ids, settings.NOTIFICATIONS_EMAIL_BATCH_SIZE):
        deliver_digests.delay(list(chunk), digest_day.isoformat())
        tasks += 1
    return tasks


@shared_task(bind=True, acks_late=True, ignore_result=True)
def deliver_digests(self, user_ids: list[int], day: str) -> int:
    """Send the digests of a batch of people over one SMTP connection."""
    max_retries = settings.NOTIFICATIONS_MAX_RETRIES
    retry_ids = mailer.send_digest_batch(
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

"""Celery entry points of the partnerships (thin: the work is in services)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from .services.accounts import annual_accounts_create
from .services.reminders import deadline_reminders_send

logger = logging.getLogger(__name__)


@shared_task(name="partnerships.daily_deadlines_pass")
def daily_deadlines_pass() -> dict:
    """Daily: open the annual accounts that fell due, then remind every open
    deadline. Both steps are idempotent, so a duplicate beat run does no harm."""
    today = timezone.localdate()
    result = {
        "annual_accounts": annual_accounts_create(today),
        "deadline_reminders": deadline_reminders_send(today),
    }
    logger.info("Partnerships daily pass: %s", result)
    return result

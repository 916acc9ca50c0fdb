"""Celery entry points of consultations and events (thin: the work is in services)."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="consultations.tick")
def tick() -> dict:
    """Every few minutes: open and close consultations on time, remind followers
    before closing, and remind people registered for tomorrow's events.

    Idempotent: a duplicate beat run changes and sends nothing more."""
    from .notifications import event_reminders_send
    from .services import consultations_tick

    result = consultations_tick()
    result["event_reminders"] = event_reminders_send()
    logger.info("Consultations tick: %s", result)
    return result

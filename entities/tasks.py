"""Celery entry points of the entity registry (thin: the work is in services).

The registry sends no email itself: its notifications, invitations included,
go through the notifications outbox.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import notifications
from .models import Invitation
from .services.reminders import (
    expiry_reminders_send,
    regularity_refresh_all,
    renewal_reminders_send,
)

logger = logging.getLogger(__name__)


@shared_task(name="entities.daily_registry_pass")
def daily_registry_pass() -> dict:
    """Daily: refresh regularity, then send document and renewal reminders.

    Every step is idempotent, so a duplicate beat run does no harm."""
    today = timezone.localdate()
    result = {
        "regularity_changed": regularity_refresh_all(today),
        "expiry_reminders": expiry_reminders_send(today),
        "renewal_reminders": renewal_reminders_send(today),
    }
    logger.info("Entity registry daily pass: %s", result)
    return result


@shared_task(name="entities.send_invitation", ignore_result=True)
def send_invitation(invitation_id: int) -> bool:
    """Hand an invitation queued before the outbox existed to the outbox.

    Only messages queued by the previous release carry this name; the outbox
    key makes a repeat harmless. Remove it one release after the outbox.
    """
    invitation = (
        Invitation.objects.select_related("entity", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return False
    with transaction.atomic():
        notifications.invitation_send(invitation)
    return True

"""Deadline reminders to the assignee (the beat job `dialogue.deadline_reminders`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Demand
from ..notifications import deadline_reminder


def deadline_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind each assignee of running demands due within DIALOGUE_REMINDER_DAYS
    and of overdue ones, once per deadline (the key holds the due date, so an
    extension or a pause that moves it reminds again). A paused demand (waiting
    for the requester) is not reminded. Returns how many demands were looked at."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.DIALOGUE_REMINDER_DAYS)
    demands = Demand.objects.running().filter(
        assignee__isnull=False, due_on__lte=horizon
    )
    count = 0
    with transaction.atomic():
        for demand in demands.only(
            "pk", "protocol", "subject", "due_on", "assignee_id"
        ):
            deadline_reminder(demand, overdue=demand.due_on < today)
            count += 1
    return count

"""Thin Celery entry points of the dialogue channel."""

from __future__ import annotations

from celery import shared_task

from .services.reminders import deadline_reminders_send


@shared_task(name="dialogue.deadline_reminders")
def deadline_reminders() -> int:
    """Daily: remind assignees of demands due soon or overdue (idempotent)."""
    return deadline_reminders_send()

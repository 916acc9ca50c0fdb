"""Read use cases of notifications."""

from django.db.models import BooleanField, Case, QuerySet, Value, When

from .models import Notification


def notifications_inbox(*, user) -> QuerySet[Notification]:
    """A person's visible notifications, unread first, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .visible()
        .annotate(
            unread=Case(
                When(read_at__isnull=True, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-unread", "-due_at", "-pk")
    )


def notifications_unread_count(*, user) -> int:
    """How many visible notifications a person has not read (one query)."""
    return Notification.objects.filter(recipient=user).visible().unread().count()

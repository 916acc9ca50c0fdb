"""The notifications' share of a person's data (LGPD art. 18): export and erase."""

from .models import Digest, EmailDelivery, Notification, NotificationPreference


def export_notifications(user) -> dict:
    """Inbox, email outbox and preferences held about `user`."""
    return {
        "notifications": [
            {
                "kind": n.kind,
                "summary": n.summary,
                "url": n.url,
                "context": n.context,
                "created_at": n.created_at,
                "due_at": n.due_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
        "emails": list(
            EmailDelivery.objects.filter(recipient=user)
            .order_by("created_at")
            .values("notification__kind", "status", "created_at", "sent_at")
        ),
        "preferences": dict(
            NotificationPreference.objects.filter(user=user).values_list(
                "kind", "email_mode"
            )
        ),
        "digests": list(
            Digest.objects.filter(user=user).order_by("day").values("day", "sent_at")
        ),
    }


def erase_notifications(user) -> None:
    """Delete everything notifications hold about `user` (deliveries cascade)."""
    Notification.objects.filter(recipient=user).delete()
    EmailDelivery.objects.filter(recipient=user).delete()
    Digest.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


def register() -> None:
    """Hook into the accounts registry of personal data."""
    from civic.accounts.personal_data import register_eraser, register_exporter

    register_exporter("notifications", export_notifications)
    register_eraser(erase_notifications)

"""The notifications' share of a person's data (LGPD art. 18): export and erase.

Besides what was told to the account, this covers what was emailed to one of
the person's addresses while it had no account (an invitation).
"""

from allauth.account.models import EmailAddress

from .models import Digest, EmailDelivery, Notification, NotificationPreference


def _verified_addresses(user) -> list[str]:
    """The addresses the person proved they own, as notifications store them."""
    return sorted(
        {
            email.lower()
            for email in EmailAddress.objects.filter(
                user=user, verified=True
            ).values_list("email", flat=True)
        }
    )


def _to_addresses(addresses: list[str]):
    return Notification.objects.filter(recipient__isnull=True, address__in=addresses)


def _address_email(notification: Notification) -> dict:
    delivery = getattr(notification, "email_delivery", None)
    return {
        "kind": notification.kind,
        "address": notification.address,
        "summary": notification.summary,
        "created_at": notification.created_at,
        "status": delivery.status if delivery else None,
        "sent_at": delivery.sent_at if delivery else None,
    }


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
        # Only for addresses the person verified: an unproven claim to an
        # address must not reveal what was sent to it.
        "emails_to_my_addresses": [
            _address_email(n)
            for n in _to_addresses(_verified_addresses(user))
            .select_related("email_delivery")
            .order_by("created_at")
        ],
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
    """Delete everything notifications hold about `user` (deliveries cascade).

    Emails to the person's addresses go too: the verified ones, and the
    account's address, as the entity registry erases invitations to it. In
    notifications told to other people, the person's name is replaced with
    "Participante removido" (`Mention`).
    """
    from .services import mentions_erase

    mentions_erase(person=user)
    addresses = _verified_addresses(user)
    if user.email:
        addresses.append(user.email.lower())
    _to_addresses(addresses).delete()
    Notification.objects.filter(recipient=user).delete()
    EmailDelivery.objects.filter(recipient=user).delete()
    Digest.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()


def register() -> None:
    """Hook into the accounts registry of personal data."""
    from civic.accounts.personal_data import register_eraser, register_exporter

    register_exporter("notifications", export_notifications)
    register_eraser(erase_notifications)

"""Who an email goes to (a person, or an address without an account), and
whether it may still go."""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model

from ..choices import EmailMode
from ..models import EmailDelivery, NotificationPreference
from ..registry import NotificationKind, UnknownKind, get_kind


@dataclass
class Recipient:
    """What sending needs to know about a person, fetched once per batch.

    `pk` is None for an address without an account: told in the site language,
    with the kind's default mode, and no link that needs an account.
    """

    pk: int | None
    language: str
    email: str | None
    usable: bool
    modes: dict[str, str] = field(default_factory=dict)

    @property
    def has_account(self) -> bool:
        return self.pk is not None

    def mode_for(self, kind: NotificationKind) -> str:
        return self.modes.get(kind.slug, kind.default_email_mode)


def address_recipient(address: str) -> Recipient:
    """An address without an account (an invitation): always in pt-BR."""
    return Recipient(
        pk=None, language=settings.LANGUAGE_CODE, email=address, usable=True
    )


def recipient_of(
    delivery: EmailDelivery, people: dict[int, Recipient]
) -> Recipient | None:
    """The person of a row from `load_recipients`, or the row's bare address."""
    if delivery.recipient_id is None:
        return address_recipient(delivery.notification.address)
    return people.get(delivery.recipient_id)


def load_recipients(user_ids: set[int]) -> dict[int, Recipient]:
    """Language, verified address and preferences of several people (3 queries)."""
    User = get_user_model()
    recipients = {
        pk: Recipient(
            pk=pk,
            language=language,
            email=None,
            usable=bool(is_active and deleted_at is None),
        )
        for pk, language, is_active, deleted_at in User.objects.filter(
            pk__in=user_ids
        ).values_list("pk", "language", "is_active", "deleted_at")
    }
    # Prefer the primary verified address; any verified one will do.
    for user_id, email in (
        EmailAddress.objects.filter(user_id__in=user_ids, verified=True)
        .order_by("user_id", "primary", "pk")
        .values_list("user_id", "email")
    ):
        if user_id in recipients:
            recipients[user_id].email = email
    for user_id, kind, mode in NotificationPreference.objects.filter(
        user_id__in=user_ids
    ).values_list("user_id", "kind", "email_mode"):
        if user_id in recipients:
            recipients[user_id].modes[kind] = mode
    return recipients


def kind_or_none(slug: str) -> NotificationKind | None:
    try:
        return get_kind(slug)
    except UnknownKind:
        return None


def skip_reason(recipient: Recipient | None, kind: NotificationKind | None) -> str:
    """Why an owed email must not go (empty when it may)."""
    if kind is None:
        return "Tipo de notificação não registrado."
    if recipient is None or not recipient.usable:
        return "Conta inativa ou excluída."
    if not recipient.email:
        return "Sem e-mail verificado."
    if kind.to_address == recipient.has_account:
        return "Tipo de notificação incompatível com o destinatário."
    if recipient.mode_for(kind) == EmailMode.OFF:
        return "A pessoa desligou este tipo de e-mail."
    return ""

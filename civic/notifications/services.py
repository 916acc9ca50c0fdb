"""Write use cases of notifications: notify (a person or an address), read,
preferences, retry."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from .choices import DeliveryStatus, EmailMode
from .inputs import _check_context, _check_key, _check_url
from .mentions import _mention, mentions_erase  # noqa: F401  (re-exported)
from .models import EmailDelivery, Notification, NotificationPreference
from .registry import account_kinds, get_account_kind, get_kind
from .tasks import chunked, enqueue_deliveries
from .tokens import ALL_KINDS, DIGEST_KINDS

logger = logging.getLogger(__name__)

# Rows written per INSERT and ids per IN (...) when fanning out.
FANOUT_CHUNK = 1000


def notify(
    recipients: Iterable[Any],
    kind: str,
    context: Mapping[str, Any],
    *,
    key: str,
    url: str = "",
    due_at: datetime | None = None,
    about: Iterable[Any] = (),
) -> list[Notification]:
    """Tell each recipient once per (kind, key): in the inbox, and by email per preference.

    Inactive or erased accounts are left out. Emails go only to verified
    addresses and follow each person's preference (immediate, daily digest or
    off). Rows are written in the caller's transaction and the send is queued on
    commit, so work that rolls back tells nobody. A `due_at` in the future makes
    a reminder: hidden and unsent until then, picked up by the outbox sweeper.
    `about` lists the people whose names the context holds (`display_name`), so
    erasing one of their accounts removes the name from these notifications too.
    Returns the recipients' notifications for this key, new or from an earlier call.
    """
    kind_obj = get_account_kind(kind)
    context = dict(context)
    about = list(about)
    _check_context(context)
    _check_url(url)
    _check_key(key)
    now = timezone.now()
    due = due_at or now
    if timezone.is_naive(due):
        raise ValueError("due_at must be timezone-aware.")

    result: list[Notification] = []
    to_queue: list[int] = []
    with transaction.atomic():
        for chunk in chunked(_recipient_ids(recipients), FANOUT_CHUNK):
            notifications, queued = _notify_chunk(
                chunk,
                kind_obj.slug,
                context,
                key=key,
                url=url,
                now=now,
                due=due,
                about=about,
            )
            result.extend(notifications)
            to_queue.extend(queued)
        if to_queue:
            transaction.on_commit(lambda: enqueue_deliveries(to_queue))
    return result


def notify_address(
    address: str,
    kind: str,
    context: Mapping[str, Any],
    *,
    key: str,
    url: str = "",
    about: Iterable[Any] = (),
) -> Notification:
    """Tell an email address that has no account yet, once per (address, kind, key).

    For kinds registered with `to_address=True` (an invitation). The email goes
    at once, in the site language, with no preference or unsubscribe link, and
    no inbox shows it. As with `notify()`, the rows are written in the caller's
    transaction and the send is queued on commit; the same outbox, retries and
    admin queue carry it. `about` is as for `notify()`. Returns the
    notification, new or from an earlier call.
    """
    kind_obj = get_kind(kind)
    if not kind_obj.to_address:
        raise ValueError(f"Kind {kind!r} is told to people: use notify().")
    address = normalize_address(address)
    context = dict(context)
    _check_context(context)
    _check_url(url)
    _check_key(key)
    now = timezone.now()
    with transaction.atomic():
        [notification], created = _write_once(
            [{"address": address}],
            {"recipient__isnull": True, "address": address},
            kind=kind_obj.slug,
            key=key,
            context=context,
            url=url,
            now=now,
            due=now,
            about=about,
        )
        if not created:
            return notification  # told already: a repeated call mails nobody
        delivery = EmailDelivery.objects.create(
            notification=notification,
            status=DeliveryStatus.PENDING,
            created_at=now,
            due_at=now,
            queued_at=now,
        )
        transaction.on_commit(lambda: enqueue_deliveries([delivery.pk]))
    return notification


def normalize_address(address: str) -> str:
    """The stored form of an address: trimmed, lower-case, and valid."""
    address = (address or "").strip().lower()
    max_length = Notification._meta.get_field("address").max_length
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(f"{address!r} is not an email address.") from None
    if len(address) > max_length:
        raise ValueError(f"Addresses hold at most {max_length} characters.")
    return address


def _write_once(
    targets: list[dict[str, Any]],
    lookup: dict[str, Any],
    *,
    kind: str,
    key: str,
    context: dict[str, Any],
    url: str,
    now: datetime,
    due: datetime,
    about: Iterable[Any] = (),
) -> tuple[list[Notification], list[Notification]]:
    """A notification per target (`{"recipient_id": 3}`, `{"address": ...}`)
    unless one with its kind and key exists, and then every row for `lookup`:
    (all of them, those this call created). The unique constraints, not a prior
    lookup, make a repeated call harmless; the rows stamped with this call's
    timestamp are the ones it created, and only they get an email, so a
    repeated call never mails an old notification."""
    Notification.objects.bulk_create(
        [
            Notification(
                **target,
                kind=kind,
                key=key,
                context=context,
                url=url,
                created_at=now,
                due_at=due,
            )
            for target in targets
        ],
        ignore_conflicts=True,
    )
    rows = list(Notification.objects.filter(kind=kind, key=key, **lookup))
    created = [row for row in rows if row.created_at == now]
    _mention(created, about)
    return rows, created


def _notify_chunk(
    user_ids: Sequence[int],
    kind: str,
    context: dict[str, Any],
    *,
    key: str,
    url: str,
    now: datetime,
    due: datetime,
    about: Iterable[Any] = (),
) -> tuple[list[Notification], list[int]]:
    User = get_user_model()
    active_ids = list(
        User.objects.filter(
            pk__in=user_ids, is_active=True, deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not active_ids:
        return [], []
    notifications, created = _write_once(
        [{"recipient_id": user_id} for user_id in active_ids],
        {"recipient_id__in": active_ids},
        kind=kind,
        key=key,
        context=context,
        url=url,
        now=now,
        due=due,
        about=about,
    )
    if not created:
        return notifications, []

    modes = email_modes_for([n.recipient_id for n in created], kind)
    verified = set(
        EmailAddress.objects.filter(
            user_id__in=[n.recipient_id for n in created], verified=True
        ).values_list("user_id", flat=True)
    )
    immediate_now = due <= now
    deliveries = []
    for notification in created:
        mode = modes[notification.recipient_id]
        if mode == EmailMode.OFF or notification.recipient_id not in verified:
            continue
        deliveries.append(
            EmailDelivery(
                notification=notification,
                recipient_id=notification.recipient_id,
                status=(
                    DeliveryStatus.PENDING
                    if mode == EmailMode.IMMEDIATE
                    else DeliveryStatus.WAITING_DIGEST
                ),
                created_at=now,
                due_at=due,
                queued_at=now
                if mode == EmailMode.IMMEDIATE and immediate_now
                else None,
            )
        )
    EmailDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    queued = list(
        EmailDelivery.objects.filter(
            notification__in=created, status=DeliveryStatus.PENDING, queued_at=now
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return notifications, queued


def email_modes_for(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each user's email mode for a kind: their choice, else the kind's default."""
    user_ids = list(user_ids)
    default = get_account_kind(kind).default_email_mode
    modes = dict.fromkeys(user_ids, default)
    modes.update(
        NotificationPreference.objects.filter(
            user_id__in=user_ids, kind=kind
        ).values_list("user_id", "email_mode")
    )
    return modes


def preferences_of(user) -> dict[str, str]:
    """A person's email mode for every kind told to people with an account."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list(
            "kind", "email_mode"
        )
    )
    return {k.slug: chosen.get(k.slug, k.default_email_mode) for k in account_kinds()}


@transaction.atomic
def preferences_set(*, user, modes: Mapping[str, str]) -> list[str]:
    """Save a person's email modes per kind; returns the kinds that changed."""
    current = preferences_of(user)
    changed = []
    for slug, mode in modes.items():
        get_account_kind(slug)
        if mode not in EmailMode.values:
            raise ValueError(f"Unknown email mode {mode!r}.")
        if current.get(slug) == mode:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=slug, defaults={"email_mode": mode}
        )
        changed.append(slug)
    return changed


def unsubscribe_apply(
    *, user, scope: str, email_mode: str = EmailMode.OFF
) -> list[str]:
    """Apply a one-click choice to one kind, to all kinds, or to the digest kinds."""
    if scope == ALL_KINDS:
        slugs = [k.slug for k in account_kinds()]
    elif scope == DIGEST_KINDS:
        slugs = [s for s, m in preferences_of(user).items() if m == EmailMode.DAILY]
    else:
        slugs = [get_account_kind(scope).slug]
    changed = preferences_set(user=user, modes=dict.fromkeys(slugs, email_mode))
    logger.info("User %s set %s to %s by signed link.", user.pk, scope, email_mode)
    return changed


def notification_mark_read(*, notification: Notification) -> None:
    """Mark one notification read (once; the first reading time is kept)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )


def notifications_mark_all_read(*, user) -> int:
    """Mark every visible unread notification of a person read."""
    return (
        Notification.objects.filter(recipient=user)
        .visible()
        .unread()
        .update(read_at=timezone.now())
    )


def delivery_retry(*, delivery_id: int, by) -> bool:
    """Send a failed email again (the dead-letter queue's action); False if not failed."""
    if not by.has_perm("notifications.retry_emaildelivery"):
        raise PermissionDenied
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update()
            .filter(pk=delivery_id, status=DeliveryStatus.FAILED)
            .first()
        )
        if delivery is None:
            return False
        now = timezone.now()
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, queued_at=now
        )
        transaction.on_commit(lambda: enqueue_deliveries([delivery.pk]))
    logger.info("User %s re-queued failed email delivery %s.", by.pk, delivery_id)
    return True


def _recipient_ids(recipients: Iterable[Any]) -> list[int]:
    """User ids from users, ids or a queryset, deduplicated in order."""
    if hasattr(recipients, "values_list"):
        recipients = recipients.values_list("pk", flat=True)
    seen: dict[int, None] = {}
    for r in recipients:
        seen[int(getattr(r, "pk", r))] = None
    return list(seen)

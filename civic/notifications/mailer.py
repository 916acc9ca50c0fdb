"""The worker side of the outbox: render, send and record emails and digests.

Every row is claimed with `select_for_update(skip_locked=True)` in a short
transaction that sends and records the result, so a task delivered twice (acks
late, a sweeper re-queue, two workers) sends each email once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from email.utils import make_msgid, parseaddr
from functools import lru_cache
from smtplib import SMTPException
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .choices import DeliveryStatus, EmailMode
from .models import Digest, EmailDelivery, Notification, NotificationPreference
from .registry import NotificationKind, UnknownKind, get_kind
from .tokens import DIGEST_KINDS, unsubscribe_url

logger = logging.getLogger(__name__)

# Errors worth another try: the SMTP server or the network, not our templates.
RETRYABLE_ERRORS: tuple[type[BaseException], ...] = (
    SMTPException,
    OSError,
    TimeoutError,
)
ERROR_TEXT_LIMIT = 2000
# The cap of the sweeper's single pass; the next minute takes the rest.
SWEEP_LIMIT = 10_000


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def absolute_url(url: str) -> str:
    """An absolute link for emails: paths are joined to SITE_URL."""
    if not url:
        return settings.SITE_URL + "/"
    if url.startswith("/"):
        return settings.SITE_URL + url
    return url


class LazyConnection:
    """One SMTP connection per batch, opened only if something is sent."""

    def __init__(self) -> None:
        self.backend = None

    def send(self, message: EmailMultiAlternatives) -> None:
        if self.backend is None:
            self.backend = get_connection()
            self.backend.open()
        message.connection = self.backend
        message.send()

    def close(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            except RETRYABLE_ERRORS:
                logger.warning("Closing the SMTP connection failed.", exc_info=True)
            self.backend = None


@dataclass
class Recipient:
    """What sending needs to know about a person, fetched once per batch."""

    pk: int
    language: str
    email: str | None
    usable: bool
    modes: dict[str, str] = field(default_factory=dict)

    def mode_for(self, kind: NotificationKind) -> str:
        return self.modes.get(kind.slug, kind.default_email_mode)


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


def _skip_reason(recipient: Recipient | None, kind: NotificationKind | None) -> str:
    if kind is None:
        return "Tipo de notificação não registrado."
    if recipient is None or not recipient.usable:
        return "Conta inativa ou excluída."
    if not recipient.email:
        return "Sem e-mail verificado."
    if recipient.mode_for(kind) == EmailMode.OFF:
        return "A pessoa desligou este tipo de e-mail."
    return ""


def _kind_or_none(slug: str) -> NotificationKind | None:
    try:
        return get_kind(slug)
    except UnknownKind:
        return None


def _message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def _subject(text: str) -> str:
    return " ".join(text.split())


def build_message(
    *, to: str, subject: str, text: str, html: str, unsubscribe: str
) -> EmailMultiAlternatives:
    """A multipart email with RFC 2369/8058 one-click unsubscribe headers."""
    message = EmailMultiAlternatives(
        subject=_subject(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "Message-ID": _message_id(),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


@lru_cache(maxsize=1)
def _site_paths() -> tuple[str, str]:
    return reverse("notifications:preferences"), reverse("notifications:inbox")


def _base_context(recipient_pk: int) -> dict:
    preferences_path, inbox_path = _site_paths()
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.SITE_URL,
        "all_preferences_url": settings.SITE_URL + preferences_path,
        "inbox_url": settings.SITE_URL + inbox_path,
        "recipient_id": recipient_pk,
    }


def render_notification_email(
    notification: Notification, kind: NotificationKind, recipient: Recipient
) -> EmailMultiAlternatives:
    """Render a kind's three templates in the recipient's language."""
    unsubscribe = unsubscribe_url(recipient.pk, kind.slug)
    with translation.override(recipient.language):
        context = {
            **notification.context,
            **_base_context(recipient.pk),
            "notification": notification,
            "kind": kind,
            "kind_label": str(kind.label),
            "summary": kind.render_summary(notification.context),
            "action_url": absolute_url(notification.url),
            "preferences_url": unsubscribe,
        }
        subject = render_plain(kind.subject_template, context)
        text = render_plain(kind.text_template, context)
        html = render_to_string(kind.html_template, context)
    return build_message(
        to=recipient.email or "",
        subject=subject,
        text=text,
        html=html,
        unsubscribe=unsubscribe,
    )


def render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain-text template without HTML autoescaping."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_TEXT_LIMIT]


def deliver_batch(delivery_ids: list[int], *, final_attempt: bool) -> list[int]:
    """Send pending deliveries over one connection; returns the ids to retry.

    A transport error stops the batch (the server is probably down): the failed
    row goes to the end of the retry list, after the rows not yet tried. On the
    final attempt the failed row is marked failed instead; untried rows stay
    pending for the sweeper.
    """
    ids = list(dict.fromkeys(delivery_ids))
    deliveries = {
        d.pk: d
        for d in EmailDelivery.objects.filter(
            pk__in=ids, status=DeliveryStatus.PENDING
        ).select_related("notification")
    }
    if not deliveries:
        return []
    recipients = load_recipients({d.recipient_id for d in deliveries.values()})
    connection = LazyConnection()
    to_retry: list[int] = []
    try:
        for position, delivery_id in enumerate(ids):
            delivery = deliveries.get(delivery_id)
            if delivery is None:
                continue
            outcome = _deliver_one(
                delivery,
                recipients.get(delivery.recipient_id),
                connection,
                final_attempt,
            )
            if outcome == "transport_error":
                untried = [i for i in ids[position + 1 :] if i in deliveries]
                if not final_attempt:
                    to_retry = [*untried, delivery_id]
                break
    finally:
        connection.close()
    return to_retry


def _deliver_one(
    delivery: EmailDelivery,
    recipient: Recipient | None,
    connection: LazyConnection,
    final_attempt: bool,
) -> str:
    """Claim, send and record one row.

    Returns 'sent', 'skipped', 'failed', 'transport_error' or '' (not claimed).
    """
    kind = _kind_or_none(delivery.notification.kind)
    with transaction.atomic():
        claimed = (
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=delivery.pk, status=DeliveryStatus.PENDING)
            .values_list("attempts", flat=True)
            .first()
        )
        if claimed is None:
            return ""  # sent already, retried from the admin, or locked elsewhere
        rows = EmailDelivery.objects.filter(pk=delivery.pk)
        reason = _skip_reason(recipient, kind)
        if not reason and not kind.still_relevant(delivery.notification):
            reason = "O conteúdo não está mais disponível."
        if reason:
            rows.update(status=DeliveryStatus.SKIPPED, last_error=reason)
            return "skipped"
        now = timezone.now()
        try:
            message = render_notification_email(delivery.notification, kind, recipient)
            connection.send(message)
        except RETRYABLE_ERRORS as exc:
            logger.warning("Email delivery %s failed: %s", delivery.pk, exc)
            rows.update(
                attempts=F("attempts") + 1,
                last_error=_error_text(exc),
                status=DeliveryStatus.FAILED
                if final_attempt
                else DeliveryStatus.PENDING,
            )
            return "transport_error"
        except Exception as exc:
            # A template or data bug: retrying will not help, the DLQ shows it.
            logger.exception("Email delivery %s cannot be rendered.", delivery.pk)
            rows.update(
                attempts=F("attempts") + 1,
                last_error=_error_text(exc),
                status=DeliveryStatus.FAILED,
            )
            return "failed"
        rows.update(
            status=DeliveryStatus.SENT,
            sent_at=now,
            attempts=F("attempts") + 1,
            last_error="",
            message_id=message.extra_headers["Message-ID"],
        )
        return "sent"


def mark_retry_scheduled(delivery_ids: list[int], *, countdown: float) -> None:
    """Tell the sweeper when the retry is due, so it does not race the retry."""
    EmailDelivery.objects.filter(
        pk__in=delivery_ids, status=DeliveryStatus.PENDING
    ).update(queued_at=timezone.now() + timedelta(seconds=countdown))


def outbox_sweep(*, now: datetime | None = None, limit: int = SWEEP_LIMIT) -> list[int]:
    """Re-queue due pending rows never queued or queued too long ago.

    Safe when two sweepers overlap: rows are claimed with SKIP LOCKED and
    stamped `queued_at=now` before the lock is released.
    """
    from .services import enqueue_deliveries

    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER_SECONDS)
    with transaction.atomic():
        ids = list(
            EmailDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, due_at__lte=now)
            .filter(Q(queued_at__isnull=True) | Q(queued_at__lte=stale))
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            EmailDelivery.objects.filter(pk__in=ids).update(queued_at=now)
            transaction.on_commit(lambda: enqueue_deliveries(ids))
    if ids:
        logger.info("Outbox sweeper queued %d email deliveries.", len(ids))
    return ids


# Daily digest ---------------------------------------------------------------


def digest_window_end(day: date) -> datetime:
    """The digest of `day` covers everything due before that day's local midnight."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


def digest_day(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now(), timezone=local_zone())


def digest_recipient_ids(day: date) -> list[int]:
    """People with waiting digest rows due before the day's window end."""
    return list(
        EmailDelivery.objects.filter(
            status=DeliveryStatus.WAITING_DIGEST, due_at__lt=digest_window_end(day)
        )
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
    )


def send_digest_batch(
    user_ids: list[int], day: date, *, final_attempt: bool
) -> list[int]:
    """Send each person's digest for `day` over one connection; returns ids to retry."""
    window_end = digest_window_end(day)
    recipients = load_recipients(set(user_ids))
    connection = LazyConnection()
    to_retry: list[int] = []
    try:
        for position, user_id in enumerate(user_ids):
            try:
                _send_digest(
                    recipients.get(user_id), user_id, day, window_end, connection
                )
            except RETRYABLE_ERRORS as exc:
                logger.warning("Digest for user %s failed: %s", user_id, exc)
                waiting = EmailDelivery.objects.filter(
                    recipient_id=user_id,
                    status=DeliveryStatus.WAITING_DIGEST,
                    due_at__lt=window_end,
                )
                waiting.update(
                    attempts=F("attempts") + 1,
                    last_error=_error_text(exc),
                    **({"status": DeliveryStatus.FAILED} if final_attempt else {}),
                )
                if not final_attempt:
                    to_retry = [*user_ids[position + 1 :], user_id]
                connection.close()
                break
            except Exception as exc:
                logger.exception("Digest for user %s cannot be rendered.", user_id)
                EmailDelivery.objects.filter(
                    recipient_id=user_id,
                    status=DeliveryStatus.WAITING_DIGEST,
                    due_at__lt=window_end,
                ).update(
                    attempts=F("attempts") + 1,
                    last_error=_error_text(exc),
                    status=DeliveryStatus.FAILED,
                )
    finally:
        connection.close()
    return to_retry


def _send_digest(
    recipient: Recipient | None,
    user_id: int,
    day: date,
    window_end: datetime,
    connection: LazyConnection,
) -> bool:
    """One person's digest, sent once: rows locked, Digest row unique per day."""
    with transaction.atomic():
        rows = list(
            EmailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("notification")
            .filter(
                recipient_id=user_id,
                status=DeliveryStatus.WAITING_DIGEST,
                due_at__lt=window_end,
            )
            .order_by("due_at", "pk")
        )
        if not rows:
            return False
        items, skipped = [], []
        for row in rows:
            kind = _kind_or_none(row.notification.kind)
            reason = _skip_reason(recipient, kind)
            if not reason and not kind.still_relevant(row.notification):
                reason = "O conteúdo não está mais disponível."
            if reason:
                row.last_error = reason
                skipped.append(row)
            else:
                items.append((row, kind))
        for row in skipped:
            EmailDelivery.objects.filter(pk=row.pk).update(
                status=DeliveryStatus.SKIPPED, last_error=row.last_error
            )
        if not items:
            return False  # never an empty digest
        try:
            with transaction.atomic():
                digest = Digest.objects.create(
                    user_id=user_id, day=day, window_end=window_end
                )
        except IntegrityError:
            return False  # this day's digest went out already
        message = render_digest_email(recipient, day, items)
        connection.send(message)
        message_id = message.extra_headers["Message-ID"]
        Digest.objects.filter(pk=digest.pk).update(message_id=message_id)
        EmailDelivery.objects.filter(pk__in=[row.pk for row, _ in items]).update(
            status=DeliveryStatus.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            last_error="",
            digest=digest,
            message_id=message_id,
        )
        return True


def render_digest_email(
    recipient: Recipient, day: date, items: list[tuple[EmailDelivery, NotificationKind]]
) -> EmailMultiAlternatives:
    """The digest: one line and one link per notification, in the person's language."""
    unsubscribe = unsubscribe_url(recipient.pk, DIGEST_KINDS)
    with translation.override(recipient.language):
        context = {
            **_base_context(recipient.pk),
            "day": day,
            "previous_day": day - timedelta(days=1),
            "count": len(items),
            "items": [
                {
                    "summary": kind.render_summary(row.notification.context),
                    "kind_label": str(kind.label),
                    "url": absolute_url(row.notification.url),
                    "due_at": row.notification.due_at,
                }
                for row, kind in items
            ],
            "preferences_url": unsubscribe,
        }
        subject = render_plain("notifications/emails/digest_subject.txt", context)
        text = render_plain("notifications/emails/digest.txt", context)
        html = render_to_string("notifications/emails/digest.html", context)
    return build_message(
        to=recipient.email or "",
        subject=subject,
        text=text,
        html=html,
        unsubscribe=unsubscribe,
    )

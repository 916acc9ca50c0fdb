"""Notifications (the in-app inbox), the email outbox, preferences and digests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DeliveryStatus, EmailMode
from .registry import UnknownKind, get_kind

__all__ = [
    "DeliveryStatus",
    "Digest",
    "EmailDelivery",
    "EmailMode",
    "Notification",
    "NotificationPreference",
]


class NotificationQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Notifications whose time has come (reminders stay hidden until due)."""
        return self.filter(due_at__lte=now or timezone.now())

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing told to one person, or to one email address with no account yet.

    Unique per (recipient, kind, key), or per (address, kind, key) for an
    address. An address (an invitation) is only ever emailed: no inbox shows it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatário"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Set only when there is no recipient: the address the module was given
    # (e.g. an invitation's), stored lower-case so it is once-only per key.
    address = models.EmailField(_("e-mail sem conta"), blank=True, default="")
    kind = models.CharField(_("tipo"), max_length=100)
    # Deterministic event key ("hearing-reminder:12:24h"): a job that runs twice
    # hits the unique constraint instead of telling the person twice.
    key = models.CharField(_("chave do evento"), max_length=200)
    context = models.JSONField(_("contexto"), default=dict, blank=True)
    url = models.CharField(_("endereço"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("criada em"), default=timezone.now)
    due_at = models.DateTimeField(_("visível a partir de"), default=timezone.now)
    read_at = models.DateTimeField(_("lida em"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notificação")
        verbose_name_plural = _("notificações")
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="notifications_once_per_key"
            ),
            models.UniqueConstraint(
                fields=["address", "kind", "key"],
                condition=Q(recipient__isnull=True),
                name="notifications_address_once_per_key",
            ),
            models.CheckConstraint(
                condition=(
                    Q(recipient__isnull=False, address="")
                    | (Q(recipient__isnull=True) & ~Q(address=""))
                ),
                name="notifications_person_or_address",
            ),
            models.CheckConstraint(
                condition=Q(address=Lower("address")),
                name="notifications_address_lower_case",
            ),
        ]
        indexes = [
            # The inbox: one person's notifications, newest first.
            models.Index(fields=["recipient", "-due_at"], name="notif_inbox_idx"),
            # The unread badge, on every page of a logged-in person.
            models.Index(
                fields=["recipient", "due_at"],
                condition=Q(read_at__isnull=True),
                name="notif_unread_idx",
            ),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id or self.address} ({self.key})"

    @property
    def kind_obj(self):
        try:
            return get_kind(self.kind)
        except UnknownKind:
            return None

    @property
    def summary(self) -> str:
        """The one-line text of the inbox, in the active language."""
        kind = self.kind_obj
        if kind is None:
            return self.kind
        return kind.render_summary(self.context)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Mention(models.Model):
    """A person named inside a notification told to someone else.

    Names are written into `Notification.context` when the notification is
    made (the inbox and the email render from it). When the named person's
    account is erased (LGPD art. 18 VI), the name as written is replaced with
    "Participante removido" in every notification that mentions them.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="mentions"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The name exactly as it went into the context, whatever it is later.
    name = models.CharField(_("nome mencionado"), max_length=300)

    class Meta:
        verbose_name = _("menção")
        verbose_name_plural = _("menções")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "person"], name="notifications_mention_once"
            )
        ]

    def __str__(self):
        return f"{self.person_id} in {self.notification_id}"


class Digest(models.Model):
    """The daily digest sent to one person for one local day (sent at most once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pessoa"),
        on_delete=models.CASCADE,
        related_name="notification_digests",
    )
    day = models.DateField(_("dia"))
    # The half-open window [.., window_end) in America/Sao_Paulo it covered.
    window_end = models.DateTimeField(_("cobre até"))
    sent_at = models.DateTimeField(_("enviado em"), default=timezone.now)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("resumo diário")
        verbose_name_plural = _("resumos diários")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"], name="notifications_digest_once_per_day"
            )
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.day:%Y-%m-%d}"


class EmailDelivery(models.Model):
    """The outbox: one email owed for one notification. Failed rows are the DLQ.

    `recipient` is empty when the notification goes to an address without an
    account; such a row is always sent at once, never in a digest.
    """

    notification = models.OneToOneField(
        Notification,
        verbose_name=_("notificação"),
        on_delete=models.CASCADE,
        related_name="email_delivery",
    )
    # Denormalised from the notification so digests and erasure need no join.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatário"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("situação"),
        max_length=20,
        choices=DeliveryStatus,
        default=DeliveryStatus.PENDING,
        editable=False,
    )
    attempts = models.PositiveSmallIntegerField(_("tentativas"), default=0)
    last_error = models.TextField(_("último erro"), blank=True)
    created_at = models.DateTimeField(_("criado em"), default=timezone.now)
    due_at = models.DateTimeField(_("enviar a partir de"), default=timezone.now)
    # When the task that should send this row is expected to run (a retry sets
    # it in the future). The sweeper re-queues rows whose task is long overdue.
    queued_at = models.DateTimeField(_("na fila desde"), null=True, blank=True)
    sent_at = models.DateTimeField(_("enviado em"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    digest = models.ForeignKey(
        Digest,
        verbose_name=_("resumo diário"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )

    class Meta:
        verbose_name = _("envio de e-mail")
        verbose_name_plural = _("envios de e-mail")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("retry_emaildelivery", _("Pode reenviar e-mails que falharam")),
        ]
        constraints = [
            # A digest is per person: an address without an account has none.
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(status="waiting_digest"),
                name="notifications_digest_needs_an_account",
            ),
        ]
        indexes = [
            # The sweeper: pending rows by due time.
            models.Index(
                fields=["due_at"],
                condition=Q(status="pending"),
                name="notif_delivery_pending_idx",
            ),
            # The digest: rows waiting per person.
            models.Index(
                fields=["recipient", "due_at"],
                condition=Q(status="waiting_digest"),
                name="notif_delivery_digest_idx",
            ),
            # The admin list filtered by status.
            models.Index(
                fields=["status", "-created_at"], name="notif_delivery_st_idx"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()}"

    def to(self) -> str:
        """The person, or the bare address of a notification to one."""
        if self.recipient_id is not None:
            return str(self.recipient)
        return self.notification.address

    to.short_description = _("para")


class NotificationPreference(models.Model):
    """A person's email choice for one kind; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pessoa"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("tipo"), max_length=100)
    email_mode = models.CharField(_("e-mail"), max_length=16, choices=EmailMode)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)

    class Meta:
        verbose_name = _("preferência de notificação")
        verbose_name_plural = _("preferências de notificação")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notifications_preference_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.email_mode}"

"""What happens around a demand: the conversation, its files, its history,
and which staff members work for which body."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from consultations.models import Body

from .demands import Demand


class DemandMessageQuerySet(models.QuerySet):
    def for_requester(self):
        """What the requester may read: never the internal notes."""
        return self.exclude(kind=DemandMessage.Kind.NOTE)


class DemandMessage(models.Model):
    """One message of a demand's conversation. Internal notes (`NOTE`) are
    between staff (the SRSC and the body it was forwarded to) only."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Pedido de informação")
        REPLY = "reply", _("Resposta do solicitante")
        ANSWER = "answer", _("Resposta da SRSC")
        REOPEN = "reopen", _("Pedido de reabertura")
        NOTE = "note", _("Nota interna")

    REQUESTER_KINDS = (Kind.REPLY, Kind.REOPEN)

    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("mensagem"), max_length=10_000)
    created_at = models.DateTimeField(_("em"), default=timezone.now)

    objects = DemandMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("mensagem da demanda")
        verbose_name_plural = _("mensagens da demanda")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.demand.protocol}: {self.get_kind_display()}"

    @property
    def is_internal(self) -> bool:
        return self.kind == self.Kind.NOTE

    @property
    def from_requester(self) -> bool:
        return self.kind in self.REQUESTER_KINDS


def attachment_upload_to(instance, filename: str) -> str:
    """A random name under the demand's folder: a guessed path reveals nothing."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"dialogue/{instance.demand_id}/{secrets.token_hex(16)}{suffix}"


class DemandAttachment(models.Model):
    """A private file sent with a demand or one of its messages."""

    demand = models.ForeignKey(
        Demand, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        DemandMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("arquivo"),
        upload_to=attachment_upload_to,
        storage=private_storage,
        max_length=200,
    )
    name = models.CharField(_("nome"), max_length=120)
    size = models.PositiveIntegerField(_("tamanho"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("anexo da demanda")
        verbose_name_plural = _("anexos da demanda")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.message_id is not None and self.message.is_internal


class DemandLog(WorkflowLog):
    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="log")
    from_status = WorkflowLog.status_column(Demand.Status.choices, _("de"))
    to_status = WorkflowLog.status_column(Demand.Status.choices, _("para"))

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da demanda")
        verbose_name_plural = _("histórico da demanda")


class BodyMember(models.Model):
    """A staff member who works for a body of the Prefeitura: they see and
    annotate the demands forwarded to it, and no others."""

    body = models.ForeignKey(
        Body, verbose_name=_("órgão"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("servidor(a)"),
        on_delete=models.CASCADE,
        related_name="dialogue_bodies",
    )
    added_at = models.DateTimeField(_("desde"), default=timezone.now)

    class Meta:
        verbose_name = _("servidor(a) de órgão")
        verbose_name_plural = _("servidores dos órgãos")
        ordering = ["body__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user"], name="dialogue_body_member_once"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.body}"

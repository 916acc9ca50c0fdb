"""The PMIS, procedimento de manifestação de interesse social (arts. 18–21)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entities.models import Entity


class InterestManifestation(models.Model):
    """A PMIS (arts. 18–21): an entity, movement or citizen proposes a
    partnership idea; it may start a chamamento, never obliges one."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Recebida")
        PUBLISHED = "published", _("Publicada para manifestação")
        CALL_OPENED = "call_opened", _("Deu origem a chamamento")
        ARCHIVED = "archived", _("Arquivada")

    protocol = models.CharField(
        _("protocolo"), max_length=20, unique=True, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entity = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="manifestations",
    )
    title = models.CharField(_("título"), max_length=200)
    public_interest = models.TextField(
        _("interesse público envolvido"), max_length=10_000
    )
    diagnosis = models.TextField(
        _("diagnóstico da realidade, custos, benefícios e prazos"), max_length=20_000
    )
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.RECEIVED,
        editable=False,
    )
    decision_note = models.TextField(_("manifestação da administração"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("manifestação de interesse social (PMIS)")
        verbose_name_plural = _("manifestações de interesse social (PMIS)")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.protocol} — {self.title}"

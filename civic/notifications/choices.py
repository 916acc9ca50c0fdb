"""Choices shared by the registry and the models.

They live apart from `models.py` so that `registry.py` can be imported while apps
are still loading (kinds register from `AppConfig.ready()`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    """How a person wants to receive one kind of notification by email."""

    IMMEDIATE = "immediate", _("Imediatamente")
    DAILY = "daily", _("Resumo diário")
    OFF = "off", _("Desligado")


class DeliveryStatus(models.TextChoices):
    """Where an email of the outbox is."""

    PENDING = "pending", _("Na fila")
    WAITING_DIGEST = "waiting_digest", _("Aguardando o resumo diário")
    SENT = "sent", _("Enviado")
    FAILED = "failed", _("Falhou")
    SKIPPED = "skipped", _("Não enviado")

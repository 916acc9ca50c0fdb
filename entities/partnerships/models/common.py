"""Choices and small pieces the chamamentos and the partnerships share."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Instrument(models.TextChoices):
    """MROSC's instruments (art. 2 VII, VIII, VIII-A) and the legacy ones that
    imports bring (convênio, termo de parceria with OSCIP, contrato de gestão)."""

    COLLABORATION = "colaboracao", _("Termo de colaboração")
    FOSTERING = "fomento", _("Termo de fomento")
    COOPERATION = "cooperacao", _("Acordo de cooperação")
    LEGACY = "legado", _("Instrumento anterior ao MROSC ou fora dele")

    @classmethod
    def with_money(cls) -> frozenset[str]:
        return frozenset({cls.COLLABORATION, cls.FOSTERING, cls.LEGACY})


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """Reais with centavos, never negative."""
    kwargs.setdefault("max_digits", 14)
    kwargs.setdefault("decimal_places", 2)
    kwargs.setdefault("validators", [MinValueValidator(Decimal("0"))])
    return models.DecimalField(verbose_name, **kwargs)


def private_upload_to(instance, filename: str) -> str:
    """Files of a partnership or call go under their own folder of private storage."""
    owner = getattr(instance, "partnership_id", None) or getattr(
        instance, "call_id", None
    )
    return f"partnerships/{type(instance).__name__.lower()}/{owner}/{filename}"

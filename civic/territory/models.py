"""Betim's administrative regions (regionais) and neighbourhoods (bairros).

Shared by accounts (where a person lives), the entity registry (where an entity
works) and consultations (who follows what). Staff keep the list in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regional(models.Model):
    """One of the Prefeitura's administrative regions."""

    name = models.CharField(_("nome"), max_length=80, unique=True)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("regional")
        verbose_name_plural = _("regionais")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BairroQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Bairro(models.Model):
    """A neighbourhood, always inside one regional."""

    name = models.CharField(_("nome"), max_length=120)
    slug = models.SlugField(_("identificador"), max_length=120, unique=True)
    regional = models.ForeignKey(
        Regional,
        verbose_name=_("regional"),
        on_delete=models.PROTECT,
        related_name="bairros",
    )
    is_active = models.BooleanField(
        _("ativo"),
        default=True,
        help_text=_("Bairros inativos deixam de aparecer nas listas de escolha."),
    )

    objects = BairroQuerySet.as_manager()

    class Meta:
        verbose_name = _("bairro")
        verbose_name_plural = _("bairros")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regional", "name"], name="territory_bairro_unique_in_regional"
            )
        ]

    def __str__(self):
        return self.name

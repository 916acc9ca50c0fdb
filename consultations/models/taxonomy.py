"""What consultations and events are about, who organises them, and where."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro


class PolicyArea(models.Model):
    """A public-policy area (saúde, educação, mobilidade...) people can follow."""

    name = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)
    description = models.CharField(_("descrição"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("área de política pública")
        verbose_name_plural = _("áreas de política pública")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Body(models.Model):
    """A body of the Prefeitura (secretaria, superintendência, conselho) that is
    responsible for a consultation or organises an event."""

    name = models.CharField(_("nome"), max_length=200, unique=True)
    acronym = models.CharField(_("sigla"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("órgão")
        verbose_name_plural = _("órgãos")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Venue(models.Model):
    """A place where hearings and forums happen."""

    name = models.CharField(_("nome do local"), max_length=200, unique=True)
    address = models.CharField(_("endereço"), max_length=300)
    bairro = models.ForeignKey(
        Bairro,
        verbose_name=_("bairro"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    capacity = models.PositiveIntegerField(_("lotação máxima"))
    step_free_access = models.BooleanField(
        _("acesso sem degraus (rampa ou elevador)"), default=False
    )
    accessibility_notes = models.CharField(
        _("outras informações de acessibilidade"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("local")
        verbose_name_plural = _("locais")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0),
                name="consultations_venue_capacity_positive",
            )
        ]

    def __str__(self):
        return self.name

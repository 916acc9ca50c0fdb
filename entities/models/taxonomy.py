"""Classifications used by the registry: staff-managed areas and publics, and the
Receita Federal tables (natureza jurídica, CNAE)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """An area of activity (área de atuação), managed by staff."""

    name = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)
    description = models.CharField(_("descrição"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("área de atuação")
        verbose_name_plural = _("áreas de atuação")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PublicServed(models.Model):
    """A public an entity serves (público atendido), managed by staff."""

    name = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("identificador"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("público atendido")
        verbose_name_plural = _("públicos atendidos")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LegalNatureQuerySet(models.QuerySet):
    def osc_first(self):
        return self.order_by("-is_osc", "description")


class LegalNature(models.Model):
    """A natureza jurídica from the Receita Federal table (4 digits, shown NNN-N)."""

    code = models.CharField(_("código"), max_length=4, unique=True)
    description = models.CharField(_("descrição"), max_length=200)
    # The natures IPEA's Mapa das OSCs counts as OSCs (3999, 3069, 3220, 3301).
    is_osc = models.BooleanField(_("natureza típica de OSC"), default=False)

    objects = LegalNatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("natureza jurídica")
        verbose_name_plural = _("naturezas jurídicas")
        ordering = ["-is_osc", "description"]

    def __str__(self):
        return f"{self.code_display} {self.description}"

    @property
    def code_display(self) -> str:
        return f"{self.code[:3]}-{self.code[3:]}"


class Cnae(models.Model):
    """A CNAE 2.3 subclass from the Receita Federal table (7 digits, NNNN-N/NN)."""

    code = models.CharField(_("código"), max_length=7, unique=True)
    description = models.CharField(_("descrição"), max_length=300)

    class Meta:
        verbose_name = _("CNAE")
        verbose_name_plural = _("CNAEs")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code_display} {self.description}"

    @property
    def code_display(self) -> str:
        c = self.code
        return f"{c[:4]}-{c[4]}/{c[5:]}" if len(c) == 7 else c

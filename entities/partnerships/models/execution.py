"""Changes to a partnership (arts. 55, 57) and its monitoring (arts. 58–60)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage

from .common import money_field, private_upload_to
from .partnerships import Partnership


class Change(models.Model):
    """A termo aditivo or apostilamento (arts. 55, 57): deadline, value or metas."""

    class Kind(models.TextChoices):
        ADDENDUM = "aditivo", _("Termo aditivo")
        APOSTILLE = "apostilamento", _("Apostilamento")
        EX_OFFICIO = "oficio", _("Prorrogação de ofício (atraso da administração)")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Solicitada")
        APPROVED = "approved", _("Aprovada")
        REFUSED = "refused", _("Recusada")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind)
    requested_by_entity = models.BooleanField(_("pedido da entidade"), default=False)
    requested_on = models.DateField(_("pedida em"), default=timezone.localdate)
    new_ends_on = models.DateField(_("nova data de fim"), null=True, blank=True)
    value_change = money_field(
        _("acréscimo de valor"), null=True, blank=True, validators=[]
    )
    description = models.TextField(_("o que muda e por quê"), max_length=10_000)
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.REQUESTED,
        editable=False,
    )
    act_number = models.CharField(
        _("número do termo ou apostila"), max_length=40, blank=True
    )
    decided_on = models.DateField(
        _("decidida em"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("alteração")
        verbose_name_plural = _("alterações")
        ordering = ["partnership", "requested_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.partnership.number}"


class MonitoringReport(models.Model):
    class Kind(models.TextChoices):
        REPORT = "relatorio", _("Relatório técnico de monitoramento e avaliação")
        VISIT = "visita", _("Visita técnica in loco")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="monitoring"
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind)
    happened_on = models.DateField(_("data"))
    summary = models.TextField(_("síntese"), max_length=20_000)
    file = models.FileField(
        _("arquivo"),
        upload_to=private_upload_to,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    homologated_on = models.DateField(
        _("homologado pela comissão em"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("monitoramento")
        verbose_name_plural = _("monitoramento")
        ordering = ["partnership", "-happened_on"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.happened_on}"

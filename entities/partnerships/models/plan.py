"""The plano de trabalho of a partnership (art. 22): metas, parcelas, team."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .common import money_field
from .partnerships import Partnership


class Goal(models.Model):
    """A meta of the plano de trabalho, with how it is measured (art. 22 II, IV)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="goals"
    )
    position = models.PositiveSmallIntegerField(_("ordem"), default=0)
    description = models.CharField(_("meta"), max_length=500)
    indicator = models.CharField(_("indicador"), max_length=300)
    verification = models.CharField(_("meio de verificação"), max_length=300)
    quantity = models.DecimalField(
        _("quantidade"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unidade"), max_length=60, blank=True)
    starts_on = models.DateField(_("início"), null=True, blank=True)
    ends_on = models.DateField(_("fim"), null=True, blank=True)

    class Meta:
        verbose_name = _("meta")
        verbose_name_plural = _("metas")
        ordering = ["partnership", "position", "pk"]

    def __str__(self):
        return self.description


class Installment(models.Model):
    """A parcela of the cronograma de desembolso; retained under art. 48."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Prevista")
        RELEASED = "released", _("Liberada")
        RETAINED = "retained", _("Retida")

    class RetentionReason(models.TextChoices):
        IRREGULARITY = (
            "irregularidade",
            _(
                "Indícios de irregularidade na aplicação de parcela anterior (art. 48, I)"
            ),
        )
        DEVIATION = (
            "desvio",
            _("Desvio de finalidade ou inadimplemento de obrigações (art. 48, II)"),
        )
        CORRECTIVE = (
            "saneamento",
            _("Medidas saneadoras não adotadas pela entidade (art. 48, III)"),
        )

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="installments"
    )
    number = models.PositiveSmallIntegerField(_("parcela nº"))
    value = money_field(_("valor"))
    due_on = models.DateField(_("data prevista"))
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.SCHEDULED,
        editable=False,
    )
    released_on = models.DateField(
        _("liberada em"), null=True, blank=True, editable=False
    )
    retention_reason = models.CharField(
        _("motivo da retenção"),
        max_length=16,
        choices=RetentionReason,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("parcela")
        verbose_name_plural = _("parcelas")
        ordering = ["partnership", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="partnerships_installment_once"
            ),
            models.CheckConstraint(
                condition=Q(value__gt=0), name="partnerships_installment_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="released") | Q(released_on__isnull=False),
                name="partnerships_released_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.partnership.number} — {self.number}ª parcela"


class TeamPosition(models.Model):
    """A function paid with partnership money (art. 11 VI): function and pay,
    never the person's name."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="team"
    )
    function = models.CharField(_("função"), max_length=200)
    monthly_pay = money_field(_("remuneração mensal com encargos"))
    months = models.PositiveSmallIntegerField(_("meses"), default=12)

    class Meta:
        verbose_name = _("função paga com recursos da parceria")
        verbose_name_plural = _("equipe paga com recursos da parceria")
        ordering = ["partnership", "function"]

    def __str__(self):
        return self.function

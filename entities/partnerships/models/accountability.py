"""Prestação de contas (arts. 63–72) with computed due dates, diligências,
sanctions (art. 73) and the channel to report irregularities (art. 12)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.protocols import ProtocolSequence as BaseProtocolSequence
from civic.storage import private_storage
from civic.workflow import WorkflowLog
from entities.models import Entity

from .partnerships import Partnership


class Accountability(models.Model):
    """One rendering of accounts: annual (vigência over a year) or final.

    Due dates are stored when the period starts (from the settings with the
    legal values) so that a later change of settings never moves a deadline
    someone is already working to; extensions are recorded decisions.
    """

    class Kind(models.TextChoices):
        ANNUAL = "anual", _("Anual")
        FINAL = "final", _("Final")

    class Status(models.TextChoices):
        PENDING = "pending", _("Aguardando apresentação")
        PRESENTED = "presented", _("Apresentada, em análise")
        DILIGENCE = "diligence", _("Em diligência")
        REGULAR = "regular", _("Aprovada: regular")
        CAVEATS = "caveats", _("Aprovada com ressalvas")
        IRREGULAR = "irregular", _("Rejeitada: irregular")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="accountabilities"
    )
    kind = models.CharField(_("tipo"), max_length=8, choices=Kind)
    period_ends_on = models.DateField(_("fim do período prestado"))
    due_on = models.DateField(_("prazo para apresentar"))
    due_extended = models.BooleanField(
        _("prazo prorrogado"), default=False, editable=False
    )
    presented_on = models.DateField(
        _("apresentada em"), null=True, blank=True, editable=False
    )
    analysis_due_on = models.DateField(
        _("prazo da análise"), null=True, blank=True, editable=False
    )
    analysis_extended = models.BooleanField(
        _("análise prorrogada"), default=False, editable=False
    )
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.PENDING,
        editable=False,
    )
    execution_report = models.TextField(
        _("relatório de execução do objeto"), blank=True, max_length=50_000
    )
    goals_met = models.BooleanField(
        _("metas cumpridas"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Quando não, o relatório de execução financeira é obrigatório."),
    )
    financial_report = models.TextField(
        _("relatório de execução financeira"),
        blank=True,
        max_length=50_000,
        help_text=_("Obrigatório quando as metas não foram cumpridas (art. 66, II)."),
    )
    decided_on = models.DateField(
        _("concluída em"), null=True, blank=True, editable=False
    )
    conclusion = models.TextField(_("conclusão"), blank=True, editable=False)

    class Meta:
        verbose_name = _("prestação de contas")
        verbose_name_plural = _("prestações de contas")
        ordering = ["partnership", "period_ends_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "period_ends_on"],
                name="partnerships_accountability_once",
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(kind="final"),
                name="partnerships_one_final_accountability",
            ),
        ]

    def __str__(self):
        return f"{self.partnership.number} — {self.get_kind_display()} ({self.period_ends_on:%Y})"


class Diligence(models.Model):
    """A notice to fix the accounts: 45 days, once extendable by 45 (art. 70 §1)."""

    accountability = models.ForeignKey(
        Accountability, on_delete=models.CASCADE, related_name="diligences"
    )
    issued_on = models.DateField(_("emitida em"), default=timezone.localdate)
    due_on = models.DateField(_("prazo para responder"))
    extended = models.BooleanField(_("prazo prorrogado"), default=False, editable=False)
    request = models.TextField(_("o que a entidade deve sanar"), max_length=20_000)
    answer = models.TextField(_("resposta da entidade"), blank=True, max_length=20_000)
    answered_on = models.DateField(
        _("respondida em"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("diligência")
        verbose_name_plural = _("diligências")
        ordering = ["accountability", "issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["accountability"],
                condition=Q(answered_on__isnull=True),
                name="partnerships_one_open_diligence",
            )
        ]

    def __str__(self):
        return f"{self.accountability} — {self.issued_on}"


class AccountabilityDocument(models.Model):
    accountability = models.ForeignKey(
        Accountability, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("arquivo"),
        upload_to="partnerships/accountability/",
        storage=private_storage,
        max_length=200,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("documento da prestação de contas")
        verbose_name_plural = _("documentos da prestação de contas")

    def __str__(self):
        return self.title


class Sanction(models.Model):
    """Art. 73: advertência, suspensão (≤ 2 years, same sphere) or declaração
    de inidoneidade, after a defence period."""

    class Kind(models.TextChoices):
        WARNING = "advertencia", _("Advertência")
        SUSPENSION = "suspensao", _("Suspensão temporária (art. 73, II)")
        UNFITNESS = "inidoneidade", _("Declaração de inidoneidade (art. 73, III)")

    class Status(models.TextChoices):
        DEFENCE = "defence", _("Prazo de defesa")
        APPLIED = "applied", _("Aplicada")
        DISMISSED = "dismissed", _("Arquivada")
        LIFTED = "lifted", _("Reabilitação")

    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="sanctions"
    )
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    kind = models.CharField(_("sanção"), max_length=16, choices=Kind)
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.DEFENCE,
        editable=False,
    )
    grounds = models.TextField(_("fatos e fundamentos"), max_length=20_000)
    defence_opened_on = models.DateField(
        _("abertura do prazo de defesa"), default=timezone.localdate
    )
    defence_due_on = models.DateField(_("fim do prazo de defesa"))
    defence = models.TextField(_("defesa da entidade"), blank=True, max_length=50_000)
    defence_submitted_on = models.DateField(
        _("defesa enviada em"), null=True, blank=True, editable=False
    )
    decision = models.TextField(_("decisão"), blank=True, editable=False)
    act = models.CharField(_("ato da sanção"), max_length=200, blank=True)
    starts_on = models.DateField(_("início"), null=True, blank=True, editable=False)
    ends_on = models.DateField(_("fim"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("sanção")
        verbose_name_plural = _("sanções")
        ordering = ["-defence_opened_on", "-pk"]
        indexes = [models.Index(fields=["entity", "status", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | (Q(starts_on__isnull=False) & Q(ends_on__gte=F("starts_on"))),
                name="partnerships_sanction_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(kind="suspensao", status="applied")
                | Q(ends_on__isnull=False),
                name="partnerships_suspension_has_end",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.entity}"


class ProtocolSequence(BaseProtocolSequence):
    """The partnerships' protocol numbers (PMIS); see `civic.protocols`."""


class AccountabilityLog(WorkflowLog):
    accountability = models.ForeignKey(
        Accountability, on_delete=models.CASCADE, related_name="log"
    )

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da prestação de contas")
        verbose_name_plural = _("histórico da prestação de contas")


class SanctionLog(WorkflowLog):
    sanction = models.ForeignKey(Sanction, on_delete=models.CASCADE, related_name="log")

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da sanção")
        verbose_name_plural = _("histórico da sanção")

"""Proposals to a chamamento, the committee's scores and the appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from entities.models import Entity

from .calls import Call, CommitteeMember, Criterion, proposal_upload_to
from .common import money_field


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        SUBMITTED = "submitted", _("Enviada")
        ELIMINATED = "eliminated", _("Eliminada")
        RANKED = "ranked", _("Classificada")
        SELECTED = "selected", _("Selecionada")
        HABILITATED = "habilitated", _("Habilitada")
        NOT_HABILITATED = "not_habilitated", _("Não habilitada")
        WITHDRAWN = "withdrawn", _("Desistência")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals")
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="proposals"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    summary = models.TextField(_("resumo da proposta"), max_length=10_000)
    requested_value = money_field(_("valor solicitado"), null=True, blank=True)
    plan_draft = models.TextField(
        _("minuta do plano de trabalho"), max_length=50_000, blank=True
    )
    score = models.DecimalField(
        _("nota final"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    rank = models.PositiveSmallIntegerField(
        _("classificação"), null=True, blank=True, editable=False
    )
    decision_note = models.TextField(_("motivo"), blank=True, editable=False)
    submitted_at = models.DateTimeField(
        _("enviada em"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("proposta")
        verbose_name_plural = _("propostas")
        ordering = ["call", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "entity"],
                name="partnerships_one_proposal_per_entity",
                violation_error_message=_(
                    "Esta entidade já tem uma proposta neste chamamento."
                ),
            )
        ]

    def __str__(self):
        return f"{self.entity} — {self.call.number}"


class ProposalDocument(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("arquivo"),
        upload_to=proposal_upload_to,
        storage=private_storage,
        max_length=200,
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("documento da proposta")
        verbose_name_plural = _("documentos da proposta")

    def __str__(self):
        return self.title


class Score(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores"
    )
    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="scores"
    )
    value = models.DecimalField(_("nota"), max_digits=6, decimal_places=2)
    justification = models.TextField(_("justificativa"), blank=True, max_length=2000)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nota")
        verbose_name_plural = _("notas")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion", "member"],
                name="partnerships_score_once",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="partnerships_score_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Appeal(models.Model):
    """A recurso against the preliminary result, filed in the window and decided."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Em análise")
        GRANTED = "granted", _("Provido")
        DENIED = "denied", _("Não provido")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="appeals"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("razões do recurso"), max_length=20_000)
    filed_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        _("decisão"), max_length=16, choices=Outcome, default=Outcome.PENDING
    )
    decision = models.TextField(_("fundamentação da decisão"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recurso")
        verbose_name_plural = _("recursos")
        ordering = ["filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(outcome="pending"),
                name="partnerships_one_pending_appeal",
            )
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_outcome_display()}"

"""Chamamento público (arts. 23–28): the edital, its criteria and committee,
the proposals and their scores, the appeals; and the PMIS (arts. 18–21)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from consultations.models import Body, PolicyArea
from entities.models import Entity

from .common import Instrument, money_field, private_upload_to


class Call(models.Model):
    """A chamamento público and its edital (art. 24 §1 contents)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Em preparação")
        PUBLISHED = "published", _("Edital publicado: recebendo propostas")
        EVALUATION = "evaluation", _("Em julgamento pela comissão de seleção")
        PRELIMINARY = "preliminary", _("Resultado preliminar: prazo de recurso")
        HOMOLOGATED = "homologated", _("Resultado homologado")
        CONCLUDED = "concluded", _("Concluído")
        REVOKED = "revoked", _("Revogado ou anulado")
        DESERTED = "deserted", _("Deserto (sem propostas)")

    slug = models.SlugField(_("endereço da página"), max_length=80, unique=True)
    number = models.CharField(_("número do edital"), max_length=30, unique=True)
    title = models.CharField(_("título"), max_length=200)
    instrument = models.CharField(
        _("instrumento"),
        max_length=16,
        choices=[
            (Instrument.COLLABORATION, Instrument.COLLABORATION.label),
            (Instrument.FOSTERING, Instrument.FOSTERING.label),
            (Instrument.COOPERATION, Instrument.COOPERATION.label),
        ],
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("órgão responsável"),
        on_delete=models.PROTECT,
        related_name="calls",
    )
    policy_area = models.ForeignKey(
        PolicyArea,
        verbose_name=_("área"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("conselho que seleciona ou acompanha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calls",
        help_text=_(
            "Conselho gestor do fundo (art. 27 §1 e art. 59 §2), quando houver."
        ),
    )
    object = models.TextField(_("objeto"), max_length=5000)
    budget_line = models.CharField(_("dotação orçamentária"), max_length=300)
    expected_value = money_field(_("valor de referência"), null=True, blank=True)
    proposal_rules = models.TextField(
        _("datas, prazos, condições, local e forma das propostas"), max_length=10_000
    )
    appeal_rules = models.TextField(_("condições de recurso"), max_length=5000)
    accessibility = models.TextField(_("medidas de acessibilidade"), max_length=5000)
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(
        _("publicado em"), null=True, blank=True, editable=False
    )
    proposals_end_at = models.DateTimeField(_("fim do prazo das propostas"))
    preliminary_published_at = models.DateTimeField(
        _("resultado preliminar publicado em"), null=True, blank=True, editable=False
    )
    appeal_ends_at = models.DateTimeField(
        _("fim do prazo de recurso"), null=True, blank=True, editable=False
    )
    homologated_at = models.DateTimeField(
        _("homologado em"), null=True, blank=True, editable=False
    )
    pmis = models.ForeignKey(
        "partnerships.InterestManifestation",
        verbose_name=_("PMIS que deu origem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calls",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chamamento público")
        verbose_name_plural = _("chamamentos públicos")
        ordering = ["-published_at", "-pk"]
        permissions = [("manage_partnerships", _("Pode administrar parcerias"))]

    def __str__(self):
        return f"{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:call", kwargs={"slug": self.slug})


class CallDocument(models.Model):
    class Kind(models.TextChoices):
        EDITAL = "edital", _("Edital")
        ANNEX = "anexo", _("Anexo")
        DRAFT_INSTRUMENT = "minuta", _("Minuta do termo")
        RESULT = "resultado", _("Resultado")
        DECISION = "decisao", _("Decisão de recurso")
        HOMOLOGATION = "homologacao", _("Homologação")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind)
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("arquivo"),
        upload_to=private_upload_to,
        storage=private_storage,
        max_length=200,
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("documento do chamamento")
        verbose_name_plural = _("documentos do chamamento")
        ordering = ["call", "uploaded_at", "pk"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """A selection criterion with its weight and score range (art. 24 §1 V)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("ordem"), default=0)
    name = models.CharField(_("critério"), max_length=300)
    weight = models.DecimalField(
        _("peso"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_score = models.DecimalField(
        _("nota máxima"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    eliminatory_below = models.DecimalField(
        _("elimina abaixo de"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Nota mínima; vazio quando o critério só classifica."),
    )

    class Meta:
        verbose_name = _("critério de seleção")
        verbose_name_plural = _("critérios de seleção")
        ordering = ["call", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "name"], name="partnerships_criterion_once"
            ),
            models.CheckConstraint(
                condition=Q(eliminatory_below__isnull=True)
                | Q(eliminatory_below__lte=F("max_score")),
                name="partnerships_criterion_cutoff_in_range",
            ),
        ]

    def __str__(self):
        return self.name


class CommitteeMember(models.Model):
    """A member of the comissão de seleção (art. 27 §§1–3), who declares not
    being impeded before scoring."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="selection_committees",
    )
    designation_act = models.CharField(
        _("ato de designação"), max_length=200, blank=True
    )
    declared_at = models.DateTimeField(
        _("declarou não impedimento em"), null=True, blank=True
    )
    impeded_entities = models.ManyToManyField(
        Entity,
        verbose_name=_("entidades com que declarou impedimento"),
        blank=True,
        related_name="+",
        help_text=_("Relação jurídica com a entidade nos últimos 5 anos (art. 27 §2)."),
    )

    class Meta:
        verbose_name = _("membro da comissão de seleção")
        verbose_name_plural = _("comissão de seleção")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "user"], name="partnerships_committee_once"
            )
        ]

    def __str__(self):
        return str(self.user)


def proposal_upload_to(instance, filename: str) -> str:
    return f"partnerships/proposals/{instance.proposal_id}/{filename}"


class CallLog(WorkflowLog):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="log")

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro do chamamento")
        verbose_name_plural = _("histórico do chamamento")

"""The partnership: the instrument, its plano de trabalho (metas, parcelas,
team), people, signature and extrato, changes and monitoring."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from consultations.models import Body, PolicyArea
from entities.models import Entity

from .calls import Call
from .common import Instrument, money_field, private_upload_to


class Partnership(models.Model):
    class Origin(models.TextChoices):
        CALL = "chamamento", _("Chamamento público")
        WAIVER = "dispensa", _("Dispensa de chamamento (art. 30)")
        UNENFORCEABLE = "inexigibilidade", _("Inexigibilidade de chamamento (art. 31)")
        AMENDMENT = "emenda", _("Emenda parlamentar (art. 29)")
        COOPERATION = "cooperacao", _("Acordo de cooperação sem chamamento (art. 29)")
        IMPORT = "importacao", _("Importada de portal de transparência")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Em celebração")
        SIGNED = "signed", _("Assinada, aguardando extrato")
        EXECUTING = "executing", _("Em execução")
        ENDED = "ended", _("Vigência encerrada")
        RESCINDED = "rescinded", _("Rescindida")
        CLOSED = "closed", _("Encerrada")

    number = models.CharField(_("número"), max_length=40, unique=True)
    instrument = models.CharField(_("instrumento"), max_length=16, choices=Instrument)
    legacy_instrument = models.CharField(
        _("nome do instrumento"),
        max_length=100,
        blank=True,
        help_text=_(
            "Para instrumentos fora do MROSC: convênio, termo de parceria, contrato de gestão."
        ),
    )
    origin = models.CharField(_("origem"), max_length=16, choices=Origin)
    call = models.ForeignKey(
        Call,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    proposal = models.OneToOneField(
        "partnerships.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnership",
    )
    exception_justification = models.TextField(
        _("justificativa da dispensa ou inexigibilidade"), blank=True, max_length=20_000
    )
    exception_published_on = models.DateField(
        _("extrato da justificativa publicado em"), null=True, blank=True
    )
    amendment_reference = models.CharField(
        _("emenda parlamentar"),
        max_length=200,
        blank=True,
        help_text=_("Autor(a), número e exercício da emenda."),
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="partnerships"
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("órgão responsável"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    policy_area = models.ForeignKey(
        PolicyArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
    )
    council = models.ForeignKey(
        "councils.Council",
        verbose_name=_("conselho que acompanha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    object = models.TextField(_("objeto"), max_length=5000)
    # Empty only for imported partnerships whose file gave no value: "não
    # informado" is the truth, where zero would be a false figure.
    total_value = money_field(_("valor total"), null=True, blank=True)
    starts_on = models.DateField(_("início da vigência"), null=True, blank=True)
    ends_on = models.DateField(_("fim da vigência"), null=True, blank=True)
    status = models.CharField(
        _("situação"),
        max_length=16,
        choices=Status,
        default=Status.PLANNING,
        editable=False,
    )
    signed_on = models.DateField(
        _("assinada em"), null=True, blank=True, editable=False
    )
    extract_published_on = models.DateField(
        _("extrato publicado em"), null=True, blank=True, editable=False
    )
    extract_place = models.CharField(
        _("onde o extrato foi publicado"), max_length=200, blank=True, editable=False
    )
    gestor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestor(a) da parceria"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_partnerships",
    )
    gestor_act = models.CharField(
        _("ato de designação do(a) gestor(a)"), max_length=200, blank=True
    )
    monitoring_committee = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("comissão de monitoramento e avaliação"),
        blank=True,
        related_name="monitored_partnerships",
    )
    # Plano de trabalho (art. 22) fields that are one per partnership.
    reality = models.TextField(
        _("descrição da realidade e nexo com as metas"), blank=True
    )
    target_public = models.CharField(_("público-alvo"), max_length=300, blank=True)
    territory = models.CharField(_("território"), max_length=300, blank=True)
    execution_form = models.TextField(_("forma de execução"), blank=True)
    closed_on = models.DateField(
        _("encerrada em"), null=True, blank=True, editable=False
    )
    rescission_notice_on = models.DateField(
        _("notificação de rescisão em"), null=True, blank=True, editable=False
    )
    imported_status = models.CharField(
        _("situação no arquivo importado"), max_length=100, blank=True, editable=False
    )
    imported_released = money_field(
        _("valor liberado segundo o arquivo importado"),
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("parceria")
        verbose_name_plural = _("parcerias")
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["status", "closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gt=F("starts_on")),
                name="partnerships_validity_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(instrument="cooperacao") | Q(total_value=0),
                name="partnerships_cooperation_moves_no_money",
                violation_error_message=_(
                    "Acordo de cooperação não envolve transferência de recursos (art. 2º, VIII-A)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(total_value__isnull=False) | Q(origin="importacao"),
                name="partnerships_total_known_unless_imported",
                violation_error_message=_("Informe o valor total da parceria."),
            ),
            models.CheckConstraint(
                condition=~Q(instrument="legado") | ~Q(legacy_instrument=""),
                name="partnerships_legacy_is_named",
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.entity}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:detail", kwargs={"pk": self.pk})

    @property
    def instrument_display(self) -> str:
        return self.legacy_instrument or str(self.get_instrument_display())


class PartnershipDocument(models.Model):
    """The signed instrument, the extrato, pareceres, the entity's uploads.
    Public ones (the instrument, the plano, the extrato) are listed on the
    transparency page; the rest only to the entity's representatives and staff."""

    class Kind(models.TextChoices):
        INSTRUMENT = "termo", _("Termo assinado")
        WORK_PLAN = "plano", _("Plano de trabalho aprovado")
        EXTRACT = "extrato", _("Extrato publicado")
        OPINION = "parecer", _("Parecer técnico ou jurídico")
        ENTITY = "entidade", _("Documento enviado pela entidade")
        OTHER = "outro", _("Outro")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind)
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("arquivo"),
        upload_to=private_upload_to,
        storage=private_storage,
        max_length=200,
    )
    is_public = models.BooleanField(_("público"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("documento da parceria")
        verbose_name_plural = _("documentos da parceria")
        ordering = ["partnership", "kind", "uploaded_at"]

    def __str__(self):
        return self.title


class PartnershipLog(WorkflowLog):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="log"
    )

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da parceria")
        verbose_name_plural = _("histórico da parceria")

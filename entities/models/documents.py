"""Documents an entity keeps in the registry, with their versions."""

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage

from .entity import Entity


class DocumentType(models.TextChoices):
    ESTATUTO = "estatuto", _("Estatuto social")
    ATA_ELEICAO = "ata_eleicao", _("Ata de eleição da diretoria atual")
    CARTAO_CNPJ = "cartao_cnpj", _("Cartão CNPJ")
    CND_FEDERAL = "cnd_federal", _("Certidão federal (Receita Federal e PGFN)")
    CRF_FGTS = "crf_fgts", _("Certificado de Regularidade do FGTS (CRF)")
    CNDT = "cndt", _("Certidão Negativa de Débitos Trabalhistas (CNDT)")
    CND_ESTADUAL = "cnd_estadual", _("Certidão de débitos tributários de Minas Gerais")
    CND_MUNICIPAL = (
        "cnd_municipal",
        _("Certidão negativa de débitos municipais de Betim"),
    )


@dataclass(frozen=True)
class DocumentRequirement:
    """What the registry asks about one document type, and where it is issued."""

    type: DocumentType
    issuer: str
    issuer_url: str
    # Usual validity in days, to suggest an expiry date; None: does not expire.
    validity_days: int | None
    needs_expiry: bool
    # Needed before a first submission (the founding papers); the certidões only
    # affect regularity, so an entity can register while it regularises.
    needed_to_submit: bool


# Lei 13.019/2014 arts. 33-34 and the usual validity of each certidão.
REQUIREMENTS: dict[str, DocumentRequirement] = {
    r.type.value: r
    for r in [
        DocumentRequirement(
            DocumentType.ESTATUTO,
            _("Cartório de Registro Civil de Pessoas Jurídicas"),
            "",
            None,
            False,
            True,
        ),
        DocumentRequirement(
            DocumentType.ATA_ELEICAO,
            _("Cartório de Registro Civil de Pessoas Jurídicas"),
            "",
            None,
            False,
            True,
        ),
        DocumentRequirement(
            DocumentType.CARTAO_CNPJ,
            _("Receita Federal"),
            "https://solucoes.receita.fazenda.gov.br/servicos/cnpjreva/cnpjreva_solicitacao.asp",
            None,
            False,
            True,
        ),
        DocumentRequirement(
            DocumentType.CND_FEDERAL,
            _("Receita Federal e Procuradoria-Geral da Fazenda Nacional"),
            "https://servicos.receitafederal.gov.br/servico/certidoes/",
            180,
            True,
            False,
        ),
        DocumentRequirement(
            DocumentType.CRF_FGTS,
            _("Caixa Econômica Federal"),
            "https://consulta-crf.caixa.gov.br/consultacrf/pages/consultaEmpregador.jsf",
            30,
            True,
            False,
        ),
        DocumentRequirement(
            DocumentType.CNDT,
            _("Tribunal Superior do Trabalho"),
            "https://cndt-certidao.tst.jus.br/inicio.faces",
            180,
            True,
            False,
        ),
        DocumentRequirement(
            DocumentType.CND_ESTADUAL,
            _("Secretaria de Estado de Fazenda de Minas Gerais"),
            "https://www2.fazenda.mg.gov.br/sol/",
            90,
            True,
            False,
        ),
        DocumentRequirement(
            DocumentType.CND_MUNICIPAL,
            _("Prefeitura de Betim (Secretaria Municipal de Finanças)"),
            "https://www.betim.mg.gov.br/",
            90,
            True,
            False,
        ),
    ]
}


def document_upload_to(instance, filename: str) -> str:
    # Server-generated names only (ASVS 5.3.2); the original name is kept in a field.
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"entities/{instance.entity_id}/{uuid.uuid4().hex}{suffix}"


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)


class Document(models.Model):
    """One version of one document of an entity. Uploading a new version keeps the
    old one, marked as superseded."""

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="documents"
    )
    doc_type = models.CharField(_("documento"), max_length=20, choices=DocumentType)
    file = models.FileField(
        _("arquivo"),
        upload_to=document_upload_to,
        storage=private_storage,
        max_length=200,
    )
    original_name = models.CharField(_("nome do arquivo enviado"), max_length=255)
    content_type = models.CharField(_("tipo de conteúdo"), max_length=50)
    size = models.PositiveIntegerField(_("tamanho (bytes)"))
    sha256 = models.CharField(max_length=64)
    issued_on = models.DateField(_("data de emissão"))
    expires_on = models.DateField(_("data de validade"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("enviado em"), default=timezone.now)
    superseded_at = models.DateTimeField(_("substituído em"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        ordering = ["doc_type", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "doc_type"],
                condition=Q(superseded_at__isnull=True),
                name="entities_one_current_document_per_type",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(expires_on__gte=F("issued_on")),
                name="entities_document_expires_after_issue",
            ),
        ]
        indexes = [
            models.Index(
                fields=["expires_on"],
                condition=Q(superseded_at__isnull=True),
                name="entities_doc_expiry_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} ({self.issued_on:%d/%m/%Y})"

    @property
    def requirement(self) -> DocumentRequirement:
        return REQUIREMENTS[self.doc_type]

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

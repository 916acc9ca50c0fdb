"""A public consultation on a draft text, split into numbered devices."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.territory.models import Bairro
from civic.workflow import WorkflowLog

from .taxonomy import Body, PolicyArea


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        """Consultations the public can see: everything but drafts."""
        return self.exclude(status=Consultation.Status.DRAFT)


class Consultation(models.Model):
    """A consulta pública: people comment on a draft text during a set period and
    the administration answers every contribution (the devolutiva)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        SCHEDULED = "scheduled", _("Agendada")
        OPEN = "open", _("Aberta")
        CLOSED = "closed", _("Encerrada")
        ANSWERED = "answered", _("Respondida")

    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("endereço da página"), max_length=120, unique=True)
    summary = models.TextField(_("resumo"), max_length=3000)
    policy_area = models.ForeignKey(
        PolicyArea,
        verbose_name=_("área"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    responsible_body = models.ForeignKey(
        Body,
        verbose_name=_("órgão responsável"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.CharField(
        _("base legal"),
        max_length=300,
        help_text=_(
            "Por exemplo: Lei Orgânica do Município, art. 12; Lei 10.257/2001, art. 40."
        ),
    )
    bairros = models.ManyToManyField(
        Bairro,
        verbose_name=_("bairros afetados"),
        blank=True,
        related_name="+",
        help_text=_("Deixe em branco quando a consulta vale para a cidade toda."),
    )
    opens_at = models.DateTimeField(_("abertura"))
    closes_at = models.DateTimeField(_("encerramento"))
    premoderation = models.BooleanField(
        _("moderação prévia"),
        default=False,
        help_text=_("As contribuições só aparecem depois de aprovadas pela moderação."),
    )
    text_intro = models.TextField(
        _("apresentação do texto"),
        blank=True,
        max_length=5000,
        help_text=_("Contexto do texto em consulta, mostrado antes dos dispositivos."),
    )
    report_summary = models.TextField(
        _("síntese do relatório final"),
        blank=True,
        max_length=20000,
        help_text=_("Conclusões da equipe, publicadas com o relatório."),
    )

    status = models.CharField(
        _("situação"),
        max_length=12,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("publicada em"), null=True, editable=False)
    report_published_at = models.DateTimeField(
        _("relatório publicado em"), null=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(
        _("criada em"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consulta pública")
        verbose_name_plural = _("consultas públicas")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="consultations_closes_after_opening",
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "closes_at"], name="consult_status_closes_idx"
            )
        ]
        permissions = [
            (
                "manage_participation",
                _(
                    "Pode conduzir consultas, audiências e fóruns e responder às contribuições"
                ),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ConsultationLog(WorkflowLog):
    """One step of a consultation's life: who, when, from what to what."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="log"
    )
    from_status = WorkflowLog.status_column(Consultation.Status, _("de"))
    to_status = WorkflowLog.status_column(Consultation.Status, _("para"))

    class Meta(WorkflowLog.Meta):
        verbose_name = _("histórico da consulta")
        verbose_name_plural = _("históricos das consultas")

    def __str__(self):
        return f"{self.consultation_id}: {self.from_status} → {self.to_status}"


def document_upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"consultas/{uuid.uuid4().hex}{suffix}"


class ConsultationDocument(models.Model):
    """A public document attached to a consultation (the full draft, studies...)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("título"), max_length=200)
    # Private storage: a draft's documents are only for staff, so none sits where
    # /media/ would serve it; the consultation's view sends them (civic.downloads).
    file = models.FileField(
        _("arquivo"),
        upload_to=document_upload_to,
        max_length=200,
        storage=private_storage,
    )
    size = models.PositiveIntegerField(default=0, editable=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("documento da consulta")
        verbose_name_plural = _("documentos da consulta")

    def __str__(self):
        return self.title


class Device(models.Model):
    """A numbered device (dispositivo) of the draft text: an artigo, a parágrafo,
    an inciso, an alínea, or a plain paragraph of text. Each has its own address
    (`anchor`) so people can link to it and comment on it."""

    class Kind(models.TextChoices):
        ARTICLE = "artigo", _("Artigo")
        PARAGRAPH = "paragrafo", _("Parágrafo")
        ITEM = "inciso", _("Inciso")
        SUBITEM = "alinea", _("Alínea")
        TEXT = "texto", _("Trecho")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="devices"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind)
    label = models.CharField(
        _("rótulo"), max_length=40, help_text=_("Por exemplo: Art. 1º, § 2º, III, a).")
    )
    text = models.TextField(_("texto"), max_length=10000)
    position = models.PositiveIntegerField(_("ordem"))
    anchor = models.SlugField(_("âncora"), max_length=80)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position"]
        verbose_name = _("dispositivo")
        verbose_name_plural = _("dispositivos")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "anchor"],
                name="consultations_device_anchor_unique",
            ),
            models.UniqueConstraint(
                fields=["consultation", "position"],
                name="consultations_device_position_unique",
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.text[:60]}"

    def get_absolute_url(self):
        return reverse(
            "consultations:device",
            kwargs={"slug": self.consultation.slug, "anchor": self.anchor},
        )

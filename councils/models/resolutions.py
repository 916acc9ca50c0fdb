"""Resolutions: numbered per council per year at publication, without gaps."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from consultations.models import PolicyArea

from .councils import Council
from .meetings import AgendaItem, Meeting


class Resolution(models.Model):
    """A decision of the council. A draft has no number; publishing takes the
    next number of the year from `ResolutionSequence` under a row lock."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Minuta")
        PUBLISHED = "published", _("Publicada")
        REVOKED = "revoked", _("Revogada")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="resolutions"
    )
    status = models.CharField(
        _("situação"), max_length=16, choices=Status, default=Status.DRAFT
    )
    year = models.PositiveSmallIntegerField(
        _("ano"), null=True, blank=True, editable=False
    )
    number = models.PositiveIntegerField(
        _("número"), null=True, blank=True, editable=False
    )
    title = models.CharField(
        _("ementa"),
        max_length=500,
        help_text=_("O resumo do que a resolução decide, em uma frase."),
    )
    body = models.TextField(_("texto"), max_length=100_000)
    subjects = models.ManyToManyField(
        PolicyArea, verbose_name=_("assuntos"), blank=True, related_name="resolutions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("reunião que aprovou"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("item de pauta que aprovou"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    revokes = models.ManyToManyField(
        "self",
        verbose_name=_("revoga"),
        symmetrical=False,
        blank=True,
        related_name="revoked_by",
    )
    amends = models.ManyToManyField(
        "self",
        verbose_name=_("altera"),
        symmetrical=False,
        blank=True,
        related_name="amended_by",
    )
    published_at = models.DateTimeField(_("publicada em"), null=True, blank=True)
    # Rendered once at publication (WeasyPrint) into private storage; served
    # by the public PDF view once published, never by a media URL.
    pdf = models.FileField(
        _("PDF"),
        upload_to="councils/resolutions/",
        storage=private_storage,
        max_length=200,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("criada em"), default=timezone.now)
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)

    # Unaccented text for the SQLite fallback; the weighted tsvector for
    # PostgreSQL (GIN index made in the migration).
    search_text = models.TextField(editable=False, blank=True, default="")
    search_document = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("resolução")
        verbose_name_plural = _("resoluções")
        ordering = ["-year", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "number"],
                condition=Q(number__isnull=False),
                name="councils_resolution_number_once",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(number__isnull=False) & Q(year__isnull=False)),
                name="councils_published_resolution_numbered",
            ),
        ]

    def __str__(self):
        return self.display_number or str(self.title)

    def get_absolute_url(self) -> str:
        return reverse(
            "councils:resolution",
            kwargs={
                "slug": self.council.slug,
                "year": self.year,
                "number": self.number,
            },
        )

    @property
    def display_number(self) -> str:
        """“Resolução CMAS nº 012/2026”; empty for a draft."""
        if self.number is None:
            return ""
        return _("Resolução %(acronym)s nº %(number)03d/%(year)s") % {
            "acronym": self.council.acronym,
            "number": self.number,
            "year": self.year,
        }


class ResolutionSequence(models.Model):
    """The last number given per council and year; locked while publishing."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"], name="councils_resolution_sequence_once"
            )
        ]

    def __str__(self):
        return f"{self.council_id}/{self.year}: {self.last_number}"


class ResolutionLog(WorkflowLog):
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="log"
    )

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da resolução")
        verbose_name_plural = _("histórico da resolução")

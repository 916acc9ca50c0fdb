"""Elections of the civil-society seats: edital, candidacies, habilitation with
appeals, a secret ballot per segment, the result and the nomination."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from entities.models import Entity

from .councils import Council
from .seats import Segment, Term


class Election(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Em preparação")
        CANDIDACY = "candidacy", _("Inscrições abertas")
        HABILITATION = "habilitation", _("Habilitação publicada (prazo de recurso)")
        VOTING = "voting", _("Votação")
        COUNTED = "counted", _("Resultado publicado")
        NOMINATED = "nominated", _("Eleitos nomeados")
        CANCELLED = "cancelled", _("Cancelada")

    class TieBreak(models.TextChoices):
        OLDER_REGISTRATION = (
            "cadastro",
            _("Cadastro mais antigo no registro de entidades"),
        )
        OLDER_FOUNDATION = "fundacao", _("Entidade fundada há mais tempo")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="elections"
    )
    term = models.ForeignKey(
        Term,
        verbose_name=_("gestão a preencher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
    )
    title = models.CharField(_("título"), max_length=200)
    edital_number = models.CharField(_("número do edital"), max_length=30)
    edital_text = models.TextField(_("texto do edital"), max_length=50_000)
    edital_file = models.FileField(
        _("edital (PDF)"),
        upload_to="councils/elections/",
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    status = models.CharField(
        _("situação"), max_length=16, choices=Status, default=Status.DRAFT
    )
    candidacy_starts_at = models.DateTimeField(_("início das inscrições"))
    candidacy_ends_at = models.DateTimeField(_("fim das inscrições"))
    habilitation_published_at = models.DateTimeField(
        _("habilitação publicada em"), null=True, blank=True
    )
    appeal_ends_at = models.DateTimeField(
        _("fim do prazo de recurso"), null=True, blank=True
    )
    voting_starts_at = models.DateTimeField(_("início da votação"))
    voting_ends_at = models.DateTimeField(_("fim da votação"))
    tie_break = models.CharField(
        _("critério de desempate"),
        max_length=16,
        choices=TieBreak,
        default=TieBreak.OLDER_REGISTRATION,
    )
    counted_at = models.DateTimeField(_("apurada em"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("eleição")
        verbose_name_plural = _("eleições")
        ordering = ["-voting_starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(candidacy_ends_at__gt=F("candidacy_starts_at")),
                name="councils_election_candidacy_period",
            ),
            models.CheckConstraint(
                condition=Q(voting_ends_at__gt=F("voting_starts_at"))
                & Q(voting_starts_at__gte=F("candidacy_ends_at")),
                name="councils_election_voting_period",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "councils:election", kwargs={"slug": self.council.slug, "pk": self.pk}
        )


class Vacancy(models.Model):
    """How many civil-society seats of a segment the election fills."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="vacancies"
    )
    segment = models.CharField(_("segmento"), max_length=16, choices=Segment)
    seats = models.PositiveSmallIntegerField(_("assentos (titular e suplente)"))

    class Meta:
        verbose_name = _("vaga")
        verbose_name_plural = _("vagas")
        ordering = ["election", "segment"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "segment"], name="councils_vacancy_once"
            ),
            models.CheckConstraint(
                condition=Q(seats__gt=0), name="councils_vacancy_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_segment_display()}: {self.seats}"


class Candidacy(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Inscrita")
        HABILITATED = "habilitated", _("Habilitada")
        NOT_HABILITATED = "not_habilitated", _("Não habilitada")
        APPEALED = "appealed", _("Recurso em análise")
        WITHDRAWN = "withdrawn", _("Desistência")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidacies"
    )
    entity = models.ForeignKey(
        Entity, on_delete=models.PROTECT, related_name="council_candidacies"
    )
    segment = models.CharField(_("segmento"), max_length=16, choices=Segment)
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pessoa indicada para o assento"),
        on_delete=models.PROTECT,
        related_name="council_candidacies",
    )
    alternate_nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pessoa indicada como suplente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("situação"), max_length=16, choices=Status, default=Status.SUBMITTED
    )
    decision_note = models.TextField(_("motivo da decisão"), blank=True)
    appeal_text = models.TextField(_("recurso"), blank=True, max_length=5000)
    votes = models.PositiveIntegerField(_("votos"), default=0, editable=False)
    rank = models.PositiveSmallIntegerField(_("classificação"), null=True, blank=True)
    elected_as = models.CharField(
        _("eleita como"),
        max_length=16,
        blank=True,
        choices=[("titular", _("Titular")), ("suplente", _("Suplente"))],
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("candidatura")
        verbose_name_plural = _("candidaturas")
        ordering = ["election", "segment", "rank", "entity__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "entity"],
                name="councils_one_candidacy_per_entity",
                violation_error_message=_(
                    "Esta entidade já se inscreveu nesta eleição."
                ),
            )
        ]

    def __str__(self):
        return f"{self.entity} ({self.get_segment_display()})"


class Ballot(models.Model):
    """That an entity voted in a segment, and how, never for whom: the choice
    only adds to `Candidacy.votes` in the same transaction."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Pela internet")
        ASSEMBLY = "assembleia", _("Na assembleia, registrado pela equipe")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="ballots"
    )
    segment = models.CharField(_("segmento"), max_length=16, choices=Segment)
    voter = models.ForeignKey(
        Entity,
        verbose_name=_("entidade votante"),
        on_delete=models.PROTECT,
        related_name="council_ballots",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("meio"), max_length=16, choices=Channel)
    # Day only: a timestamp would let someone pair ballots with vote counts.
    cast_on = models.DateField(_("votou em"), default=timezone.localdate)

    class Meta:
        verbose_name = _("registro de votação")
        verbose_name_plural = _("registros de votação")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "segment", "voter"],
                name="councils_one_ballot_per_entity_segment",
                violation_error_message=_("Esta entidade já votou neste segmento."),
            )
        ]

    def __str__(self):
        return f"{self.voter} ({self.get_segment_display()})"


class ElectionLog(WorkflowLog):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="log")

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da eleição")
        verbose_name_plural = _("histórico da eleição")

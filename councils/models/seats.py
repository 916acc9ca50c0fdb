"""Seats by segment, gestões (mandate periods) and who held which seat when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from consultations.models import Body
from entities.models import Entity

from .councils import Council


class Segment(models.TextChoices):
    GOVERNMENT = "governo", _("Poder público")
    USERS = "usuarios", _("Sociedade civil: usuários")
    WORKERS = "trabalhadores", _("Sociedade civil: trabalhadores")
    ENTITIES = "entidades", _("Sociedade civil: entidades e organizações")
    PROVIDERS = "prestadores", _("Prestadores de serviço")

    @classmethod
    def civil_society(cls) -> frozenset[str]:
        """Segments whose seats are held by entities of the registry."""
        return frozenset({cls.USERS, cls.WORKERS, cls.ENTITIES})


class Term(models.Model):
    """A gestão: the period of one composition, with its appointment act."""

    class Act(models.TextChoices):
        DECREE = "decreto", _("Decreto")
        ORDINANCE = "portaria", _("Portaria")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="terms")
    starts_on = models.DateField(_("início"))
    ends_on = models.DateField(_("fim"))
    act_kind = models.CharField(
        _("ato de nomeação"), max_length=16, choices=Act, default=Act.DECREE
    )
    act_number = models.CharField(_("número do ato"), max_length=30, blank=True)
    act_date = models.DateField(_("data do ato"), null=True, blank=True)
    is_reconduction = models.BooleanField(
        _("recondução da gestão anterior"), default=False
    )

    class Meta:
        verbose_name = _("gestão")
        verbose_name_plural = _("gestões")
        ordering = ["council", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "starts_on"], name="councils_term_start_once"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="councils_term_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.starts_on:%Y}–{self.ends_on:%Y}"

    @property
    def act_display(self) -> str:
        if not self.act_number:
            return ""
        text = f"{self.get_act_kind_display()} nº {self.act_number}"
        return f"{text}, {self.act_date:%d/%m/%Y}" if self.act_date else text


class Seat(models.Model):
    """A seat of the council: a titular and a suplente sit in it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="seats")
    segment = models.CharField(_("segmento"), max_length=16, choices=Segment)
    body = models.ForeignKey(
        Body,
        verbose_name=_("secretaria ou órgão"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_seats",
        help_text=_("Para assentos do poder público."),
    )
    label = models.CharField(
        _("descrição do assento"),
        max_length=200,
        blank=True,
        help_text=_("Por exemplo: entidades de atendimento à pessoa idosa."),
    )
    position = models.PositiveSmallIntegerField(_("ordem"), default=0)
    is_active = models.BooleanField(_("ativo"), default=True)

    class Meta:
        verbose_name = _("assento")
        verbose_name_plural = _("assentos")
        ordering = ["council", "segment", "position", "pk"]

    def __str__(self):
        return self.label or str(self.body or self.get_segment_display())

    @property
    def is_civil_society(self) -> bool:
        return self.segment in Segment.civil_society()


class Mandate(models.Model):
    """One person in one seat, as titular or suplente, for a period of a gestão.

    Rows are never deleted: the end date and reason keep the history of who
    held which seat when.
    """

    class Role(models.TextChoices):
        TITULAR = "titular", _("Titular")
        ALTERNATE = "suplente", _("Suplente")

    class EndReason(models.TextChoices):
        TERM_END = "fim_gestao", _("Fim da gestão")
        RESIGNATION = "renuncia", _("Renúncia")
        LOSS = "perda", _("Perda de mandato")
        REPLACED = "substituicao", _("Substituição pela entidade ou órgão")
        PROMOTED = "titularidade", _("Assumiu a titularidade")

    # Copied from the seat so the database itself can refuse a second seat.
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="mandates", editable=False
    )
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="mandates")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="mandates")
    role = models.CharField(_("função"), max_length=16, choices=Role)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pessoa"),
        on_delete=models.PROTECT,
        related_name="council_mandates",
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entidade representada"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_mandates",
    )
    starts_on = models.DateField(_("início"))
    ends_on = models.DateField(_("fim"), null=True, blank=True)
    end_reason = models.CharField(
        _("motivo do fim"), max_length=16, choices=EndReason, blank=True
    )

    class Meta:
        verbose_name = _("mandato")
        verbose_name_plural = _("mandatos")
        ordering = ["seat__segment", "seat__position", "seat_id", "role", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"],
                condition=Q(ends_on__isnull=True),
                name="councils_one_current_seat_per_person",
                violation_error_message=_(
                    "Esta pessoa já ocupa um assento neste conselho."
                ),
            ),
            models.UniqueConstraint(
                fields=["seat", "role"],
                condition=Q(ends_on__isnull=True),
                name="councils_one_current_holder_per_seat_role",
                violation_error_message=_(
                    "Este assento já tem um(a) ocupante nesta função."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="councils_mandate_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | ~Q(end_reason=""),
                name="councils_ended_mandate_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["person", "ends_on"])]

    def __str__(self):
        return f"{self.person.display_name} ({self.get_role_display()}, {self.seat})"

    def save(self, *args, **kwargs):
        self.council_id = self.seat.council_id
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.ends_on is None

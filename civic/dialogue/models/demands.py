"""A demand (manifestação) to the SRSC, with its protocol number and deadline.

Lei 13.460/2017: anyone may address the public administration (art. 9), an
anonymous denúncia included; the answer is due within 30 days, extendable once
by 30 with a justification (art. 16). The clock stops while the administration
waits for information it asked the requester for.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.protocols import ProtocolSequence
from civic.territory.models import Bairro
from consultations.models import Body, Consultation, PolicyArea
from councils.models import Council
from entities.models import Entity
from entities.partnerships.models import Partnership

# The objects a demand may concern, each an optional key of its own (a real
# foreign key, so a deleted object is protected and a list joins it in one
# query; the entity's timeline of item 2 filters on `concerns_entity`).
CONCERNS_FIELDS = (
    "concerns_entity",
    "concerns_council",
    "concerns_partnership",
    "concerns_consultation",
)


class DemandQuerySet(models.QuerySet):
    def active(self):
        """Demands the SRSC still has to answer (the clock may be paused)."""
        return self.filter(status__in=Demand.ACTIVE_STATUSES)

    def running(self):
        """Active demands whose clock runs (not waiting for the requester)."""
        return self.filter(status__in=Demand.RUNNING_STATUSES)

    def of_person(self, user):
        """The person's own demands and those of the entities they represent."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(
            Q(requester=user) | Q(on_behalf_of__representatives__user=user)
        ).distinct()


class Demand(models.Model):
    """One manifestação: who, what, about what, and where it stands."""

    class Kind(models.TextChoices):
        REQUEST = "pedido", _("Pedido")
        SUGGESTION = "sugestao", _("Sugestão")
        COMPLAINT = "reclamacao", _("Reclamação")
        REPORT = "denuncia", _("Denúncia")
        PRAISE = "elogio", _("Elogio")

    class Status(models.TextChoices):
        OPEN = "open", _("Recebida")
        TRIAGE = "triage", _("Em análise")
        FORWARDED = "forwarded", _("Encaminhada")
        WAITING = "waiting", _("Aguardando o solicitante")
        ANSWERED = "answered", _("Respondida")
        CLOSED = "closed", _("Encerrada")
        REOPENED = "reopened", _("Reaberta")

    class Channel(models.TextChoices):
        WEB = "web", _("Internet")
        DESK = "balcao", _("Balcão de atendimento")

    S = Status
    # Still to be answered; the clock runs in all but WAITING.
    RUNNING_STATUSES = (S.OPEN, S.TRIAGE, S.FORWARDED, S.REOPENED)
    ACTIVE_STATUSES = (*RUNNING_STATUSES, S.WAITING)

    protocol = models.CharField(
        _("protocolo"), max_length=20, unique=True, editable=False
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind)
    channel = models.CharField(
        _("canal"), max_length=8, choices=Channel, default=Channel.WEB, editable=False
    )
    subject = models.CharField(_("assunto"), max_length=200)
    area = models.ForeignKey(
        PolicyArea,
        verbose_name=_("área"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    bairro = models.ForeignKey(
        Bairro,
        verbose_name=_("bairro"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("texto"), max_length=10_000)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("solicitante"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_demands",
        help_text=_("Vazio numa denúncia anônima."),
    )
    on_behalf_of = models.ForeignKey(
        Entity,
        verbose_name=_("em nome da entidade"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )
    concerns_entity = models.ForeignKey(
        Entity,
        verbose_name=_("sobre a entidade"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands_about",
    )
    concerns_council = models.ForeignKey(
        Council,
        verbose_name=_("sobre o conselho"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands_about",
    )
    concerns_partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("sobre a parceria"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands_about",
    )
    concerns_consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("sobre a consulta"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands_about",
    )
    status = models.CharField(
        _("situação"), max_length=12, choices=Status, default=S.OPEN, editable=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsável"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_assignments",
        editable=False,
    )
    forwarded_to = models.ForeignKey(
        Body,
        verbose_name=_("encaminhada a"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    forward_note = models.TextField(_("nota do encaminhamento"), blank=True)
    due_on = models.DateField(_("prazo de resposta"), editable=False)
    extended = models.BooleanField(_("prazo prorrogado"), default=False)
    extension_justification = models.TextField(
        _("justificativa da prorrogação"), blank=True
    )
    paused_since = models.DateField(
        _("prazo suspenso desde"), null=True, blank=True, editable=False
    )
    paused_days = models.PositiveIntegerField(
        _("dias de prazo suspenso"), default=0, editable=False
    )
    answer = models.TextField(_("resposta"), blank=True, editable=False)
    answered_at = models.DateTimeField(
        _("respondida em"), null=True, blank=True, editable=False
    )
    # Whether the first answer came within the deadline (public figures).
    answered_in_time = models.BooleanField(
        _("respondida no prazo"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(
        _("encerrada em"), null=True, blank=True, editable=False
    )
    reopened = models.BooleanField(_("já reaberta"), default=False, editable=False)
    # An anonymous denúncia is followed with its protocol and a secret code;
    # only the code's hash is kept (django.contrib.auth.hashers).
    code_hash = models.CharField(max_length=128, blank=True, editable=False)
    created_at = models.DateTimeField(_("recebida em"), default=timezone.now)
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)

    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("demanda")
        verbose_name_plural = _("demandas")
        ordering = ["due_on", "pk"]
        permissions = [("manage_dialogue", _("Pode atender o Fale com a SRSC"))]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            # Only a denúncia may come without a requester (Lei 13.460 art. 10 §7).
            models.CheckConstraint(
                condition=Q(requester__isnull=False) | Q(kind="denuncia"),
                name="dialogue_demand_anonymous_only_report",
            ),
            models.CheckConstraint(
                condition=Q(on_behalf_of__isnull=True) | Q(requester__isnull=False),
                name="dialogue_demand_entity_needs_requester",
            ),
            models.CheckConstraint(
                condition=Q(requester__isnull=False) | ~Q(code_hash=""),
                name="dialogue_demand_anonymous_has_code",
            ),
            models.CheckConstraint(
                condition=Q(extended=False) | ~Q(extension_justification=""),
                name="dialogue_demand_extension_justified",
            ),
        ]

    def __str__(self):
        return f"{self.protocol} · {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:mine_detail", kwargs={"protocol": self.protocol})

    @property
    def is_anonymous(self) -> bool:
        return self.requester_id is None

    @property
    def concerns(self):
        """The object the demand is about, if any."""
        for name in CONCERNS_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def is_paused(self) -> bool:
        return self.status == self.S.WAITING

    def days_left(self, today: dt.date | None = None) -> int:
        """Days until the deadline (negative when overdue)."""
        return (self.due_on - (today or timezone.localdate())).days

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status in self.RUNNING_STATUSES and self.days_left(today) < 0


class DemandSequence(ProtocolSequence):
    """The demands' protocol numbers per year (SRSC-2026-000123)."""

"""Hearings (audiências públicas), forums and open meetings, and who attends."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.workflow import WorkflowLog

from .taxonomy import Body, PolicyArea, Venue

# No 0/O or 1/I/L: people read these codes aloud at the door.
CHECKIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_checkin_code() -> str:
    return "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(6))


class EventQuerySet(models.QuerySet):
    def public(self):
        """Events the public can see: published, cancelled (so people learn of
        it) and concluded ones."""
        return self.exclude(status=Event.Status.DRAFT)

    def upcoming(self, now=None):
        return self.public().filter(ends_at__gte=now or timezone.now())


class Event(models.Model):
    """An audiência pública, fórum or reunião aberta the city convenes."""

    class Kind(models.TextChoices):
        HEARING = "audiencia", _("Audiência pública")
        FORUM = "forum", _("Fórum")
        OPEN_MEETING = "reuniao", _("Reunião aberta")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        PUBLISHED = "published", _("Publicada")
        CANCELLED = "cancelled", _("Cancelada")
        CONCLUDED = "concluded", _("Concluída, com ata")

    kind = models.CharField(
        _("tipo"), max_length=10, choices=Kind, default=Kind.HEARING
    )
    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("endereço da página"), max_length=120, unique=True)
    subject = models.TextField(_("assunto"), max_length=5000)
    legal_basis = models.CharField(_("base legal"), max_length=300, blank=True)
    policy_area = models.ForeignKey(
        PolicyArea,
        verbose_name=_("área"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    organizing_body = models.ForeignKey(
        Body,
        verbose_name=_("órgão organizador"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("consulta relacionada"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("início"))
    ends_at = models.DateTimeField(_("término"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("local"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    capacity = models.PositiveIntegerField(
        _("vagas para inscrição"),
        help_text=_(
            "Pessoas que podem se inscrever; as demais entram na lista de espera."
        ),
    )
    libras = models.BooleanField(_("intérprete de Libras"), default=False)
    stream_url = models.URLField(_("transmissão on-line"), blank=True, max_length=300)
    speaker_minutes = models.PositiveSmallIntegerField(
        _("minutos por fala"),
        default=3,
        help_text=_("Tempo de cada pessoa inscrita para falar."),
    )
    accepts_speakers = models.BooleanField(
        _("aceita inscrições para falar"), default=True
    )
    premoderation = models.BooleanField(
        _("moderação prévia dos temas de fala"),
        default=False,
        help_text=_(
            "Os temas da lista de falas só aparecem depois de aprovados pela moderação."
        ),
    )

    status = models.CharField(
        _("situação"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("publicada em"), null=True, editable=False)
    # Publication less than the legal notice before the event needs a reason, kept.
    short_notice_reason = models.TextField(
        _("justificativa de prazo reduzido"), blank=True, editable=False
    )
    cancellation_reason = models.TextField(
        _("motivo do cancelamento"), blank=True, editable=False
    )
    minutes = models.TextField(_("ata"), blank=True, max_length=50000)
    recording_url = models.URLField(_("gravação"), blank=True, max_length=300)
    attendance_count = models.PositiveIntegerField(
        _("público presente"),
        null=True,
        blank=True,
        help_text=_("Inclua quem não se inscreveu pelo site."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(
        _("criada em"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)
    # Incremented on every change of date, so reminders keyed on it are sent again.
    schedule_version = models.PositiveIntegerField(default=1, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audiência ou fórum")
        verbose_name_plural = _("audiências e fóruns")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="consultations_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="consultations_event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(speaker_minutes__gt=0),
                name="consultations_event_speaker_minutes_positive",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "starts_at"], name="consult_event_status_start_idx"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:event_detail", kwargs={"slug": self.slug})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def accepts_registrations(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.starts_at > timezone.now()


class EventLog(WorkflowLog):
    """One step of an event's life: who, when, from what to what, and why."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="log")
    from_status = WorkflowLog.status_column(Event.Status, _("de"))
    to_status = WorkflowLog.status_column(Event.Status, _("para"))

    class Meta(WorkflowLog.Meta):
        verbose_name = _("histórico do evento")
        verbose_name_plural = _("históricos dos eventos")

    def __str__(self):
        return f"{self.event_id}: {self.action}"


class Registration(models.Model):
    """A person's place at an event: confirmed, on the waitlist, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmada")
        WAITLISTED = "waitlisted", _("Lista de espera")
        CANCELLED = "cancelled", _("Cancelada")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(
        _("situação"), max_length=10, choices=Status, editable=False
    )
    checkin_code = models.CharField(
        _("código de presença"), max_length=8, default=new_checkin_code, editable=False
    )
    created_at = models.DateTimeField(
        _("inscrita em"), default=timezone.now, editable=False
    )
    promoted_at = models.DateTimeField(
        _("saiu da lista de espera em"), null=True, editable=False
    )
    cancelled_at = models.DateTimeField(_("cancelada em"), null=True, editable=False)
    attended_at = models.DateTimeField(
        _("presença registrada em"), null=True, editable=False
    )
    needs_libras = models.BooleanField(
        _("preciso de intérprete de Libras"), default=False
    )
    accessibility_needs = models.CharField(
        _("outras necessidades de acessibilidade"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("inscrição")
        verbose_name_plural = _("inscrições")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="consultations_one_active_registration",
            ),
            models.UniqueConstraint(
                fields=["event", "checkin_code"],
                name="consultations_checkin_code_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["event", "status", "created_at"], name="consult_reg_queue_idx"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.event}"


class SpeakerRequest(models.Model):
    """A request to speak at an event; the list is ordered by request time.

    The topic is public, so it is moderated as contributions are: hidden with a
    public reason, or held until approved when the event has pre-moderation.
    """

    class Moderation(models.TextChoices):
        PUBLISHED = "published", _("Publicado")
        PENDING = "pending", _("Aguardando moderação")
        HIDDEN = "hidden", _("Removido pela moderação")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="speaker_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="speaker_requests",
    )
    topic = models.CharField(_("tema da fala"), max_length=300)
    on_behalf_of = models.ForeignKey(
        "entities.Entity",
        verbose_name=_("em nome da entidade"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # LGPD: the speaker list is public; a person's name shows only if they ask.
    show_name = models.BooleanField(_("mostrar meu nome na lista"), default=False)
    created_at = models.DateTimeField(
        _("pedido em"), default=timezone.now, editable=False
    )
    withdrawn_at = models.DateTimeField(_("desistiu em"), null=True, editable=False)
    # Set when staff take someone off the list (the event's history keeps who).
    withdrawal_reason = models.CharField(
        _("motivo da retirada"), max_length=500, blank=True, editable=False
    )
    spoke_at = models.DateTimeField(_("falou em"), null=True, editable=False)
    moderation = models.CharField(
        _("moderação do tema"),
        max_length=10,
        choices=Moderation,
        default=Moderation.PUBLISHED,
        editable=False,
    )
    moderation_reason = models.CharField(
        _("motivo da moderação"), max_length=500, blank=True, editable=False
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inscrição para falar")
        verbose_name_plural = _("inscrições para falar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(withdrawn_at__isnull=True),
                name="consultations_one_speaker_request",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.topic[:40]}"

    @property
    def public_topic(self) -> str:
        """The topic as the public list shows it."""
        if self.moderation == self.Moderation.HIDDEN:
            return _("Tema removido pela moderação: %(reason)s") % {
                "reason": self.moderation_reason
            }
        if self.moderation == self.Moderation.PENDING:
            return str(_("Tema aguardando moderação"))
        return self.topic

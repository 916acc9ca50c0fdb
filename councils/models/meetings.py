"""Meetings: the convocation and its pauta, documents, attendance, votes, ata."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from consultations.models import Venue

from .councils import Council
from .seats import Mandate, Seat


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinaria", _("Ordinária")
        EXTRAORDINARY = "extraordinaria", _("Extraordinária")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prevista no calendário")
        CONVENED = "convened", _("Convocada")
        HELD = "held", _("Realizada")
        CANCELLED = "cancelled", _("Cancelada")

    class Minutes(models.TextChoices):
        NONE = "none", _("Sem ata")
        DRAFT = "draft", _("Minuta")
        APPROVED = "approved", _("Aprovada")
        PUBLISHED = "published", _("Publicada")

    class Call(models.TextChoices):
        FIRST = "first", _("Primeira chamada")
        SECOND = "second", _("Segunda chamada")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(
        _("tipo"), max_length=16, choices=Kind, default=Kind.ORDINARY
    )
    title = models.CharField(
        _("título"),
        max_length=200,
        blank=True,
        help_text=_("Vazio: “Reunião ordinária de <data>”."),
    )
    reason = models.TextField(
        _("motivo da reunião extraordinária"), blank=True, max_length=2000
    )
    starts_at = models.DateTimeField(_("início"))
    ends_at = models.DateTimeField(_("término previsto"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("local"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_meetings",
    )
    location_notes = models.CharField(
        _("sala ou link da transmissão"), max_length=300, blank=True
    )
    status = models.CharField(
        _("situação"), max_length=16, choices=Status, default=Status.PLANNED
    )
    convened_at = models.DateTimeField(_("convocada em"), null=True, blank=True)
    short_notice_reason = models.TextField(
        _("justificativa da convocação com prazo menor"), blank=True, max_length=2000
    )
    # Bumped on each rescheduling, so reminders of the old time are not reused.
    schedule_version = models.PositiveSmallIntegerField(default=1, editable=False)
    installed_at = models.DateTimeField(_("instalada em"), null=True, blank=True)
    installed_on_call = models.CharField(
        _("instalada em"), max_length=8, choices=Call, blank=True
    )
    minutes_status = models.CharField(
        _("ata"), max_length=16, choices=Minutes, default=Minutes.NONE
    )
    minutes_text = models.TextField(_("texto da ata"), blank=True)
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("ata aprovada na reunião"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )
    minutes_published_at = models.DateTimeField(
        _("ata publicada em"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("criada em"), default=timezone.now)
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)

    class Meta:
        verbose_name = _("reunião")
        verbose_name_plural = _("reuniões")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["council", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="councils_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind="extraordinaria") | ~Q(reason=""),
                name="councils_extraordinary_has_reason",
                violation_error_message=_("Diga o motivo da reunião extraordinária."),
            ),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse(
            "councils:meeting",
            kwargs={"slug": self.council.slug, "pk": self.pk},
        )

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        local = timezone.localtime(self.starts_at)
        return _("Reunião %(kind)s de %(date)s") % {
            "kind": self.get_kind_display().lower(),
            "date": local.strftime("%d/%m/%Y"),
        }

    @property
    def is_public(self) -> bool:
        """Planned meetings are the secretariat's working calendar until convened."""
        return self.status != self.Status.PLANNED


class AgendaItem(models.Model):
    """An item of the pauta; deliberative items are voted."""

    class Majority(models.TextChoices):
        SIMPLE = "simples", _("Maioria simples dos presentes")
        ABSOLUTE = "absoluta", _("Maioria absoluta dos assentos com voto")
        QUALIFIED = "qualificada", _("Maioria qualificada (2/3 dos assentos com voto)")

    class Result(models.TextChoices):
        PENDING = "pending", _("Não votado")
        APPROVED = "approved", _("Aprovado")
        REJECTED = "rejected", _("Rejeitado")
        WITHDRAWN = "withdrawn", _("Retirado de pauta")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("ordem"))
    title = models.CharField(_("assunto"), max_length=300)
    description = models.TextField(_("detalhes"), blank=True, max_length=5000)
    is_deliberative = models.BooleanField(
        _("deliberativo (com votação)"), default=False
    )
    majority = models.CharField(
        _("maioria exigida"), max_length=16, choices=Majority, default=Majority.SIMPLE
    )
    votes_for = models.PositiveSmallIntegerField(
        _("votos a favor"), null=True, blank=True
    )
    votes_against = models.PositiveSmallIntegerField(
        _("votos contra"), null=True, blank=True
    )
    abstentions = models.PositiveSmallIntegerField(
        _("abstenções"), null=True, blank=True
    )
    casting_vote = models.CharField(
        _("voto de desempate da presidência"),
        max_length=8,
        blank=True,
        choices=[("favor", _("A favor")), ("contra", _("Contra"))],
    )
    result = models.CharField(
        _("resultado"), max_length=16, choices=Result, default=Result.PENDING
    )
    voted_at = models.DateTimeField(_("votado em"), null=True, blank=True)

    class Meta:
        verbose_name = _("item de pauta")
        verbose_name_plural = _("itens de pauta")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="councils_agenda_position_once"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


def meeting_document_upload_to(instance, filename: str) -> str:
    return f"councils/meetings/{instance.meeting_id}/{filename}"


class MeetingDocument(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Público")
        MEMBERS_UNTIL_MEETING = "members_until", _("Só conselheiros até a reunião")
        MEMBERS = "members", _("Só conselheiros")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("item de pauta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("arquivo"),
        upload_to=meeting_document_upload_to,
        storage=private_storage,
        max_length=200,
    )
    visibility = models.CharField(
        _("quem pode ver"),
        max_length=16,
        choices=Visibility,
        default=Visibility.PUBLIC,
    )
    uploaded_at = models.DateTimeField(_("enviado em"), default=timezone.now)

    class Meta:
        verbose_name = _("documento da reunião")
        verbose_name_plural = _("documentos da reunião")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title

    def is_public_at(self, now) -> bool:
        if self.visibility == self.Visibility.PUBLIC:
            return True
        if self.visibility == self.Visibility.MEMBERS:
            return False
        return self.meeting.starts_at <= now


class Attendance(models.Model):
    """Who sat in a seat at a meeting: the titular, the suplente, or nobody."""

    class Status(models.TextChoices):
        TITULAR = "titular", _("Presente: titular")
        ALTERNATE = "suplente", _("Presente: suplente no lugar do titular")
        JUSTIFIED = "justificada", _("Ausência justificada")
        ABSENT = "ausente", _("Ausência sem justificativa")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances"
    )
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("presença"), max_length=16, choices=Status)
    # The mandate that was present, or the titular's that was absent: absences
    # count against the person, not the seat.
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    justification = models.TextField(_("justificativa"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("presença")
        verbose_name_plural = _("presenças")
        ordering = ["meeting", "seat__segment", "seat__position", "seat_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "seat"], name="councils_attendance_once_per_seat"
            )
        ]

    def __str__(self):
        return f"{self.seat}: {self.get_status_display()}"

    @property
    def is_present(self) -> bool:
        return self.status in (self.Status.TITULAR, self.Status.ALTERNATE)


class AttendanceReply(models.Model):
    """A councillor's answer to the convocation, before the meeting."""

    class Reply(models.TextChoices):
        ATTENDING = "vai", _("Vou comparecer")
        ABSENT = "nao_vai", _("Não poderei comparecer")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="replies"
    )
    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="replies"
    )
    reply = models.CharField(_("resposta"), max_length=8, choices=Reply)
    justification = models.TextField(_("justificativa"), blank=True, max_length=2000)
    replied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("resposta à convocação")
        verbose_name_plural = _("respostas à convocação")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "mandate"], name="councils_reply_once"
            )
        ]

    def __str__(self):
        return f"{self.mandate}: {self.get_reply_display()}"


class MeetingLog(WorkflowLog):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="log")

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro da reunião")
        verbose_name_plural = _("histórico da reunião")

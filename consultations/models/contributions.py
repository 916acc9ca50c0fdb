"""What people say in a consultation or at an event, and the city's answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro

from .consultations import Consultation, Device
from .events import Event


class ContributionQuerySet(models.QuerySet):
    def visible(self):
        """Shown in public: published, or hidden by moderation (shown as removed)."""
        return self.exclude(moderation=Contribution.Moderation.PENDING)

    def top_level(self):
        return self.filter(parent__isnull=True)


class Contribution(models.Model):
    """A contribution to a consultation (general, or on one device with a
    position) or to an event, or a one-level reply to another contribution.

    The author's name is public only if they chose so: an opinion on public
    policy can reveal political opinion, sensitive data under LGPD art. 5 II.
    """

    class Position(models.TextChoices):
        AGREE = "agree", _("Concordo")
        DISAGREE = "disagree", _("Discordo")
        PROPOSAL = "proposal", _("Proposta de redação")

    class Moderation(models.TextChoices):
        PUBLISHED = "published", _("Publicada")
        PENDING = "pending", _("Aguardando moderação")
        HIDDEN = "hidden", _("Removida pela moderação")

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Acatada")
        PARTLY = "partly", _("Parcialmente acatada")
        NOT_ACCEPTED = "not_accepted", _("Não acatada")
        OUT_OF_SCOPE = "out_of_scope", _("Fora do escopo")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Pelo site")
        ORAL = "oral", _("Fala na audiência")
        WRITTEN = "written", _("Por escrito, entregue à organização")
        DESK = "balcao", _("Balcão de atendimento")

    consultation = models.ForeignKey(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    device = models.ForeignKey(
        Device,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    # For contributions recorded by staff (an oral statement at a hearing).
    author_label = models.CharField(_("autoria informada"), max_length=150, blank=True)
    on_behalf_of = models.ForeignKey(
        "entities.Entity",
        verbose_name=_("em nome da entidade"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    show_name = models.BooleanField(
        _("mostrar meu nome publicamente"),
        default=False,
        help_text=_("Se não marcar, sua contribuição aparece como “Participante”."),
    )
    position = models.CharField(
        _("posição"), max_length=10, choices=Position, blank=True
    )
    text = models.TextField(_("contribuição"), max_length=5000)
    proposed_text = models.TextField(_("redação proposta"), blank=True, max_length=5000)
    channel = models.CharField(
        _("canal"), max_length=10, choices=Channel, default=Channel.ONLINE
    )
    # The author's bairro when they contributed, for the report's counts per bairro.
    bairro = models.ForeignKey(
        Bairro, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(
        _("enviada em"), default=timezone.now, editable=False
    )

    moderation = models.CharField(
        _("moderação"),
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
    support_count = models.PositiveIntegerField(_("apoios"), default=0, editable=False)
    report_count = models.PositiveIntegerField(
        _("denúncias"), default=0, editable=False
    )

    # The devolutiva: the administration's reasoned answer (Lei 9.784/1999 art. 31-34).
    answer = models.CharField(
        _("resposta"), max_length=12, choices=Answer, blank=True, editable=False
    )
    answer_text = models.TextField(
        _("justificativa"), blank=True, max_length=10000, editable=False
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Staff who typed in what someone said at an event or handed in on paper.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribuição")
        verbose_name_plural = _("contribuições")
        ordering = ["created_at", "pk"]
        constraints = [
            # Exactly one of consultation or event.
            models.CheckConstraint(
                condition=(Q(consultation__isnull=False) & Q(event__isnull=True))
                | (Q(consultation__isnull=True) & Q(event__isnull=False)),
                name="consultations_contribution_one_target",
            ),
            # A position only on a device; a device only in a consultation.
            models.CheckConstraint(
                condition=Q(device__isnull=True, position="")
                | Q(device__isnull=False, consultation__isnull=False),
                name="consultations_contribution_position_needs_device",
            ),
            # A proposta de redação carries the proposed text.
            models.CheckConstraint(
                condition=~Q(position="proposal") | ~Q(proposed_text=""),
                name="consultations_proposal_has_text",
            ),
        ]
        indexes = [
            models.Index(
                fields=["consultation", "parent", "created_at"],
                name="consult_contrib_list_idx",
            ),
            models.Index(
                fields=["event", "parent", "created_at"],
                name="consult_contrib_event_idx",
            ),
            models.Index(
                fields=["device", "created_at"], name="consult_contrib_device_idx"
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def public_author(self) -> str:
        """The name shown publicly: the entity, the person if they chose, or "Participante"."""
        if self.on_behalf_of_id:
            return self.on_behalf_of.display_name
        if self.show_name and self.author_id and not self.author.deleted_at:
            return self.author.display_name
        if self.author_label and self.show_name:
            return self.author_label
        return str(_("Participante"))

    @property
    def author_is_public(self) -> bool:
        """Whether the authorship is public (an entity, or a name the person chose
        to show); otherwise the contribution is anonymous to the public."""
        if self.on_behalf_of_id:
            return True
        if self.show_name and self.author_id and not self.author.deleted_at:
            return True
        return bool(self.author_label and self.show_name)

    @property
    def is_hidden(self) -> bool:
        return self.moderation == self.Moderation.HIDDEN


class Support(models.Model):
    """A person supports (apoia) someone else's contribution, once."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("apoio")
        verbose_name_plural = _("apoios")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "user"], name="consultations_support_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.contribution_id}"


class AbuseReport(models.Model):
    """A report that a contribution breaks the rules, for the moderators."""

    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("Ofensiva, discriminatória ou violenta")
        SPAM = "spam", _("Propaganda ou spam")
        PERSONAL_DATA = "personal_data", _("Expõe dados pessoais de alguém")
        OFF_TOPIC = "off_topic", _("Fora do tema")
        OTHER = "other", _("Outro motivo")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="reports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("motivo"), max_length=16, choices=Reason)
    details = models.CharField(_("detalhes"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("denúncia")
        verbose_name_plural = _("denúncias")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "user"], name="consultations_report_once"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} → {self.contribution_id}"

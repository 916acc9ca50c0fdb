"""A council, its rules, documents, commissions, mesa diretora and followers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from civic.workflow import WorkflowLog
from consultations.models import PolicyArea


def _rule(name: str):
    """A default read from settings.COUNCILS_DEFAULTS when the row is made, so
    a changed legal pattern applies to new councils and never rewrites old ones."""

    def default():
        return settings.COUNCILS_DEFAULTS[name]

    default.__name__ = f"default_{name}"
    default.__qualname__ = default.__name__
    return default


default_ordinary_notice_days = _rule("ordinary_notice_days")
default_extraordinary_notice_hours = _rule("extraordinary_notice_hours")
default_second_call_minutes = _rule("second_call_minutes")
default_mandate_years = _rule("mandate_years")
default_max_reconductions = _rule("max_reconductions")
default_absence_consecutive_limit = _rule("absence_consecutive_limit")
default_absence_alternate_limit = _rule("absence_alternate_limit")


class CompositionRule(models.TextChoices):
    # Half government, half civil society (CMAS: Lei 8.742/1993 art. 16;
    # CMDCA: Lei 8.069/1990 art. 88).
    PARITY = "paritaria", _("Paritária: metade governo, metade sociedade civil")
    # Health councils: 50% users, 25% workers, 25% managers and providers
    # (Lei 8.142/1990 and Resolução CNS 453/2012).
    HEALTH = (
        "saude",
        _("Saúde: 50% usuários, 25% trabalhadores, 25% gestores e prestadores"),
    )
    FREE = "livre", _("Sem regra de proporção")


class Council(models.Model):
    class Nature(models.TextChoices):
        DELIBERATIVE = "deliberativo", _("Deliberativo")
        CONSULTATIVE = "consultivo", _("Consultivo")

    class Quorum(models.TextChoices):
        ABSOLUTE = "absoluta", _("Maioria absoluta dos assentos com voto")
        ONE_THIRD = "um_terco", _("Um terço dos assentos com voto")
        ANY = "qualquer", _("Qualquer número de presentes")

    name = models.CharField(_("nome"), max_length=200, unique=True)
    acronym = models.CharField(_("sigla"), max_length=20, unique=True)
    slug = models.SlugField(_("endereço da página"), max_length=40, unique=True)
    nature = models.CharField(
        _("natureza"), max_length=16, choices=Nature, default=Nature.DELIBERATIVE
    )
    policy_area = models.ForeignKey(
        PolicyArea,
        verbose_name=_("área de política pública"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="councils",
    )
    summary = models.TextField(_("apresentação"), blank=True, max_length=3000)
    creating_law = models.CharField(
        _("lei de criação"),
        max_length=200,
        help_text=_("Por exemplo: Lei Municipal nº 2.880, de 1996."),
    )
    contact_email = models.EmailField(
        _("e-mail institucional"),
        blank=True,
        help_text=_(
            "O endereço público da secretaria executiva, nunca o de uma pessoa."
        ),
    )
    composition_rule = models.CharField(
        _("regra de composição"),
        max_length=16,
        choices=CompositionRule,
        default=CompositionRule.PARITY,
    )
    secretaries = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretaria executiva"),
        blank=True,
        related_name="council_secretariats",
        help_text=_("Pessoas que administram este conselho, e só este."),
    )

    # The rules of the regimento, defaulting to the usual legal pattern.
    ordinary_notice_days = models.PositiveSmallIntegerField(
        _("antecedência da convocação ordinária (dias)"),
        default=default_ordinary_notice_days,
    )
    extraordinary_notice_hours = models.PositiveSmallIntegerField(
        _("antecedência da convocação extraordinária (horas)"),
        default=default_extraordinary_notice_hours,
    )
    installation_quorum = models.CharField(
        _("quórum de instalação em primeira chamada"),
        max_length=16,
        choices=Quorum,
        default=Quorum.ABSOLUTE,
    )
    second_call_quorum = models.CharField(
        _("quórum de instalação em segunda chamada"),
        max_length=16,
        choices=Quorum,
        default=Quorum.ONE_THIRD,
    )
    second_call_minutes = models.PositiveSmallIntegerField(
        _("minutos até a segunda chamada"), default=default_second_call_minutes
    )
    mandate_years = models.PositiveSmallIntegerField(
        _("duração do mandato (anos)"),
        default=default_mandate_years,
        validators=[MinValueValidator(1)],
    )
    max_reconductions = models.PositiveSmallIntegerField(
        _("reconduções permitidas"), default=default_max_reconductions
    )
    absence_consecutive_limit = models.PositiveSmallIntegerField(
        _("faltas consecutivas sem justificativa"),
        default=default_absence_consecutive_limit,
        validators=[MinValueValidator(1)],
    )
    absence_alternate_limit = models.PositiveSmallIntegerField(
        _("faltas alternadas sem justificativa em 12 meses"),
        default=default_absence_alternate_limit,
        validators=[MinValueValidator(1)],
    )
    president_casting_vote = models.BooleanField(
        _("presidente tem voto de desempate"), default=True
    )
    is_active = models.BooleanField(_("em funcionamento"), default=True)
    created_at = models.DateTimeField(_("criado em"), default=timezone.now)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)

    class Meta:
        verbose_name = _("conselho")
        verbose_name_plural = _("conselhos")
        ordering = ["name"]
        permissions = [("manage_councils", _("Pode administrar todos os conselhos"))]

    def __str__(self):
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", kwargs={"slug": self.slug})


class CouncilDocument(models.Model):
    """A public founding document: the law, the regimento, a decree."""

    class Kind(models.TextChoices):
        LAW = "lei", _("Lei de criação")
        BYLAWS = "regimento", _("Regimento interno")
        DECREE = "decreto", _("Decreto ou portaria")
        OTHER = "outro", _("Outro documento")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind)
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("arquivo"),
        upload_to="councils/documents/",
        storage=private_storage,
        max_length=200,
    )
    published_on = models.DateField(_("data"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("enviado em"), default=timezone.now)

    class Meta:
        verbose_name = _("documento do conselho")
        verbose_name_plural = _("documentos do conselho")
        ordering = ["kind", "-published_on", "pk"]

    def __str__(self):
        return self.title


class Commission(models.Model):
    """A thematic commission (comissão temática) of councillors."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="commissions"
    )
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("atribuições"), blank=True, max_length=2000)
    seats = models.ManyToManyField(
        "councils.Seat",
        verbose_name=_("assentos que a compõem"),
        blank=True,
        related_name="commissions",
    )

    class Meta:
        verbose_name = _("comissão temática")
        verbose_name_plural = _("comissões temáticas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="councils_commission_name_once"
            )
        ]

    def __str__(self):
        return self.name


class BoardPosition(models.Model):
    """A place in the mesa diretora, held by a councillor for a period."""

    class Role(models.TextChoices):
        PRESIDENT = "presidente", _("Presidente")
        VICE = "vice", _("Vice-presidente")
        SECRETARY = "secretario", _("Primeiro(a) secretário(a)")

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="board_positions"
    )
    role = models.CharField(_("cargo"), max_length=16, choices=Role)
    mandate = models.ForeignKey(
        "councils.Mandate",
        verbose_name=_("conselheiro(a)"),
        on_delete=models.PROTECT,
        related_name="board_positions",
    )
    starts_on = models.DateField(_("início"))
    ends_on = models.DateField(_("fim"), null=True, blank=True)

    class Meta:
        verbose_name = _("cargo da mesa diretora")
        verbose_name_plural = _("mesa diretora")
        ordering = ["role", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "role"],
                condition=Q(ends_on__isnull=True),
                name="councils_one_current_board_role",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="councils_board_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.mandate}"


class CouncilFollow(models.Model):
    """A person who wants to hear of the council's meetings, atas and resolutions."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="council_follows",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acompanhamento de conselho")
        verbose_name_plural = _("acompanhamentos de conselhos")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"], name="councils_follow_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.council}"


class CouncilLog(WorkflowLog):
    """The council's history: composition changes, loss of mandate, settings."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="log")

    class Meta(WorkflowLog.Meta):
        verbose_name = _("registro do conselho")
        verbose_name_plural = _("histórico do conselho")

"""The entity profile, its board, and the audit trail of its review."""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.accounts.validators import validate_phone
from civic.territory.models import Bairro, Regional
from civic.workflow import WorkflowLog

from ..validators import format_cep, format_cnpj, validate_cep
from .taxonomy import Area, Cnae, LegalNature, PublicServed


class EntityQuerySet(models.QuerySet):
    def listed(self):
        """Entities the public directory shows: approved ones only."""
        return self.filter(status=Entity.Status.APPROVED)

    def represented_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(representatives__user=user)


class Entity(models.Model):
    """A civil-society organisation (OSC, with CNPJ) or an informal collective."""

    class Kind(models.TextChoices):
        OSC = "osc", _("Organização da sociedade civil (com CNPJ)")
        COLLECTIVE = "collective", _("Coletivo ou movimento (sem CNPJ)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        SUBMITTED = "submitted", _("Enviado para análise")
        CHANGES_REQUESTED = "changes_requested", _("Ajustes solicitados")
        RESUBMITTED = "resubmitted", _("Reenviado para análise")
        APPROVED = "approved", _("Aprovado")
        REJECTED = "rejected", _("Indeferido")
        SUSPENDED = "suspended", _("Suspenso")

    class Regularity(models.TextChoices):
        REGULAR = "regular", _("Documentação regular")
        MISSING = "missing", _("Documentos faltando")
        EXPIRED = "expired", _("Documentos vencidos")
        NOT_APPLICABLE = "not_applicable", _("Não se aplica (coletivo)")

    class Source(models.TextChoices):
        SELF = "self", _("Cadastro pela própria entidade")
        IMPORT = "import", _("Importado do Mapa das OSCs")

    kind = models.CharField(_("tipo"), max_length=16, choices=Kind, default=Kind.OSC)
    cnpj = models.CharField(
        _("CNPJ"),
        max_length=14,
        blank=True,
        help_text=_("Numérico ou alfanumérico, com ou sem pontuação."),
    )
    name = models.CharField(
        _("razão social"),
        max_length=200,
        help_text=_("Para coletivos, o nome pelo qual o grupo é conhecido."),
    )
    trade_name = models.CharField(_("nome fantasia"), max_length=200, blank=True)
    slug = models.SlugField(_("endereço da página"), max_length=120, unique=True)
    legal_nature = models.ForeignKey(
        LegalNature,
        verbose_name=_("natureza jurídica"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    founded_on = models.DateField(_("data de fundação"), null=True, blank=True)
    main_cnae = models.ForeignKey(
        Cnae,
        verbose_name=_("CNAE principal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("áreas de atuação"), blank=True, related_name="entities"
    )
    publics = models.ManyToManyField(
        PublicServed,
        verbose_name=_("públicos atendidos"),
        blank=True,
        related_name="entities",
    )
    regionais = models.ManyToManyField(
        Regional,
        verbose_name=_("regionais atendidas"),
        blank=True,
        related_name="entities",
    )
    bairros = models.ManyToManyField(
        Bairro, verbose_name=_("bairros atendidos"), blank=True, related_name="entities"
    )

    summary = models.TextField(
        _("missão e resumo das atividades"),
        blank=True,
        validators=[MaxLengthValidator(3000)],
    )
    logo = models.ImageField(_("logotipo"), upload_to="entities/logos/", blank=True)
    employees = models.PositiveIntegerField(
        _("número de empregados"), null=True, blank=True
    )
    volunteers = models.PositiveIntegerField(
        _("número de voluntários"), null=True, blank=True
    )

    # Address and contacts
    cep = models.CharField(
        _("CEP"), max_length=8, blank=True, validators=[validate_cep]
    )
    street = models.CharField(_("logradouro"), max_length=200, blank=True)
    number = models.CharField(_("número"), max_length=20, blank=True)
    complement = models.CharField(_("complemento"), max_length=100, blank=True)
    neighbourhood = models.CharField(
        _("bairro do endereço"), max_length=120, blank=True
    )
    city = models.CharField(_("município"), max_length=100, default="Betim")
    state = models.CharField(_("UF"), max_length=2, default="MG")
    phone = models.CharField(
        _("telefone"), max_length=11, blank=True, validators=[validate_phone]
    )
    phone_alt = models.CharField(
        _("outro telefone"), max_length=11, blank=True, validators=[validate_phone]
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("site"), blank=True, max_length=300)
    instagram = models.URLField(_("Instagram"), blank=True, max_length=300)
    facebook = models.URLField(_("Facebook"), blank=True, max_length=300)
    youtube = models.URLField(_("YouTube"), blank=True, max_length=300)
    publish_contact = models.BooleanField(
        _("mostrar endereço e contatos na página pública"),
        default=True,
        help_text=_(
            "Desmarque se o endereço ou o telefone forem de uma pessoa, e não da entidade."
        ),
    )

    # Lifecycle: only entities.services changes these.
    status = models.CharField(
        _("situação do cadastro"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        editable=False,
    )
    regularity = models.CharField(
        _("regularidade"),
        max_length=16,
        choices=Regularity,
        default=Regularity.MISSING,
        editable=False,
    )
    source = models.CharField(
        _("origem"), max_length=8, choices=Source, default=Source.SELF, editable=False
    )
    submitted_at = models.DateTimeField(_("enviado em"), null=True, editable=False)
    approved_at = models.DateTimeField(_("aprovado em"), null=True, editable=False)
    data_confirmed_at = models.DateTimeField(
        _("dados confirmados em"), null=True, editable=False
    )
    renewal_due_on = models.DateField(_("renovação até"), null=True, editable=False)
    suspension_reason = models.TextField(
        _("motivo da suspensão"), blank=True, editable=False
    )

    created_at = models.DateTimeField(
        _("criado em"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)

    # Search: `search_text` is unaccented lower-case text for the SQLite fallback;
    # `search_document` is the weighted tsvector PostgreSQL searches (GIN index).
    search_text = models.TextField(editable=False, blank=True, default="")
    search_document = SearchVectorField(null=True, editable=False)

    objects = EntityQuerySet.as_manager()

    class Meta:
        verbose_name = _("entidade")
        verbose_name_plural = _("entidades")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cnpj"],
                condition=~Q(cnpj=""),
                name="entities_entity_cnpj_unique",
            ),
            # A formal OSC always has a CNPJ; a collective never has one.
            models.CheckConstraint(
                condition=(Q(kind="osc") & ~Q(cnpj=""))
                | (Q(kind="collective") & Q(cnpj="")),
                name="entities_entity_cnpj_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="entities_status_name_idx"),
            models.Index(
                fields=["status", "regularity"], name="entities_status_reg_idx"
            ),
        ]
        permissions = [
            ("review_entity", _("Pode analisar cadastros de entidades")),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("entities:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.trade_name or self.name

    @property
    def is_osc(self) -> bool:
        return self.kind == self.Kind.OSC

    @property
    def cnpj_display(self) -> str:
        return format_cnpj(self.cnpj)

    @property
    def cep_display(self) -> str:
        return format_cep(self.cep)

    @property
    def renewal_pending(self) -> bool:
        """Approved, but the yearly confirmation of its data is overdue."""
        return (
            self.status == self.Status.APPROVED
            and self.renewal_due_on is not None
            and self.renewal_due_on < timezone.localdate()
        )

    @property
    def is_listed(self) -> bool:
        return self.status == self.Status.APPROVED


class BoardMember(models.Model):
    """A member of the entity's board (diretoria), per its latest ata de eleição."""

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="board_members"
    )
    name = models.CharField(_("nome"), max_length=150)
    role = models.CharField(_("cargo"), max_length=100)
    is_legal_representative = models.BooleanField(
        _("representante legal"), default=False
    )
    mandate_ends_on = models.DateField(_("fim do mandato"), null=True, blank=True)
    # Lei 13.019 art. 34 VI asks for it; LGPD keeps it out of every public view.
    cpf = models.CharField(_("CPF"), max_length=11, blank=True)

    class Meta:
        verbose_name = _("membro da diretoria")
        verbose_name_plural = _("diretoria")
        ordering = ["-is_legal_representative", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity"],
                condition=Q(is_legal_representative=True),
                name="entities_one_legal_representative",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.role})"


class EntityEvent(WorkflowLog):
    """One step of an entity's review, append-only: who did what, when, and why."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="events")
    from_status = WorkflowLog.status_column(Entity.Status, _("de"))
    to_status = WorkflowLog.status_column(Entity.Status, _("para"))

    class Meta(WorkflowLog.Meta):
        verbose_name = _("evento do cadastro")
        verbose_name_plural = _("histórico do cadastro")

    def __str__(self):
        return f"{self.entity_id}: {self.from_status} → {self.to_status}"

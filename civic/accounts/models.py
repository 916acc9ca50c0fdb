"""People who use Participa Betim, and what they agreed to."""

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import format_cpf, validate_cpf, validate_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class GovBrLevel(models.TextChoices):
    """The reliability levels of a gov.br account, in increasing order.

    gov.br sends them in English in `reliability_info.level` (bronze, silver,
    gold); we keep the Portuguese names people see on gov.br itself.
    """

    BRONZE = "bronze", _("Bronze")
    PRATA = "prata", _("Prata")
    OURO = "ouro", _("Ouro")

    @classmethod
    def rank(cls, value: str) -> int:
        """0 for no level, then 1 (bronze), 2 (prata) and 3 (ouro)."""
        order = [cls.BRONZE, cls.PRATA, cls.OURO]
        return order.index(value) + 1 if value in order else 0


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Logs in with an email address.

    CPF and phone are personal data (LGPD): optional, never shown publicly.
    """

    REMOVED_NAME = _("Participante removido")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    full_name = models.CharField(_("nome completo"), max_length=150)
    cpf = models.CharField(
        _("CPF"),
        max_length=11,
        blank=True,
        validators=[validate_cpf],
        help_text=_("Opcional. Nunca é exibido publicamente."),
    )
    phone = models.CharField(
        _("telefone"),
        max_length=11,
        blank=True,
        validators=[validate_phone],
        help_text=_("Opcional. Nunca é exibido publicamente."),
    )
    bairro = models.ForeignKey(
        "territory.Bairro",
        verbose_name=_("bairro"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    govbr_level = models.CharField(
        _("nível da conta gov.br"),
        max_length=8,
        choices=GovBrLevel,
        blank=True,
        editable=False,
        help_text=_("Atualizado a cada entrada com gov.br."),
    )
    govbr_level_at = models.DateTimeField(
        _("nível gov.br conferido em"), null=True, blank=True, editable=False
    )
    language = models.CharField(
        _("idioma"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_staff = models.BooleanField(
        _("acesso ao Django admin"),
        default=False,
        help_text=_("Permite entrar no Django admin (apenas superusuários o usam)."),
    )
    is_active = models.BooleanField(_("ativo"), default=True)
    # A person without email served at the desk (balcão): the email is a
    # placeholder under `.invalid` (RFC 2606), never verified, so nothing is
    # mailed to it and nobody logs in with it; claiming the account clears it.
    is_managed = models.BooleanField(
        _("conta gerenciada pelo balcão"),
        default=False,
        help_text=_("Criada no balcão de atendimento, sem e-mail próprio."),
    )
    date_joined = models.DateTimeField(_("cadastrado em"), default=timezone.now)
    deleted_at = models.DateTimeField(_("conta excluída em"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("usuário")
        verbose_name_plural = _("usuários")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            ),
            models.UniqueConstraint(
                fields=["cpf"], condition=~Q(cpf=""), name="accounts_user_cpf_unique"
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def display_name(self) -> str:
        """The name shown next to public contributions."""
        if self.deleted_at:
            return str(self.REMOVED_NAME)
        return self.full_name or self.email.split("@")[0]

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name.split(" ")[0]

    @property
    def cpf_masked(self) -> str:
        return format_cpf(self.cpf)


class Consent(models.Model):
    """Proof that a person agreed to a version of a legal document (LGPD art. 8)."""

    class Document(models.TextChoices):
        TERMS = "terms", _("Termos de Uso")
        PRIVACY = "privacy", _("Política de Privacidade")

    class Channel(models.TextChoices):
        WEB = "web", _("Pelo site")
        DESK = "balcao", _("Balcão de atendimento")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    document = models.CharField(_("documento"), max_length=16, choices=Document)
    version = models.CharField(_("versão"), max_length=32)
    accepted_at = models.DateTimeField(_("aceito em"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("endereço IP"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revogado em"), null=True, blank=True)
    channel = models.CharField(
        _("canal"), max_length=8, choices=Channel, default=Channel.WEB
    )
    # The desk attendant who heard the person agree (channel DESK).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consentimento")
        verbose_name_plural = _("consentimentos")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document", "version"], name="accounts_consent_once"
            )
        ]

    def __str__(self):
        return f"{self.get_document_display()} {self.version}"


class AccountDeletion(models.Model):
    """Record that an account was erased, without any personal data (LGPD art. 37)."""

    user_id_erased = models.PositiveBigIntegerField(_("ID da conta"))
    requested_at = models.DateTimeField(_("solicitado em"), default=timezone.now)
    by_self = models.BooleanField(_("pelo próprio titular"), default=True)

    class Meta:
        verbose_name = _("exclusão de conta")
        verbose_name_plural = _("exclusões de conta")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"#{self.user_id_erased} @ {self.requested_at:%Y-%m-%d}"

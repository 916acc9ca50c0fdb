"""Who speaks for an entity: representatives, invitations, and claims."""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage

from .entity import Entity


class Representative(models.Model):
    """A person who may edit an entity and speak for it on the platform.

    The primary representative (responsável) is the one who invites and removes
    others and can hand the role over; there is exactly one while anyone remains.
    """

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="representatives"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations",
    )
    is_primary = models.BooleanField(_("responsável principal"), default=False)
    added_at = models.DateTimeField(_("desde"), default=timezone.now)

    class Meta:
        verbose_name = _("representante")
        verbose_name_plural = _("representantes")
        ordering = ["-is_primary", "added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "user"], name="entities_representative_once"
            ),
            models.UniqueConstraint(
                fields=["entity"],
                condition=Q(is_primary=True),
                name="entities_one_primary_representative",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.entity}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.ENTITIES_INVITATION_DAYS)


class Invitation(models.Model):
    """An emailed invitation to become a representative of an entity.

    The email goes through the notifications outbox to the invited address,
    which may have no account yet (`entities.notifications.invitation_send`).
    """

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("enviado em"), default=timezone.now)
    expires_at = models.DateTimeField(_("válido até"), default=_invitation_expiry)
    # How many times the invitation email was asked for: the outbox key of each
    # send (`invitation:<pk>:<sends>`), so a resend is a new email, never the clock.
    sends = models.PositiveSmallIntegerField(_("envios"), default=1, editable=False)
    accepted_at = models.DateTimeField(_("aceito em"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("cancelado em"), null=True, blank=True)

    class Meta:
        verbose_name = _("convite")
        verbose_name_plural = _("convites")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="entities_one_open_invitation_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.entity}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


def claim_proof_upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"claims/{instance.entity_id}/{secrets.token_hex(16)}{suffix}"


class Claim(models.Model):
    """A request to represent an imported entity nobody represents yet."""

    class ProofKind(models.TextChoices):
        ATA = "ata", _("Ata de eleição em que a pessoa consta como dirigente")
        PROCURACAO = "procuracao", _("Procuração assinada pelo representante legal")

    class Status(models.TextChoices):
        PENDING = "pending", _("Em análise")
        APPROVED = "approved", _("Aprovada")
        REFUSED = "refused", _("Recusada")

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="claims")
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entity_claims"
    )
    proof_kind = models.CharField(_("comprovante"), max_length=16, choices=ProofKind)
    proof = models.FileField(
        _("arquivo do comprovante"),
        upload_to=claim_proof_upload_to,
        storage=private_storage,
        max_length=200,
    )
    proof_name = models.CharField(max_length=255)
    proof_content_type = models.CharField(max_length=50)
    message = models.TextField(_("mensagem para a equipe"), blank=True, max_length=2000)
    status = models.CharField(
        _("situação"),
        max_length=10,
        choices=Status,
        default=Status.PENDING,
        editable=False,
    )
    created_at = models.DateTimeField(_("enviado em"), default=timezone.now)
    decided_at = models.DateTimeField(_("decidido em"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("justificativa"), blank=True)

    class Meta:
        verbose_name = _("reivindicação de entidade")
        verbose_name_plural = _("reivindicações de entidades")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "claimant"],
                condition=Q(status="pending"),
                name="entities_one_pending_claim_per_person",
            )
        ]

    def __str__(self):
        return f"{self.claimant} → {self.entity}"

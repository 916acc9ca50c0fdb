"""The audit trail of the desk and the invitations to claim a managed account."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AssistedAction(models.Model):
    """One thing a desk attendant did for a person. Written only by services."""

    class Action(models.TextChoices):
        CREATE_ACCOUNT = "create_account", _("Conta gerenciada criada")
        CONSENT = "consent", _("Consentimento registrado")
        REGISTER = "register", _("Inscrição em evento")
        CONTRIBUTE = "contribute", _("Contribuição enviada")
        DEMAND = "demand", _("Manifestação aberta")
        CLAIM_INVITE = "claim_invite", _("Convite para assumir a conta")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("atendente"),
        on_delete=models.PROTECT,
        related_name="assisted_actions_done",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pessoa atendida"),
        on_delete=models.PROTECT,
        related_name="assisted_actions",
    )
    action = models.CharField(_("ação"), max_length=16, choices=Action)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    object_label = models.CharField(_("objeto"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("quando"), default=timezone.now)

    class Meta:
        verbose_name = _("atendimento assistido")
        verbose_name_plural = _("atendimentos assistidos")
        ordering = ["-created_at", "-pk"]
        permissions = [("act_for_person", _("Pode agir por uma pessoa no balcão"))]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_label}"


class ClaimInvite(models.Model):
    """A code, given on paper at the desk, to take over a managed account.

    Only a SHA-256 of the code is kept (about 60 bits of secret, every guess
    throttled by `dialogue_claim`); it is the lookup key, so no hash is slow.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="claim_invites",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("criado em"), default=timezone.now)
    expires_at = models.DateTimeField(_("válido até"))
    used_at = models.DateTimeField(_("usado em"), null=True, blank=True)

    class Meta:
        verbose_name = _("convite para assumir a conta")
        verbose_name_plural = _("convites para assumir a conta")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} {self.created_at:%Y-%m-%d}"

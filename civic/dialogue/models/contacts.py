"""The SRSC's record of its relationship with an entity (issue 13, item 2):
the contacts staff record (meetings, ofícios, calls, visits) and the
follow-ups they promise, each with a due date and an owner.

`internal` notes are for staff only; a contact reaches the entity's
representatives only when it is an ofício marked `shared_with_entity`."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.storage import private_storage
from entities.models import Entity


def contact_upload_to(instance, filename: str) -> str:
    """A random name under the entity's folder: a guessed path reveals nothing."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"dialogue/contacts/{instance.entity_id}/{secrets.token_hex(16)}{suffix}"


class ContactQuerySet(models.QuerySet):
    def shared(self):
        """What the entity's representatives may see: the ofícios addressed to them."""
        return self.filter(shared_with_entity=True, kind__in=Contact.OFICIO_KINDS)


class Contact(models.Model):
    """One contact between the SRSC and an entity."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Reunião")
        OFICIO_SENT = "oficio_sent", _("Ofício enviado")
        OFICIO_RECEIVED = "oficio_received", _("Ofício recebido")
        CALL = "call", _("Telefonema")
        VISIT = "visit", _("Visita")

    OFICIO_KINDS = (Kind.OFICIO_SENT, Kind.OFICIO_RECEIVED)

    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entidade"),
        on_delete=models.CASCADE,
        related_name="dialogue_contacts",
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind)
    date = models.DateField(_("data"))
    subject = models.CharField(_("assunto"), max_length=200)
    participants = models.TextField(_("participantes"), max_length=2_000, blank=True)
    notes = models.TextField(
        _("pauta e registro"),
        max_length=20_000,
        blank=True,
        help_text=_("Pauta, o que foi tratado e encaminhado."),
    )
    oficio_number = models.CharField(_("número do ofício"), max_length=60, blank=True)
    document = models.FileField(
        _("documento"),
        upload_to=contact_upload_to,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    document_name = models.CharField(max_length=120, blank=True, editable=False)
    internal = models.TextField(
        _("notas internas"),
        max_length=10_000,
        blank=True,
        help_text=_("Só a equipe vê. Nunca aparecem para a entidade."),
    )
    shared_with_entity = models.BooleanField(
        _("visível para a entidade"),
        default=False,
        help_text=_(
            "Só para ofícios: os representantes da entidade veem o assunto, o "
            "número, a pauta e o documento (nunca as notas internas)."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("registrado em"), default=timezone.now)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contato com a entidade")
        verbose_name_plural = _("contatos com as entidades")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["entity", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_with_entity=False)
                | Q(kind__in=["oficio_sent", "oficio_received"]),
                name="dialogue_contact_only_oficios_shared",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def is_oficio(self) -> bool:
        return self.kind in self.OFICIO_KINDS

    def clean(self):
        super().clean()
        if self.shared_with_entity and not self.is_oficio:
            raise ValidationError(
                {
                    "shared_with_entity": _(
                        "Só ofícios podem ficar visíveis para a entidade."
                    )
                }
            )
        if self.oficio_number and not self.is_oficio:
            raise ValidationError(
                {"oficio_number": _("Número de ofício só para ofícios.")}
            )


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def queue_of(self, user):
        """The owner's open follow-ups, the most urgent first."""
        return (
            self.open()
            .filter(owner=user)
            .select_related("entity", "contact")
            .order_by("due_on", "pk")
        )


class FollowUp(models.Model):
    """Something staff promised to do about an entity, by a date."""

    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entidade"),
        on_delete=models.CASCADE,
        related_name="dialogue_follow_ups",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contato"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    description = models.TextField(_("o que fazer"), max_length=2_000)
    due_on = models.DateField(_("prazo"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsável"),
        on_delete=models.PROTECT,
        related_name="dialogue_follow_ups",
    )
    done_at = models.DateTimeField(_("concluído em"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("criado em"), default=timezone.now)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("retorno")
        verbose_name_plural = _("retornos")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self):
        return self.description[:80]

    def clean(self):
        super().clean()
        if (
            self.contact_id
            and self.entity_id
            and self.contact.entity_id != self.entity_id
        ):
            raise ValidationError({"contact": _("O contato é de outra entidade.")})

    def is_overdue(self, today=None) -> bool:
        return self.done_at is None and self.due_on < (today or timezone.localdate())

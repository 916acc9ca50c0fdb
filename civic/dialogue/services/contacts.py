"""Recording the relationship with an entity: contacts and follow-ups.

Every write checks the rules again (the admin forms are only a convenience)
and every document is checked by content (civic.uploads) before it is
stored, privately, under a random name."""

from __future__ import annotations

from pathlib import PurePath

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.uploads import validate_upload
from entities.models import Entity

from ..models import Contact, FollowUp

CONTACT_FIELDS = (
    "kind",
    "date",
    "subject",
    "participants",
    "notes",
    "oficio_number",
    "internal",
    "shared_with_entity",
)


def _require(user, permission: str, obj=None) -> None:
    if not rules.has_perm(permission, user, obj):
        raise PermissionDenied


def check_document(upload) -> None:
    """A PDF, JPEG or PNG, really, and small enough; else an error beside `document`."""
    try:
        validate_upload(upload, max_size=settings.DIALOGUE_ATTACHMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from error


def _store(contact: Contact, data: dict, document) -> Contact:
    for name in CONTACT_FIELDS:
        if name in data:
            value = data[name]
            setattr(contact, name, value.strip() if isinstance(value, str) else value)
    if document:
        check_document(document)
        contact.document = document
        contact.document_name = PurePath(document.name or "documento").name[:120]
    contact.full_clean(exclude=["document"])
    contact.save()
    return contact


@transaction.atomic
def contact_record(*, entity: Entity, by, data: dict, document=None) -> Contact:
    """Record a contact with the entity (meeting, ofício, call, visit)."""
    _require(by, "dialogue.add_contact")
    contact = Contact(entity=entity, recorded_by=by, created_at=timezone.now())
    return _store(contact, data, document)


@transaction.atomic
def contact_update(*, contact: Contact, by, data: dict, document=None) -> Contact:
    _require(by, "dialogue.change_contact", contact)
    return _store(contact, data, document)


@transaction.atomic
def follow_up_add(
    *, entity: Entity, by, description: str, due_on, owner, contact=None
) -> FollowUp:
    """Promise something about the entity by a date; it enters the owner's queue."""
    _require(by, "dialogue.add_followup")
    if owner is None or not rules.has_perm("dialogue.view_timeline", owner):
        raise ValidationError(
            {
                "owner": _(
                    "O responsável precisa ser da equipe que acompanha a entidade."
                )
            }
        )
    follow_up = FollowUp(
        entity=entity,
        contact=contact,
        description=(description or "").strip(),
        due_on=due_on,
        owner=owner,
        created_by=by,
        created_at=timezone.now(),
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_done(*, follow_up_id: int, by, now=None) -> FollowUp:
    """Mark a follow-up done (idempotent)."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up_id)
    _require(by, "dialogue.complete_followup", follow_up)
    if follow_up.done_at is None:
        follow_up.done_at = now or timezone.now()
        follow_up.save(update_fields=["done_at"])
    return follow_up

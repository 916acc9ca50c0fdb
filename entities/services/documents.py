"""Entity documents: new versions, and the regularity they add up to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.uploads import sha256_of, validate_upload

from ..models import Document, Entity
from ..models.documents import REQUIREMENTS, DocumentRequirement

R = Entity.Regularity


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the dashboard checklist."""

    requirement: DocumentRequirement
    document: Document | None
    state: str  # "ok", "expiring", "expired" or "missing"
    days_left: int | None

    @property
    def label(self):
        return self.requirement.type.label


def requirements_checklist(
    entity: Entity, documents: Iterable[Document], today: date | None = None
) -> list[ChecklistItem]:
    """Each required document with its state; `documents` may hold old versions."""
    today = today or timezone.localdate()
    warn = settings.ENTITIES_EXPIRY_WARNING_DAYS
    current = {d.doc_type: d for d in documents if d.superseded_at is None}
    items = []
    for doc_type, requirement in REQUIREMENTS.items():
        doc = current.get(doc_type)
        days_left = None
        if doc is None:
            state = "missing"
        elif doc.expires_on is None:
            state = "ok"
        else:
            days_left = (doc.expires_on - today).days
            state = (
                "expired"
                if days_left < 0
                else "expiring"
                if days_left <= warn
                else "ok"
            )
        items.append(ChecklistItem(requirement, doc, state, days_left))
    return items


def regularity_compute(
    entity: Entity, documents: Iterable[Document], today: date | None = None
) -> str:
    """Regular, missing or expired; an expired document outweighs a missing one,
    since it is the more urgent thing to fix."""
    if not entity.is_osc:
        return R.NOT_APPLICABLE
    states = {item.state for item in requirements_checklist(entity, documents, today)}
    if "expired" in states:
        return R.EXPIRED
    if "missing" in states:
        return R.MISSING
    return R.REGULAR


def regularity_refresh(entity: Entity, today: date | None = None) -> str:
    """Recompute and store the entity's regularity; returns it."""
    regularity = regularity_compute(entity, entity.documents.current(), today)
    if regularity != entity.regularity:
        Entity.objects.filter(pk=entity.pk).update(regularity=regularity)
        entity.regularity = regularity
        if entity.is_listed:
            transaction.on_commit(invalidate_public_pages)
    return regularity


def document_upload(
    *,
    entity: Entity,
    doc_type: str,
    file,
    issued_on: date,
    expires_on: date | None,
    by,
) -> Document:
    """Store a new version of a document; the previous one is kept, superseded."""
    if not by.has_perm("entities.upload_document", entity):
        raise PermissionDenied
    if doc_type not in REQUIREMENTS:
        raise ValueError(f"Unknown document type {doc_type!r}")
    if expires_on is not None and expires_on < issued_on:
        raise ValidationError(
            {
                "expires_on": ValidationError(
                    _("A data de validade não pode ser anterior à data de emissão."),
                    code="expires_before_issue",
                )
            }
        )
    kind = validate_upload(file, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
    now = timezone.now()
    with transaction.atomic():
        # Lock the entity so two uploads of the same type cannot both stay current.
        Entity.objects.select_for_update().filter(pk=entity.pk).first()
        Document.objects.filter(
            entity=entity, doc_type=doc_type, superseded_at__isnull=True
        ).update(superseded_at=now)
        document = Document(
            entity=entity,
            doc_type=doc_type,
            original_name=(file.name or "documento")[:255],
            content_type=kind.mime,
            size=file.size,
            sha256=sha256_of(file),
            issued_on=issued_on,
            expires_on=expires_on,
            uploaded_by=by,
            uploaded_at=now,
        )
        document.file.save(
            file.name or f"documento{kind.extensions[0]}", file, save=False
        )
        document.save()
        regularity_refresh(entity)
    return document

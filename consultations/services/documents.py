"""Public documents attached to a consultation (the full draft, studies, maps)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from civic.cache import invalidate_public_pages
from civic.uploads import validate_upload

from ..models import Consultation, ConsultationDocument

DOCUMENT_MAX_SIZE = 10 * 1024 * 1024


def consultation_document_add(
    *, consultation: Consultation, title: str, file, by
) -> ConsultationDocument:
    """Attach a PDF, JPEG or PNG (checked by its content, at most 10 MB)."""
    if not by.has_perm("consultations.manage_consultation", consultation):
        raise PermissionDenied
    validate_upload(file, max_size=DOCUMENT_MAX_SIZE)
    with transaction.atomic():
        order = (
            ConsultationDocument.objects.filter(consultation=consultation).aggregate(
                last=Max("order")
            )["last"]
            or 0
        )
        document = ConsultationDocument.objects.create(
            consultation=consultation,
            title=title.strip(),
            file=file,
            size=file.size,
            order=order + 1,
        )
        transaction.on_commit(invalidate_public_pages)
    return document


def consultation_document_remove(*, document_id: int, by) -> None:
    """Remove a document and its file."""
    document = ConsultationDocument.objects.select_related("consultation").get(
        pk=document_id
    )
    if not by.has_perm("consultations.manage_consultation", document.consultation):
        raise PermissionDenied
    file = document.file
    with transaction.atomic():
        document.delete()
        transaction.on_commit(invalidate_public_pages)
        transaction.on_commit(lambda: file.delete(save=False))

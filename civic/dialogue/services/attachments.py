"""The private files of a demand: checked by content before anything is
stored (civic.uploads), kept in PRIVATE_MEDIA_ROOT under random names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from civic.uploads import validate_upload

from ..models import Demand, DemandAttachment, DemandMessage


def check_files(files: Sequence) -> None:
    """Refuse too many files, or any too large or not really a PDF, JPEG or PNG,
    naming the file in the message beside the `files` field."""
    if len(files) > settings.DIALOGUE_MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "files": _("Envie no máximo %(max)s arquivos.")
                % {"max": settings.DIALOGUE_MAX_ATTACHMENTS}
            }
        )
    errors = []
    for upload in files:
        try:
            validate_upload(upload, max_size=settings.DIALOGUE_ATTACHMENT_MAX_BYTES)
        except ValidationError as error:
            name = PurePath(upload.name or "").name[:80]
            errors.extend(f"{name}: {message}" for message in error.messages)
    if errors:
        raise ValidationError({"files": errors})


def attach(
    *,
    demand: Demand,
    files: Sequence,
    by,
    now: dt.datetime,
    message: DemandMessage | None = None,
) -> list[DemandAttachment]:
    """Store files already checked by `check_files` with the demand or a message."""
    uploader = by if getattr(by, "is_authenticated", False) else None
    return [
        DemandAttachment.objects.create(
            demand=demand,
            message=message,
            file=upload,
            name=PurePath(upload.name or "anexo").name[:120],
            size=upload.size,
            uploaded_by=uploader,
            created_at=now,
        )
        for upload in files
    ]

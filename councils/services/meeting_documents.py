"""The documents of a meeting (pauta annexes, opinions, presentations): the
secretariat adds them with a visibility and removes them before the meeting
is held. Files live in private storage and are served by
`councils.views.documents` to whoever `councils.download_meetingdocument`
allows; each change is written to the meeting's history."""

from __future__ import annotations

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import AgendaItem, Meeting, MeetingDocument
from .meetings import workflow

S = Meeting.Status
TITLE_MAX_LENGTH = MeetingDocument._meta.get_field("title").max_length
# A document may be added until the record is closed by a cancellation; it is
# removed only before the meeting is held (after that it is part of the record).
OPEN_FOR_ADDING = (S.PLANNED, S.CONVENED, S.HELD)
OPEN_FOR_REMOVING = (S.PLANNED, S.CONVENED)


def _stored_name(title: str, original: str) -> str:
    """A file name from the title (the person's file name is not kept)."""
    extension = PurePath(original or "").suffix.lower()[:8]
    return f"{slugify(title)[:60] or 'documento'}{extension}"


def meeting_document_add(
    *,
    meeting: Meeting,
    title: str,
    file,
    visibility: str,
    agenda_item: AgendaItem | None = None,
    actor,
) -> MeetingDocument:
    """Attach a document (already checked by `civic.uploads.validate_upload`)
    to a meeting, with who may read it before and after the meeting."""
    title = (title or "").replace("\x00", "").strip()
    if not title:
        raise ValidationError({"title": _("Dê um título ao documento.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("Use no máximo %(limit)s caracteres.")
                % {"limit": TITLE_MAX_LENGTH}
            }
        )
    if visibility not in MeetingDocument.Visibility.values:
        raise ValidationError({"visibility": _("Escolha quem pode ver o documento.")})
    stored = ""
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if not actor.has_perm("councils.add_meetingdocument", locked):
                raise PermissionDenied
            if locked.status not in OPEN_FOR_ADDING:
                raise ValidationError(
                    _("A reunião foi cancelada: não se incluem mais documentos.")
                )
            if agenda_item is not None and agenda_item.meeting_id != locked.pk:
                raise ValidationError(
                    {"agenda_item": _("Escolha um item da pauta desta reunião.")}
                )
            document = MeetingDocument(
                meeting=locked,
                agenda_item=agenda_item,
                title=title,
                visibility=visibility,
                uploaded_at=timezone.now(),
            )
            document.file.save(_stored_name(title, file.name), file, save=False)
            stored = document.file.name
            document.save()
            workflow.record(
                locked,
                action="add_document",
                actor=actor,
                data={
                    "document": document.pk,
                    "title": title,
                    "visibility": visibility,
                    "agenda_item": agenda_item.pk if agenda_item else None,
                },
            )
    except Exception:
        if stored:  # the row was rolled back: the file goes too
            MeetingDocument._meta.get_field("file").storage.delete(stored)
        raise
    return document


def meeting_document_delete(*, document: MeetingDocument, actor) -> None:
    """Remove a document of a meeting not yet held; the file goes once the
    removal is committed."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=document.meeting_id)
        current = MeetingDocument.objects.filter(pk=document.pk, meeting=locked).first()
        if current is None:
            raise ValidationError(
                _("Este documento já foi excluído."), code="already_deleted"
            )
        current.meeting = locked
        if not actor.has_perm("councils.delete_meetingdocument", current):
            raise PermissionDenied
        if locked.status not in OPEN_FOR_REMOVING:
            raise ValidationError(
                _(
                    "A reunião já foi realizada ou cancelada: seus documentos "
                    "fazem parte do registro e não são excluídos."
                )
            )
        storage, name = current.file.storage, current.file.name
        workflow.record(
            locked,
            action="delete_document",
            actor=actor,
            data={"document": current.pk, "title": current.title},
        )
        current.delete()
        transaction.on_commit(lambda: storage.delete(name))

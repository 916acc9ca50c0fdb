"""What staff set up on a chamamento besides its workflow: criteria (while a
draft), the committee (until the result), and documents (the edital before
publication; results and decisions later)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.uploads import validate_upload
from civic.workflow import refuse_duplicate

from ..models import Call, CallDocument, CommitteeMember, Criterion
from .call_log import log_call

S = Call.Status
COMMITTEE_OPEN = (S.DRAFT, S.PUBLISHED, S.EVALUATION)


def _manager(call: Call, by) -> None:
    if not by.has_perm("partnerships.manage_committee_call", call):
        raise PermissionDenied


def criterion_add(*, call: Call, by, **fields) -> Criterion:
    """A criterion with weight and range, only while the edital is a draft."""
    _manager(call, by)
    if call.status != S.DRAFT:
        raise ValidationError(_("Os critérios só mudam enquanto o edital é rascunho."))
    criterion = Criterion(call=call, **fields)
    criterion.full_clean()
    with refuse_duplicate(_("Já existe um critério com este nome.")):
        criterion.save()
    return criterion


def criterion_remove(*, criterion: Criterion, by) -> None:
    _manager(criterion.call, by)
    if criterion.call.status != S.DRAFT:
        raise ValidationError(_("Os critérios só mudam enquanto o edital é rascunho."))
    criterion.delete()


def member_add(*, call: Call, by, user, designation_act: str = "") -> CommitteeMember:
    """Designate a member of the comissão de seleção (art. 27 §1)."""
    _manager(call, by)
    if call.status not in COMMITTEE_OPEN:
        raise ValidationError(_("A comissão não muda depois do resultado preliminar."))
    with refuse_duplicate(_("Esta pessoa já está na comissão.")):
        with transaction.atomic():
            member = CommitteeMember.objects.create(
                call=call, user=user, designation_act=designation_act.strip()
            )
            log_call(call, "member_add", actor=by, data={"user": user.pk})
    return member


def member_remove(*, member: CommitteeMember, by) -> None:
    _manager(member.call, by)
    if member.scores.exists():
        raise ValidationError(_("Este membro já deu notas e não pode sair."))
    with transaction.atomic():
        log_call(member.call, "member_remove", actor=by, data={"user": member.user_id})
        member.delete()


def document_add(*, call: Call, by, kind: str, title: str, file) -> CallDocument:
    """A document of the call, checked by content; public once published."""
    _manager(call, by)
    if call.status in (S.CONCLUDED, S.REVOKED, S.DESERTED) and kind != "decisao":
        raise ValidationError(_("O chamamento está encerrado."))
    try:
        validate_upload(file, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        document = CallDocument.objects.create(
            call=call, kind=kind, title=title.strip(), file=file
        )
        log_call(call, "document_add", actor=by, data={"document": document.pk})
        transaction.on_commit(invalidate_public_pages)
    return document

"""Parcelas of the cronograma de desembolso: released, or retained for one of
the reasons of art. 48, then released again.

Each service locks the parcela's row, so two staff releasing the same
parcela at once release it once: the second finds it released and is told so.
Art. 38: nothing is released before the extrato is published.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.workflow import NOTE_MAX_LENGTH

from ..models import Installment, Partnership
from ..notifications import execution as notices
from ..presentation import brl
from .partnership_workflow import partnership_workflow

I = Installment.Status  # noqa: E741


def art38_refusal(partnership: Partnership) -> str | None:
    """Why money may not move yet: before the extrato is published the
    partnership has no legal effect (art. 38); after its end nothing moves."""
    if partnership.status in (Partnership.Status.PLANNING, Partnership.Status.SIGNED):
        return _(
            "A parceria ainda não tem eficácia: nenhuma parcela é liberada antes "
            "da publicação do extrato (art. 38 da Lei 13.019/2014)."
        )
    if partnership.status != Partnership.Status.EXECUTING:
        return _("A parceria não está em execução (%(status)s).") % {
            "status": partnership.get_status_display()
        }
    return None


def _locked(installment_id: int) -> Installment:
    return (
        Installment.objects.select_for_update()
        .select_related("partnership")
        .get(pk=installment_id)
    )


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Use no máximo %(limit)s caracteres.")
                % {"limit": NOTE_MAX_LENGTH}
            }
        )
    return note


def _log(
    installment: Installment, *, action: str, by, note: str, data: dict, source: str
):
    partnership = installment.partnership
    return partnership_workflow.record(
        partnership,
        action=action,
        actor=by,
        note=note,
        data={
            "installment": installment.number,
            "installment_id": installment.pk,
            "value": installment.value,
            "from": source,
            "to": installment.status,
            **data,
        },
    )


def installment_release(
    *, installment_id: int, by, released_on: dt.date | None = None, note: str = ""
) -> Installment:
    """Release a scheduled or retained parcela (art. 48: a retention ends when
    its cause is remedied); refused before the extrato is published."""
    note = _note(note)
    today = timezone.localdate()
    released_on = released_on or today
    if released_on > today:
        raise ValidationError({"released_on": _("A data não pode estar no futuro.")})
    with transaction.atomic():
        installment = _locked(installment_id)
        partnership = installment.partnership
        if not by.has_perm("partnerships.release_installment", installment):
            raise PermissionDenied
        refusal = art38_refusal(partnership)
        if refusal:
            raise ValidationError(refusal)
        if installment.status == I.RELEASED:
            raise ValidationError(
                _("A %(n)sª parcela já foi liberada em %(date)s.")
                % {
                    "n": installment.number,
                    "date": installment.released_on.strftime("%d/%m/%Y"),
                }
            )
        if (
            partnership.extract_published_on
            and released_on < partnership.extract_published_on
        ):
            raise ValidationError(
                {"released_on": _("A liberação vem depois da publicação do extrato.")}
            )
        source = installment.status
        installment.status = I.RELEASED
        installment.released_on = released_on
        installment.retention_reason = ""
        installment.save(update_fields=["status", "released_on", "retention_reason"])
        log = _log(
            installment,
            action="release_installment",
            by=by,
            note=note,
            data={"released_on": released_on},
            source=source,
        )
        notices.execution_step(
            partnership,
            log,
            _("a %(n)sª parcela (%(value)s) foi liberada")
            % {"n": installment.number, "value": brl(installment.value)},
            lines=[note] if note else [],
        )
    return installment


def installment_retain(
    *, installment_id: int, by, reason: str, note: str
) -> Installment:
    """Retain a scheduled parcela for one of the reasons of art. 48 (I–III),
    with a note saying what the entity must remedy."""
    note = _note(note)
    errors = {}
    if reason not in Installment.RetentionReason.values:
        errors["reason"] = _("Escolha o motivo da retenção (art. 48).")
    if not note:
        errors["note"] = _(
            "Descreva o que motivou a retenção e o que a entidade deve sanar."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        installment = _locked(installment_id)
        partnership = installment.partnership
        if not by.has_perm("partnerships.retain_installment", installment):
            raise PermissionDenied
        refusal = art38_refusal(partnership)
        if refusal:
            raise ValidationError(refusal)
        if installment.status != I.SCHEDULED:
            raise ValidationError(
                _(
                    "A %(n)sª parcela está “%(status)s”: só uma parcela prevista é retida."
                )
                % {"n": installment.number, "status": installment.get_status_display()}
            )
        installment.status = I.RETAINED
        installment.retention_reason = reason
        installment.save(update_fields=["status", "retention_reason"])
        log = _log(
            installment,
            action="retain_installment",
            by=by,
            note=note,
            data={"reason": reason},
            source=I.SCHEDULED,
        )
        notices.execution_step(
            partnership,
            log,
            _("a %(n)sª parcela foi retida") % {"n": installment.number},
            lines=[installment.get_retention_reason_display(), note],
        )
    return installment

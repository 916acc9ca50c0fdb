"""Changes of a partnership in execution (arts. 55 and 57): the entity asks
for an extension at least PARTNERSHIPS_EXTENSION_MIN_DAYS before the end;
staff approve it by termo aditivo or apostilamento (with the act's number),
which moves the end, adds value (as a new parcela) or changes metas; and the
administration extends ex officio by its own delay in releasing money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Change, Installment, Partnership
from ..notifications import execution as notices
from ..presentation import brl
from . import deadlines
from .partnership_workflow import partnership_workflow

C = Change.Status
OPEN = (Partnership.Status.SIGNED, Partnership.Status.EXECUTING)
TEXT_MAX_LENGTH = 10_000


def _text(value: str, field: str, required: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: required})
    if len(value) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {field: _("Use no máximo %(n)s caracteres.") % {"n": TEXT_MAX_LENGTH}}
        )
    return value


def _locked_partnership(partnership_id: int) -> Partnership:
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    if partnership.status not in OPEN:
        raise ValidationError(
            _("A parceria está “%(status)s”: não cabem alterações.")
            % {"status": partnership.get_status_display()}
        )
    return partnership


def extension_refusal(partnership: Partnership, today: dt.date) -> str | None:
    """Art. 55: why the entity can no longer ask for an extension (None if it can)."""
    if partnership.ends_on is None:
        return _("A parceria não tem data de fim.")
    last_day = deadlines.extension_request_last_day(partnership.ends_on)
    if today > last_day:
        return _(
            "O pedido de prorrogação deve ser feito até %(date)s, pelo menos "
            "%(days)s dias antes do fim da vigência (art. 55)."
        ) % {
            "date": last_day.strftime("%d/%m/%Y"),
            "days": (partnership.ends_on - last_day).days,
        }
    return None


def change_request(
    *, partnership_id: int, by, new_ends_on: dt.date, description: str
) -> Change:
    """The entity asks to extend the vigência (art. 55), with its reasons."""
    description = _text(description, "description", _("Explique o motivo do pedido."))
    today = timezone.localdate()
    with transaction.atomic():
        partnership = _locked_partnership(partnership_id)
        if not by.has_perm("partnerships.request_change", partnership):
            raise PermissionDenied
        refusal = extension_refusal(partnership, today)
        if refusal:
            raise ValidationError({"new_ends_on": refusal})
        if not isinstance(new_ends_on, dt.date) or new_ends_on <= partnership.ends_on:
            raise ValidationError(
                {
                    "new_ends_on": _("A nova data de fim deve ser depois de %(date)s.")
                    % {"date": partnership.ends_on.strftime("%d/%m/%Y")}
                }
            )
        if partnership.changes.filter(status=C.REQUESTED).exists():
            raise ValidationError(_("Já há um pedido de alteração aguardando decisão."))
        change = Change.objects.create(
            partnership=partnership,
            kind=Change.Kind.ADDENDUM,
            requested_by_entity=True,
            requested_on=today,
            new_ends_on=new_ends_on,
            description=description,
        )
        log = partnership_workflow.record(
            partnership,
            action="request_change",
            actor=by,
            note=description,
            data={"change_id": change.pk, "new_ends_on": new_ends_on},
        )
        notices.execution_step(
            partnership, log, _("a entidade pediu a prorrogação da vigência")
        )
    return change


def change_decide(
    *,
    change_id: int,
    by,
    approve: bool,
    kind: str = Change.Kind.ADDENDUM,
    act_number: str = "",
    note: str = "",
    new_ends_on: dt.date | None = None,
    value_change: Decimal | None = None,
    installment_due_on: dt.date | None = None,
) -> Change:
    """Staff approve a change by termo aditivo or apostilamento (art. 57) or
    refuse it with reasons. Approval moves the end and adds value; added
    value becomes a new parcela, so the parcelas still add up to the total."""
    with transaction.atomic():
        change = Change.objects.select_for_update().get(pk=change_id)
        partnership = _locked_partnership(change.partnership_id)
        if not by.has_perm("partnerships.decide_change", change):
            raise PermissionDenied
        if change.status != C.REQUESTED:
            raise ValidationError(_("Esta alteração já foi decidida."))
        today = timezone.localdate()
        data: dict = {"change_id": change.pk, "approved": approve}
        if approve:
            _apply_change(
                change,
                partnership,
                kind=kind,
                act_number=act_number,
                new_ends_on=new_ends_on or change.new_ends_on,
                value_change=value_change
                if value_change is not None
                else change.value_change,
                installment_due_on=installment_due_on,
                data=data,
            )
        else:
            note = _text(note, "note", _("Escreva o motivo da recusa."))
        change.status = C.APPROVED if approve else C.REFUSED
        change.decided_on = today
        change.save()
        log = partnership_workflow.record(
            partnership, action="decide_change", actor=by, note=note, data=data
        )
        what = (
            _("a alteração foi aprovada (%(kind)s nº %(act)s)")
            % {"kind": change.get_kind_display(), "act": change.act_number}
            if approve
            else _("o pedido de alteração foi recusado")
        )
        notices.execution_step(partnership, log, what, lines=[note] if note else [])
    return change


def _apply_change(
    change,
    partnership,
    *,
    kind,
    act_number,
    new_ends_on,
    value_change,
    installment_due_on,
    data,
) -> None:
    if kind not in (Change.Kind.ADDENDUM, Change.Kind.APOSTILLE):
        raise ValidationError({"kind": _("Escolha termo aditivo ou apostilamento.")})
    act_number = (act_number or "").strip()
    if not act_number:
        raise ValidationError(
            {"act_number": _("Informe o número do termo ou da apostila.")}
        )
    if len(act_number) > 40:
        raise ValidationError({"act_number": _("Use no máximo 40 caracteres.")})
    change.kind, change.act_number = kind, act_number
    fields = []
    if new_ends_on is not None:
        if new_ends_on <= partnership.starts_on:
            raise ValidationError({"new_ends_on": _("O fim vem depois do início.")})
        data["ends_on"] = [partnership.ends_on, new_ends_on]
        change.new_ends_on = new_ends_on
        partnership.ends_on = new_ends_on
        fields.append("ends_on")
    if value_change:
        if value_change <= 0:
            raise ValidationError({"value_change": _("Informe um acréscimo positivo.")})
        if not installment_due_on:
            raise ValidationError(
                {"installment_due_on": _("Informe a data da parcela do acréscimo.")}
            )
        number = (partnership.installments.aggregate(n=Max("number"))["n"] or 0) + 1
        Installment.objects.create(
            partnership=partnership,
            number=number,
            value=value_change,
            due_on=installment_due_on,
        )
        data["total_value"] = [
            partnership.total_value,
            partnership.total_value + value_change,
        ]
        data["added"] = brl(value_change)
        change.value_change = value_change
        partnership.total_value += value_change
        fields.append("total_value")
    if fields:
        partnership.save(update_fields=[*fields, "updated_at"])


def change_ex_officio(
    *, partnership_id: int, by, delay_days: int, act_number: str, description: str
) -> Change:
    """Art. 55 § único: the administration extends the vigência by exactly
    the time it delayed releasing money."""
    description = _text(
        description, "description", _("Descreva o atraso da administração.")
    )
    if not isinstance(delay_days, int) or delay_days <= 0 or delay_days > 3650:
        raise ValidationError(
            {"delay_days": _("Informe os dias de atraso (1 a 3650).")}
        )
    act_number = _text(act_number, "act_number", _("Informe o número da apostila."))[
        :40
    ]
    with transaction.atomic():
        partnership = _locked_partnership(partnership_id)
        if not by.has_perm("partnerships.decide_change", partnership):
            raise PermissionDenied
        new_ends_on = partnership.ends_on + dt.timedelta(days=delay_days)
        today = timezone.localdate()
        change = Change.objects.create(
            partnership=partnership,
            kind=Change.Kind.EX_OFFICIO,
            requested_on=today,
            new_ends_on=new_ends_on,
            description=description,
            act_number=act_number,
            status=C.APPROVED,
            decided_on=today,
        )
        data = {
            "change_id": change.pk,
            "delay_days": delay_days,
            "ends_on": [partnership.ends_on, new_ends_on],
        }
        partnership.ends_on = new_ends_on
        partnership.save(update_fields=["ends_on", "updated_at"])
        log = partnership_workflow.record(
            partnership,
            action="extend_ex_officio",
            actor=by,
            note=description,
            data=data,
        )
        notices.execution_step(
            partnership,
            log,
            _("a vigência foi prorrogada de ofício até %(date)s")
            % {"date": new_ends_on.strftime("%d/%m/%Y")},
        )
    return change

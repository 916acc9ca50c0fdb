"""Writing mandates: saving one from the admin, and ending one. Mandates are
never deleted: the end date and reason keep who held which seat when (the
history a council's atas and decrees refer to)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civic.edits import form_values, save_changes
from civic.workflow import refuse_duplicate

from ..models import CouncilLog, Mandate

# What the admin's mandate form sets; the end goes through `mandate_end` only.
MANDATE_FORM_FIELDS = ("seat", "term", "role", "entity", "starts_on", "person")


def mandate_save(*, mandate: Mandate, by) -> Mandate:
    """Save a mandate a secretary or staff filled in; a concurrent second
    holder (the database's one-seat-per-person rule) becomes a field error.
    An edit writes only the form's changed fields onto the row locked here,
    so a mandate ended meanwhile stays ended."""
    if not by.has_perm("councils.change_mandate", mandate.seat):
        raise PermissionDenied
    created = mandate.pk is None
    with refuse_duplicate(
        _(
            "Esta pessoa já ocupa um assento neste conselho, ou o assento já tem ocupante."
        )
    ):
        with transaction.atomic():
            if created:
                mandate.save()
            else:
                locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
                if not by.has_perm("councils.change_mandate", locked.seat):
                    raise PermissionDenied
                values = form_values(mandate, MANDATE_FORM_FIELDS)
                values["council_id"] = mandate.seat.council_id
                save_changes(locked, values)
                mandate = locked
            CouncilLog.objects.create(
                council_id=mandate.council_id,
                action="mandate_add" if created else "mandate_edit",
                from_status="",
                to_status="",
                actor=by,
                data={"mandate": mandate.pk, "seat": mandate.seat_id},
            )
    return mandate


def mandate_end(
    *, mandate_id: int, ends_on: dt.date, reason: str, by, note: str = ""
) -> Mandate:
    """End a current mandate on `ends_on` for `reason` (Mandate.EndReason),
    recorded in the council's history."""
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().get(pk=mandate_id)
        if not by.has_perm("councils.end_mandate", mandate):
            raise PermissionDenied
        if mandate.ends_on is not None:
            raise ValidationError(_("Este mandato já foi encerrado."))
        if ends_on < mandate.starts_on:
            raise ValidationError(
                {"ends_on": _("O fim não pode ser antes do início do mandato.")}
            )
        if reason not in Mandate.EndReason.values:
            raise ValidationError({"end_reason": _("Escolha o motivo.")})
        mandate.ends_on, mandate.end_reason = ends_on, reason
        mandate.save(update_fields=["ends_on", "end_reason"])
        CouncilLog.objects.create(
            council_id=mandate.council_id,
            action="mandate_end",
            from_status="",
            to_status="",
            actor=by,
            note=note,
            data={"mandate": mandate.pk, "seat": mandate.seat_id, "reason": reason},
        )
    return mandate

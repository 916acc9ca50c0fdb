"""Partnerships ready for each step of their execution, for the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from entities.partnerships.models import (
    Accountability,
    Goal,
    Installment,
    Partnership,
)
from entities.partnerships.services import deadlines

BETIM = ZoneInfo("America/Sao_Paulo")
S = Partnership.Status


def noon(day: dt.date) -> dt.datetime:
    """Midday in Betim: a moment well inside the local day."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=BETIM)


def plan(partnership: Partnership, *, parcelas=("60000.00", "60000.00")) -> Partnership:
    """Complete the plano de trabalho: a meta, parcelas and the gestor's act."""
    Goal.objects.create(
        partnership=partnership,
        description="Atender 80 crianças no contraturno",
        indicator="Crianças com frequência mínima de 75%",
        verification="Listas de presença mensais",
    )
    start = partnership.starts_on
    for number, value in enumerate(parcelas, start=1):
        Installment.objects.create(
            partnership=partnership,
            number=number,
            value=Decimal(value),
            due_on=start + dt.timedelta(days=30 * number),
        )
    Partnership.objects.filter(pk=partnership.pk).update(
        gestor_act="Portaria SEMAS nº 12/2026"
    )
    partnership.refresh_from_db()
    return partnership


def set_status(partnership: Partnership, status: str, **fields) -> Partnership:
    """Put the partnership in a status directly (the workflow is tested elsewhere)."""
    values = {"status": status, **fields}
    if status != S.PLANNING:
        values.setdefault("signed_on", partnership.starts_on)
    if status not in (S.PLANNING, S.SIGNED):
        values.setdefault("extract_published_on", partnership.starts_on)
        values.setdefault("extract_place", "Órgão Oficial do Município")
    Partnership.objects.filter(pk=partnership.pk).update(**values)
    partnership.refresh_from_db()
    return partnership


def executing(partnership: Partnership) -> Partnership:
    return set_status(plan(partnership), S.EXECUTING)


def final_accounts(partnership: Partnership, **fields) -> Accountability:
    ends_on = partnership.ends_on
    return Accountability.objects.create(
        partnership=partnership,
        kind=Accountability.Kind.FINAL,
        period_ends_on=ends_on,
        due_on=deadlines.final_accounts_due(ends_on),
        **fields,
    )

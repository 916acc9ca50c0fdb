"""Reads of a partnership's execution: the entity's dashboard list, the
partnership's private page, and its next deadlines. Each selector owns its
prefetches, so a page's query count does not grow with the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from ..models import (
    Accountability,
    Diligence,
    Partnership,
    PartnershipDocument,
    Sanction,
)

A = Accountability.Status
LIVE = (
    Partnership.Status.SIGNED,
    Partnership.Status.EXECUTING,
    Partnership.Status.ENDED,
    Partnership.Status.RESCINDED,
)


@dataclass(frozen=True)
class Due:
    """A deadline as the entity reads it."""

    label: str
    due_on: dt.date
    url: str = ""


def _open_diligences():
    return Prefetch(
        "diligences",
        queryset=Diligence.objects.filter(answered_on__isnull=True),
        to_attr="open_diligences",
    )


def entity_partnerships(*, entity) -> QuerySet[Partnership]:
    """The entity's partnerships for its dashboard, newest first."""
    return (
        Partnership.objects.filter(entity=entity)
        .exclude(status=Partnership.Status.PLANNING)
        .select_related("body")
        .prefetch_related(
            "installments",
            Prefetch(
                "accountabilities",
                queryset=Accountability.objects.prefetch_related(_open_diligences()),
            ),
        )
        .order_by("-starts_on", "-pk")
    )


def entity_open_sanctions(*, entity) -> QuerySet[Sanction]:
    """Sanction files waiting for the entity's defence, and those applied."""
    return Sanction.objects.filter(
        entity=entity, status__in=(Sanction.Status.DEFENCE, Sanction.Status.APPLIED)
    ).select_related("partnership")


def partnership_private(*, pk: int) -> Partnership:
    """One partnership with everything its private page shows."""
    return (
        Partnership.objects.select_related("entity", "body", "gestor", "council")
        .prefetch_related(
            "goals",
            "installments",
            "team",
            "changes",
            "monitoring",
            Prefetch(
                "documents",
                queryset=PartnershipDocument.objects.order_by("kind", "uploaded_at"),
            ),
            Prefetch(
                "accountabilities",
                queryset=Accountability.objects.prefetch_related(
                    "diligences", "documents"
                ),
            ),
        )
        .get(pk=pk)
    )


def next_deadlines(partnership: Partnership) -> list[Due]:
    """Open deadlines of the partnership, soonest first (from prefetched rows)."""
    from django.urls import reverse

    found: list[Due] = []
    for accountability in partnership.accountabilities.all():
        if accountability.status == A.PENDING:
            found.append(
                Due(
                    _("Apresentar a prestação de contas (%(kind)s)")
                    % {"kind": accountability.get_kind_display().lower()},
                    accountability.due_on,
                    reverse(
                        "partnerships:entity_accounts_present",
                        kwargs={"pk": accountability.pk},
                    ),
                )
            )
        for diligence in getattr(accountability, "open_diligences", None) or [
            d for d in accountability.diligences.all() if d.answered_on is None
        ]:
            found.append(
                Due(
                    _("Responder à diligência"),
                    diligence.due_on,
                    reverse(
                        "partnerships:entity_diligence_answer",
                        kwargs={"pk": accountability.pk},
                    ),
                )
            )
    for installment in partnership.installments.all():
        if installment.status == installment.Status.SCHEDULED:
            found.append(
                Due(
                    _("%(n)sª parcela prevista") % {"n": installment.number},
                    installment.due_on,
                )
            )
            break
    return sorted(found, key=lambda due: due.due_on)

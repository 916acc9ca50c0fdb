"""The admin home panel "Parcerias: o que vence nesta semana": appeals to
decide, parcelas to release, accounts to analyse and overdue accounts.
Shown only to the SRSC team; four small queries, whatever the data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..models import Accountability, Appeal, Installment, Partnership
from ..rules import is_manager

A = Accountability.Status
WEEK = dt.timedelta(days=7)
LIMIT = 10


def due_this_week(today: dt.date) -> dict:
    """What staff must act on this week (the first LIMIT of each)."""
    soon = today + WEEK
    return {
        "appeals": list(
            Appeal.objects.filter(outcome=Appeal.Outcome.PENDING)
            .select_related("proposal__entity", "proposal__call")
            .order_by("filed_at")[:LIMIT]
        ),
        "installments": list(
            Installment.objects.filter(
                status=Installment.Status.SCHEDULED,
                due_on__lte=soon,
                partnership__status=Partnership.Status.EXECUTING,
            )
            .select_related("partnership__entity")
            .order_by("due_on")[:LIMIT]
        ),
        "to_analyse": list(
            Accountability.objects.filter(status=A.PRESENTED)
            .select_related("partnership__entity")
            .order_by("analysis_due_on")[:LIMIT]
        ),
        "overdue": list(
            Accountability.objects.filter(
                Q(status=A.PENDING, due_on__lt=today)
                | Q(status__in=(A.PRESENTED, A.DILIGENCE), analysis_due_on__lt=today)
            )
            .select_related("partnership__entity")
            .order_by("due_on")[:LIMIT]
        ),
    }


class DueThisWeekPanel(Component):
    name = "partnerships_due"
    template_name = "partnerships/admin/home_panel.html"
    order = 150

    def __init__(self, today: dt.date | None = None):
        self.today = today or timezone.localdate()

    def get_context_data(self, parent_context=None):
        return {"today": self.today, **due_this_week(self.today)}


def add_panel(request, panels) -> None:
    """`construct_homepage_panels`: the SRSC team sees the panel."""
    if is_manager(request.user):
        panels.append(DueThisWeekPanel())

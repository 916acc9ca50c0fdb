"""Reminders of every open deadline of a partnership: presenting accounts,
their analysis, answering a diligência and the defence in a sanction file.

The entity's representatives and the gestor are told 30 and 7 days before,
on the day and once overdue (PARTNERSHIPS_REMINDER_DAYS). Each reminder's key
is "deadline-<model>-<pk>-<due>-<milestone>", so a job that runs twice, or a
day late, tells nobody twice; a deadline that moves (an extension) starts its
own reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Accountability, Diligence, Sanction
from ..notifications import execution as notices
from .deadlines import reminder_milestone

S = Accountability.Status
# Deadlines further than this are not looked at (the first reminder is at 30).
HORIZON_DAYS = 31


@dataclass(frozen=True)
class Deadline:
    """One open deadline, and who answers for it."""

    model: str
    pk: int
    due_on: dt.date
    label: str
    title: str
    entity_id: int
    gestor_id: int | None
    url: str

    def key(self, milestone: str) -> str:
        return f"deadline-{self.model}-{self.pk}-{self.due_on.isoformat()}-{milestone}"


def open_deadlines(today: dt.date) -> Iterator[Deadline]:
    """Every deadline still open that falls within the reminder horizon or is overdue."""
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    accounts = Accountability.objects.select_related("partnership").filter(
        Q(status=S.PENDING, due_on__lte=horizon)
        | Q(status__in=(S.PRESENTED, S.DILIGENCE), analysis_due_on__lte=horizon)
    )
    for item in accounts:
        partnership = item.partnership
        url = notices.entity_url(partnership)
        common = {
            "pk": item.pk,
            "title": partnership.number,
            "entity_id": partnership.entity_id,
            "gestor_id": partnership.gestor_id,
            "url": url,
        }
        if item.status == S.PENDING:
            yield Deadline(
                model="accountability",
                due_on=item.due_on,
                label=_("A apresentação da prestação de contas (%(kind)s)")
                % {"kind": item.get_kind_display().lower()},
                **common,
            )
        else:
            yield Deadline(
                model="analysis",
                due_on=item.analysis_due_on,
                label=_("A análise da prestação de contas"),
                **common,
            )
    diligences = Diligence.objects.select_related("accountability__partnership").filter(
        answered_on__isnull=True, due_on__lte=horizon
    )
    for diligence in diligences:
        partnership = diligence.accountability.partnership
        yield Deadline(
            model="diligence",
            pk=diligence.pk,
            due_on=diligence.due_on,
            label=_("A resposta à diligência"),
            title=partnership.number,
            entity_id=partnership.entity_id,
            gestor_id=partnership.gestor_id,
            url=notices.entity_url(partnership),
        )
    sanctions = Sanction.objects.select_related("entity", "partnership").filter(
        status=Sanction.Status.DEFENCE,
        defence_submitted_on__isnull=True,
        defence_due_on__lte=horizon,
    )
    for sanction in sanctions:
        yield Deadline(
            model="sanction",
            pk=sanction.pk,
            due_on=sanction.defence_due_on,
            label=_("A defesa no processo de sanção"),
            title=sanction.entity.display_name,
            entity_id=sanction.entity_id,
            gestor_id=sanction.partnership.gestor_id if sanction.partnership else None,
            url=reverse("partnerships:entity_sanction", kwargs={"pk": sanction.pk}),
        )


def deadline_reminders_send(today: dt.date | None = None) -> int:
    """Send the reminder each open deadline is owed today; returns how many
    deadlines were looked at with a reminder owed (sent now or before)."""
    today = today or timezone.localdate()
    owed = 0
    for deadline in open_deadlines(today):
        milestone = reminder_milestone(deadline.due_on, today)
        if milestone is None:
            continue
        owed += 1
        notices.deadline_reminder(
            people=notices.people_of(deadline.entity_id, deadline.gestor_id),
            title=deadline.title,
            what=notices.reminder_text(deadline.label, deadline.due_on, milestone),
            key=deadline.key(milestone),
            url=deadline.url,
        )
    return owed

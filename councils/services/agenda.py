"""The annual calendar of ordinary meetings, and withdrawing an item from the
pauta. Both are recorded in the meeting log."""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.workflow import NOTE_MAX_LENGTH

from ..models import AgendaItem, Council, Meeting
from .meetings import workflow

S = Meeting.Status
K = Meeting.Kind


def plan_calendar(
    council: Council, year: int, dates: list[date], actor, *, at: time | None = None
) -> list[Meeting]:
    """Create the year's ordinary meetings (status planned) on these days, at
    `at` (14h by default); days already holding an ordinária are skipped."""
    if not actor.has_perm("councils.plan_calendar", council):
        raise PermissionDenied
    at = at or time(14, 0)
    wrong = [day for day in dates if day.year != year]
    if not dates:
        raise ValidationError({"dates": _("Informe pelo menos uma data.")})
    if wrong:
        raise ValidationError(
            {
                "dates": _("Estas datas não são de %(year)s: %(dates)s.")
                % {
                    "year": year,
                    "dates": ", ".join(day.strftime("%d/%m/%Y") for day in wrong),
                }
            }
        )
    zone = timezone.get_default_timezone()
    with transaction.atomic():
        Council.objects.select_for_update().filter(pk=council.pk).first()
        taken = {
            timezone.localtime(moment).date()
            for moment in council.meetings.filter(
                kind=K.ORDINARY, starts_at__year=year
            ).values_list("starts_at", flat=True)
        }
        created = []
        for day in sorted(set(dates) - taken):
            meeting = Meeting.objects.create(
                council=council,
                kind=K.ORDINARY,
                starts_at=datetime.combine(day, at, tzinfo=zone),
            )
            workflow.record(meeting, action="plan", actor=actor)
            created.append(meeting)
    return created


def withdraw_item(item: AgendaItem, *, actor, note: str = "") -> AgendaItem:
    """Take an item off the pauta (it stays in the record as withdrawn)."""
    with transaction.atomic():
        locked = (
            AgendaItem.objects.select_for_update()
            .select_related("meeting__council")
            .get(pk=item.pk)
        )
        meeting = locked.meeting
        if not actor.has_perm("councils.record_vote", meeting):
            raise PermissionDenied
        if meeting.status == S.CANCELLED or locked.result != AgendaItem.Result.PENDING:
            raise ValidationError(
                _(
                    "Só um item ainda não votado, de uma reunião não cancelada, pode ser retirado de pauta."
                )
            )
        locked.result = AgendaItem.Result.WITHDRAWN
        locked.save(update_fields=["result"])
        workflow.record(
            meeting,
            action="withdraw_item",
            actor=actor,
            note=(note or "").strip()[:NOTE_MAX_LENGTH],
            data={"item": locked.pk, "title": locked.title},
        )
    return locked

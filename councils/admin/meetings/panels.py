"""The admin home panel "Conselhos: o que fazer": for each council the person
runs, the planned meetings due to be convened within the notice window, the
held meetings whose ata waits for approval or publication, and the members
at an absence limit. Only the person's councils; nothing for anyone else."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from ...models import Meeting
from ...rules import councils_run_by
from ...services.absences import absence_status

S, M = Meeting.Status, Meeting.Minutes
# How far past the notice period a planned meeting still shows as due.
WINDOW = timedelta(days=7)


@dataclass
class Due:
    council: object
    to_convene: list = field(default_factory=list)
    minutes: list = field(default_factory=list)
    absences: list = field(default_factory=list)
    absences_url: str = ""

    @property
    def empty(self) -> bool:
        return not (self.to_convene or self.minutes or self.absences)


def due_for(user, now=None) -> list[Due]:
    """What is due in each council the person runs (queries per council)."""
    now = now or timezone.now()
    result = []
    for council in councils_run_by(user).order_by("acronym"):
        horizon = now + timedelta(days=council.ordinary_notice_days) + WINDOW
        meetings = list(
            Meeting.objects.filter(
                council=council,
                status=S.PLANNED,
                starts_at__gt=now,
                starts_at__lte=horizon,
            ).order_by("starts_at")[:10]
        )
        minutes = list(
            Meeting.objects.filter(
                council=council,
                status=S.HELD,
                minutes_status__in=[M.NONE, M.DRAFT, M.APPROVED],
            ).order_by("starts_at")[:10]
        )
        due = Due(
            council,
            to_convene=[
                (m, reverse("councils_meetings:convene", args=[m.pk])) for m in meetings
            ],
            minutes=[
                (m, reverse("councils_meetings:minutes", args=[m.pk])) for m in minutes
            ],
            absences=absence_status(council, now=now, only_at_limit=True),
            absences_url=reverse("councils_meetings:absences", args=[council.pk]),
        )
        if not due.empty:
            result.append(due)
    return result


class CouncilsDuePanel(Component):
    name = "councils_due"
    template_name = "councils/admin/meetings/due_panel.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"due": due_for(self.user)}


@hooks.register("construct_homepage_panels")
def add_councils_due_panel(request, panels):
    if councils_run_by(request.user).exists():
        panels.append(CouncilsDuePanel(request.user))

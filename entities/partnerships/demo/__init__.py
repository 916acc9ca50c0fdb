"""Demonstration partnerships for `make run` (issue 10, item 9):

- the CMDCA's chamamento of the FIA, published, with proposals from three
  approved demo entities, scored by a committee whose members declared,
  its preliminary result published and in its appeal window, one appeal
  pending;
- a concluded chamamento of the SEMAS (monitored by the CMAS) and the termo
  de fomento it produced, signed, extrato published and in execution, with
  metas, two parcelas (the first released), the team paid with its money,
  the gestora and the comissão de monitoramento;
- a closed acordo de cooperação (no money) whose final accounts were
  approved as regular.

Everything goes through the real services with explicit moments relative to
today (every service takes `now`), so the logs, deadlines, scores and
states are the platform's own. Idempotent: each chamamento is found by its
slug and each partnership by its object and entity, and made only once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from entities.demo import ensure_demo_entity

from ..models import Call, Partnership
from . import people
from .calls import Timeline, walk_call
from .execution import ensure_cooperation, ensure_fomento
from .texts import CITROLANDIA, COOPERATION, ELDERLY_CALL, FIA_CALL, entity_spec

__all__ = ["DemoPartnerships", "ensure_demo_partnerships"]


@dataclass
class DemoPartnerships:
    created: list = field(default_factory=list)
    # (label, email, password) of the logins to print.
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def _moments(today: dt.date):
    """`at(days_ago, hour=10)`: an aware moment that many days before today."""

    def at(days: float, hour: int = 10) -> dt.datetime:
        day = today - dt.timedelta(days=int(days))
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))

    return at


@transaction.atomic
def ensure_demo_partnerships(*, staff, citizen) -> DemoPartnerships:
    """Create the demo's chamamentos and partnerships once (see the module)."""
    at = _moments(timezone.localdate())
    report = DemoPartnerships(logins=people.logins())
    if not Call.objects.filter(slug=FIA_CALL.slug).exists():
        # Published 40 days ago with 32 days for proposals (art. 26: at least
        # 30); the preliminary result yesterday, so its 5-day window is open.
        timeline = Timeline(
            published=at(40),
            proposals_end=at(8, hour=18),
            closed=at(7),
            preliminary=at(1),
            appeal_filed=at(0, hour=9) - dt.timedelta(hours=12),
        )
        report.created.append(
            walk_call(FIA_CALL, timeline, staff=staff, citizen=citizen)
        )
    if not Call.objects.filter(slug=ELDERLY_CALL.slug).exists():
        timeline = Timeline(
            published=at(150),
            proposals_end=at(115, hour=18),
            closed=at(114),
            preliminary=at(110),
            homologated=at(104),
        )
        call = walk_call(ELDERLY_CALL, timeline, staff=staff, citizen=citizen)
        report.created.extend([call, ensure_fomento(call, at, staff=staff)])
    if not Partnership.objects.filter(object=COOPERATION["object"]).exists():
        entity, _created = ensure_demo_entity(
            entity_spec(CITROLANDIA),
            representative=citizen,
            reviewer=staff,
            seq=CITROLANDIA,
        )
        report.created.append(ensure_cooperation(at, staff=staff, entity=entity))
    return report

"""Demands, opened through the service so each has its protocol and deadline."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group
from django.utils import timezone

from civic.dialogue.models import BodyMember, Demand
from civic.dialogue.services.demands import demand_open
from consultations.models import Body

# A fixed moment: Monday 2 March 2026, 10:00 in Betim.
NOW = dt.datetime(2026, 3, 2, 13, 0, tzinfo=dt.UTC)


def open_demand(
    by, *, kind: str = Demand.Kind.REQUEST, now: dt.datetime = NOW, **kwargs
) -> Demand:
    """A demand received at `now` (anonymous when `by` is None)."""
    from django.contrib.auth.models import AnonymousUser

    opened = demand_open(
        by=by or AnonymousUser(),
        kind=kind,
        subject=kwargs.pop("subject", "Poda de árvore na praça"),
        text=kwargs.pop("text", "A árvore da praça está caindo sobre a calçada."),
        now=now,
        **kwargs,
    )
    opened.demand.secret = opened.code
    return opened.demand


def body_staff(user, body: Body) -> BodyMember:
    """Make `user` staff of `body`, with access to the Wagtail admin."""
    user.groups.add(Group.objects.get(name="Servidores de órgãos"))
    return BodyMember.objects.create(body=body, user=user, added_at=timezone.now())

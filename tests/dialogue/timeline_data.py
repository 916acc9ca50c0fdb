"""A relationship history of any length: one item of every kind, then
contacts, registry events and partnership steps until `total` items."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from civic.dialogue.models import Contact
from councils.models import Segment
from entities.models import EntityEvent
from entities.partnerships.models import PartnershipLog, Proposal
from tests.factories.councils import MandateFactory, SeatFactory
from tests.factories.dialogue import open_demand
from tests.factories.entities import RepresentativeFactory
from tests.factories.partnerships import PartnershipFactory, ProposalFactory

SINGLES = 4  # demand, mandate, proposal, partnership


def history(entity, *, by, total: int) -> None:
    now = timezone.now()
    today = timezone.localdate()
    if not entity.representatives.filter(user=by).exists():
        RepresentativeFactory(entity=entity, user=by, is_primary=False)
        by.__dict__.pop("_dialogue_entities", None)
    open_demand(by, on_behalf_of=entity, now=now)
    MandateFactory(
        seat=SeatFactory(segment=Segment.ENTITIES), entity=entity, starts_on=today
    )
    ProposalFactory(entity=entity, status=Proposal.Status.SUBMITTED, submitted_at=now)
    partnership = PartnershipFactory(entity=entity)
    rest = total - SINGLES
    contacts = rest - 2 * (rest // 3)
    Contact.objects.bulk_create(
        Contact(
            entity=entity,
            kind=Contact.Kind.MEETING,
            date=today - dt.timedelta(days=i),
            subject=f"Reunião {i}",
            internal=f"Nota interna {i}",
        )
        for i in range(contacts)
    )
    EntityEvent.objects.bulk_create(
        EntityEvent(
            entity=entity,
            action="edit",
            from_status="approved",
            to_status="approved",
            created_at=now - dt.timedelta(days=i, hours=1),
        )
        for i in range(rest // 3)
    )
    PartnershipLog.objects.bulk_create(
        PartnershipLog(
            partnership=partnership,
            action="sign",
            from_status="planning",
            to_status="signed",
            created_at=now - dt.timedelta(days=i, hours=2),
        )
        for i in range(rest // 3)
    )

"""What the election tests share: an election at a known moment, entities
with representatives, and a quick way through the phases."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from councils.models import Candidacy, Election, Segment, Vacancy
from councils.services.candidacies import candidacy_workflow
from councils.services.elections import workflow
from tests.factories.accounts import UserFactory
from tests.factories.councils import ElectionFactory, approved_entity
from tests.factories.entities import RepresentativeFactory

T0 = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
DAY = dt.timedelta(days=1)
S = Election.Status
C = Candidacy.Status


def make_election(council, *, seats: int = 1, segments=(Segment.ENTITIES,), **kw):
    """A draft election whose inscriptions run T0..T0+10d, voting T0+20d..21d."""
    fields = {
        "council": council,
        "candidacy_starts_at": T0,
        "candidacy_ends_at": T0 + 10 * DAY,
        "voting_starts_at": T0 + 20 * DAY,
        "voting_ends_at": T0 + 21 * DAY,
    }
    fields.update(kw)
    election = ElectionFactory(**fields)
    for segment in segments:
        Vacancy.objects.create(election=election, segment=segment, seats=seats)
    return election


def entity_with_rep(**fields):
    """An approved, regular entity and its representative (a user)."""
    entity = approved_entity(**fields)
    rep = UserFactory()
    RepresentativeFactory(entity=entity, user=rep)
    return entity, rep


def candidacy(election, *, segment=Segment.ENTITIES, status=C.HABILITATED, **kw):
    """A candidacy straight in a status (the workflow is tested elsewhere)."""
    entity, rep = kw.pop("entity", None), None
    if entity is None:
        entity, rep = entity_with_rep()
    return Candidacy.objects.create(
        election=election,
        entity=entity,
        segment=segment,
        nominee=kw.pop("nominee", None) or rep or UserFactory(),
        status=status,
        **kw,
    )


def to_voting(election, actor):
    """Open, publish the habilitation and open the voting at their moments."""
    workflow.run(election.pk, "open", actor=actor, now=T0)
    for c in election.candidacies.filter(status=C.SUBMITTED):
        candidacy_workflow.run(c.pk, "habilitate", actor=actor, now=T0 + DAY)
    workflow.run(election.pk, "publish_habilitation", actor=actor, now=T0 + 11 * DAY)
    workflow.run(election.pk, "open_voting", actor=actor, now=T0 + 20 * DAY)
    election.refresh_from_db()
    return election

"""The secret ballot: each eligible entity votes once per segment.

A `Ballot` row records that the entity voted in the segment (and the day and
channel); the choice only adds one to `Candidacy.votes`, with an F() update
in the same transaction. Nothing, no column and no log entry, links the two:
the ballot is not logged at all, and it keeps a day, not a time.

A second vote is refused under the election's row lock and, should two
requests race past it, by the unique constraint (`refuse_duplicate`).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.workflow import refuse_duplicate

from ..models import Ballot, Candidacy, Election
from .elections import eligibility_refusal, when

ALREADY_VOTED = gettext_lazy(
    "Esta entidade já votou neste segmento: o voto é um só e não pode ser mudado."
)


def voting_refusal(election: Election, now: datetime) -> str:
    """Why the election takes no vote now ("" when it does)."""
    if election.status != Election.Status.VOTING:
        return _("A votação desta eleição não está aberta.")
    if now < election.voting_starts_at:
        return _("A votação começa em %(when)s.") % {
            "when": when(election.voting_starts_at)
        }
    if now >= election.voting_ends_at:
        return _("A votação terminou em %(when)s.") % {
            "when": when(election.voting_ends_at)
        }
    return ""


def has_voted(election: Election, segment: str, entity) -> bool:
    """Whether the entity already voted in this segment."""
    return Ballot.objects.filter(
        election=election, segment=segment, voter=entity
    ).exists()


def cast_ballot(
    election: Election,
    segment: str,
    voter_entity,
    candidacy: Candidacy,
    actor,
    *,
    channel: str = Ballot.Channel.ONLINE,
    now: datetime | None = None,
) -> Ballot:
    """Record that the entity voted in the segment and add its vote to the
    candidacy: online by its representative within the voting window, or at
    the assembly by staff (`channel="assembleia"`)."""
    now = now or timezone.now()
    with refuse_duplicate(str(ALREADY_VOTED)), transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if channel == Ballot.Channel.ASSEMBLY:
            allowed = actor.has_perm("councils.record_ballot_election", election)
        else:
            allowed = actor.has_perm("councils.act_for_entity", voter_entity)
        if not allowed:
            raise PermissionDenied
        refusal = voting_refusal(election, now)
        if refusal:
            raise ValidationError(refusal, code="closed")
        voter_entity.refresh_from_db()
        refusal = eligibility_refusal(voter_entity)
        if refusal:
            raise ValidationError({"voter": refusal}, code="not_eligible")
        if not election.vacancies.filter(segment=segment).exists():
            raise ValidationError(
                {"segment": _("Esta eleição não tem vagas neste segmento.")}
            )
        valid = Candidacy.objects.filter(
            pk=getattr(candidacy, "pk", None),
            election=election,
            segment=segment,
            status=Candidacy.Status.HABILITATED,
        )
        if not valid.exists():
            raise ValidationError(
                {"candidacy": _("Escolha uma candidatura habilitada deste segmento.")}
            )
        if has_voted(election, segment, voter_entity):
            raise ValidationError({"candidacy": ALREADY_VOTED}, code="duplicate")
        ballot = Ballot.objects.create(
            election=election,
            segment=segment,
            voter=voter_entity,
            cast_by=actor,
            channel=channel,
            cast_on=timezone.localdate(now),
        )
        valid.update(votes=F("votes") + 1)
    return ballot

"""The count and the nomination of an election (called by its workflow, under
the election's row lock).

The count ranks the habilitated candidacies of each segment by votes; a tie
is broken by the election's criterion (by default the older approval in the
registry, then the older foundation; or the other way round), and every tie
broken is written in the count's log entry. Of a segment with N vacancies,
ranks 1..N are elected titulares and N+1..2N suplentes.

The nomination fills the council's seats of each segment, in position order
(creating seats when there are fewer): seat i gets the i-th titular's
nominee as titular and the i-th suplente's nominee as suplente (or, with no
i-th suplente, the alternate the titular entity named). The seats' current
mandates end the day before the gestão starts: history is kept.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from ..models import Candidacy, Election, Mandate, Seat, Term

C = Candidacy.Status
FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)
LAST_DAY = dt.date.max


def _older_registration(candidacy: Candidacy) -> tuple:
    entity = candidacy.entity
    return (
        entity.approved_at or FAR_FUTURE,
        entity.founded_on or LAST_DAY,
        entity.pk,
    )


def _older_foundation(candidacy: Candidacy) -> tuple:
    entity = candidacy.entity
    return (
        entity.founded_on or LAST_DAY,
        entity.approved_at or FAR_FUTURE,
        entity.pk,
    )


TIE_BREAKS = {
    Election.TieBreak.OLDER_REGISTRATION: _older_registration,
    Election.TieBreak.OLDER_FOUNDATION: _older_foundation,
}


def rank_segment(candidacies: list[Candidacy], tie_break: str) -> list[Candidacy]:
    """Most votes first; equal votes in the tie-break order."""
    criterion = TIE_BREAKS[tie_break]
    return sorted(candidacies, key=lambda c: (-c.votes, *criterion(c)))


def count_votes(election: Election) -> dict:
    """Rank each segment and mark who is elected; returns what the log keeps
    (totals per segment and the ties broken, by entity name)."""
    vacancies = {v.segment: v.seats for v in election.vacancies.all()}
    Candidacy.objects.filter(election=election).update(rank=None, elected_as="")
    habilitated = (
        Candidacy.objects.filter(election=election, status=C.HABILITATED)
        .select_related("entity")
        .order_by("segment", "pk")
    )
    ties, totals = [], {}
    for segment, group in groupby(habilitated, key=lambda c: c.segment):
        ranked = rank_segment(list(group), election.tie_break)
        seats = vacancies.get(segment, 0)
        totals[segment] = sum(c.votes for c in ranked)
        for rank, candidacy in enumerate(ranked, start=1):
            candidacy.rank = rank
            if rank <= seats:
                candidacy.elected_as = Mandate.Role.TITULAR
            elif rank <= 2 * seats:
                candidacy.elected_as = Mandate.Role.ALTERNATE
        Candidacy.objects.bulk_update(ranked, ["rank", "elected_as"])
        for votes, tied in groupby(ranked, key=lambda c: c.votes):
            tied = list(tied)
            if len(tied) > 1:
                ties.append(
                    {
                        "segment": segment,
                        "votes": votes,
                        "order": [c.entity.name for c in tied],
                        "criterion": election.tie_break,
                    }
                )
    return {"totals": totals, "ties": ties}


def _elected(election: Election, segment: str, role: str) -> list[Candidacy]:
    return list(
        Candidacy.objects.filter(
            election=election, segment=segment, elected_as=role
        ).order_by("rank")
    )


def _seats_for(election: Election, segment: str, count: int) -> list[Seat]:
    """The council's active seats of the segment in position order, creating
    the missing ones."""
    seats = list(
        Seat.objects.select_for_update()
        .filter(council=election.council, segment=segment, is_active=True)
        .order_by("position", "pk")[:count]
    )
    last = (
        Seat.objects.filter(council=election.council).aggregate(Max("position"))[
            "position__max"
        ]
        or 0
    )
    while len(seats) < count:
        last += 1
        seats.append(
            Seat.objects.create(
                council=election.council,
                segment=segment,
                position=last,
                label=_("%(segment)s, vaga %(n)s")
                % {
                    "segment": Seat(segment=segment).get_segment_display(),
                    "n": len(seats) + 1,
                },
            )
        )
    return seats


def _end_current(seat: Seat, term: Term) -> None:
    """End the seat's current mandates the day before the gestão starts."""
    for mandate in Mandate.objects.select_for_update().filter(
        seat=seat, ends_on__isnull=True
    ):
        mandate.ends_on = max(mandate.starts_on, term.starts_on - dt.timedelta(days=1))
        mandate.end_reason = Mandate.EndReason.TERM_END
        mandate.save(update_fields=["ends_on", "end_reason"])


def _check_people_free(election: Election, plan, seats: list[Seat]) -> None:
    """Refuse (by name) a person who holds another current seat of the council,
    which the database would refuse anyway."""
    people = {person.pk: person for _seat, _role, person, _entity in plan}
    busy = (
        Mandate.objects.filter(
            council=election.council, person_id__in=people, ends_on__isnull=True
        )
        .exclude(seat__in=seats)
        .select_related("person")
    )
    names = sorted({m.person.display_name for m in busy})
    if names:
        raise ValidationError(
            _(
                "Já ocupa(m) outro assento neste conselho: %(names)s. Encerre "
                "esse mandato antes de nomear."
            )
            % {"names": ", ".join(names)}
        )
    if len(people) < len(plan):
        raise ValidationError(
            _("A mesma pessoa foi indicada para dois assentos: confira as indicações.")
        )


def fill_seats(election: Election, term: Term) -> dict:
    """Give each elected candidacy its mandate in the gestão; returns what
    the log keeps (seat and entity of each mandate)."""
    plan, all_seats = [], []
    for vacancy in election.vacancies.all():
        titulars = _elected(election, vacancy.segment, Mandate.Role.TITULAR)
        alternates = _elected(election, vacancy.segment, Mandate.Role.ALTERNATE)
        if not titulars:
            continue
        seats = _seats_for(election, vacancy.segment, len(titulars))
        all_seats.extend(seats)
        for index, (seat, titular) in enumerate(zip(seats, titulars, strict=False)):
            plan.append((seat, Mandate.Role.TITULAR, titular.nominee, titular.entity))
            if index < len(alternates):
                alternate = alternates[index]
                plan.append(
                    (
                        seat,
                        Mandate.Role.ALTERNATE,
                        alternate.nominee,
                        alternate.entity,
                    )
                )
            elif titular.alternate_nominee_id:
                plan.append(
                    (
                        seat,
                        Mandate.Role.ALTERNATE,
                        titular.alternate_nominee,
                        titular.entity,
                    )
                )
    if not plan:
        raise ValidationError(_("Nenhuma candidatura foi eleita: não há quem nomear."))
    _check_people_free(election, plan, all_seats)
    for seat in all_seats:
        _end_current(seat, term)
    mandates = []
    for seat, role, person, entity in plan:
        mandates.append(
            Mandate.objects.create(
                seat=seat,
                term=term,
                role=role,
                person=person,
                entity=entity,
                starts_on=term.starts_on,
            )
        )
    return {
        "term": term.pk,
        "mandates": [
            {"seat": m.seat_id, "role": m.role, "entity": m.entity_id} for m in mandates
        ],
    }

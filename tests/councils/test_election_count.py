"""The count (ranks, titulares and suplentes, the tie-break both ways, the
ties written in the log) and the nomination (seats filled, history kept)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from councils.models import ElectionLog, Mandate, Seat, Term
from councils.services.elections import workflow
from entities.models import Entity

from .election_helpers import DAY, T0, S, candidacy, entity_with_rep, make_election

pytestmark = pytest.mark.django_db
AFTER = T0 + 22 * DAY


def voted(election, votes, **entity_fields):
    """A habilitated candidacy with `votes`, its entity given registry dates."""
    entity, rep = entity_with_rep()
    if entity_fields:
        Entity.objects.filter(pk=entity.pk).update(**entity_fields)
    return candidacy(election, entity=entity, nominee=rep, votes=votes)


def ranks(election):
    return [
        (c.entity_id, c.rank, c.elected_as)
        for c in election.candidacies.order_by("segment", "rank")
    ]


def test_top_n_titulares_next_n_suplentes(council, secretary):
    election = make_election(council, seats=2, status=S.VOTING)
    cands = [voted(election, v) for v in (5, 9, 1, 7, 3)]
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    by_votes = sorted(cands, key=lambda c: -c.votes)
    for candidacy_, (rank, role) in zip(
        by_votes,
        [(1, "titular"), (2, "titular"), (3, "suplente"), (4, "suplente"), (5, "")],
        strict=True,
    ):
        candidacy_.refresh_from_db()
        assert (candidacy_.rank, candidacy_.elected_as) == (rank, role)


def _tie(election):
    old = timezone.now() - dt.timedelta(days=3000)
    recent = timezone.now() - dt.timedelta(days=30)
    # Older in the registry but founded later...
    a = voted(election, 4, approved_at=old, founded_on=dt.date(2015, 1, 1))
    # ...newer in the registry but founded earlier.
    b = voted(election, 4, approved_at=recent, founded_on=dt.date(1990, 1, 1))
    return a, b


def test_tie_broken_by_older_registration_by_default(council, secretary):
    election = make_election(council, status=S.VOTING)
    a, b = _tie(election)
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.rank, a.elected_as, b.rank, b.elected_as) == (1, "titular", 2, "suplente")
    log = ElectionLog.objects.get(election=election, action="count")
    assert log.data["ties"] == [
        {
            "segment": "entidades",
            "votes": 4,
            "order": [a.entity.name, b.entity.name],
            "criterion": "cadastro",
        }
    ]


def test_tie_broken_by_older_foundation(council, secretary):
    election = make_election(council, status=S.VOTING, tie_break="fundacao")
    a, b = _tie(election)
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (b.rank, a.rank) == (1, 2)
    log = ElectionLog.objects.get(election=election, action="count")
    assert log.data["ties"][0]["order"] == [b.entity.name, a.entity.name]


def test_only_habilitated_are_ranked(council, secretary):
    election = make_election(council, status=S.VOTING)
    kept = voted(election, 1)
    gone = candidacy(election, status="withdrawn", votes=0)
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.rank, gone.rank, gone.elected_as) == (1, None, "")


@pytest.fixture
def counted(council, secretary):
    """One vacancy of entities (2 seats): 4 candidacies counted."""
    election = make_election(council, seats=2, status=S.VOTING)
    cands = [voted(election, v) for v in (10, 8, 6, 4)]
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    return election, cands


@pytest.fixture
def next_term(council):
    current = Term.objects.get(council=council)
    return Term.objects.create(
        council=council,
        starts_on=current.ends_on,
        ends_on=current.ends_on + dt.timedelta(days=730),
        act_number="1.234/2026",
    )


def test_nomination_fills_the_seats_and_keeps_history(
    council, secretary, counted, next_term
):
    election, (t1, t2, s1, s2) = counted
    seats = list(
        Seat.objects.filter(council=council, segment="entidades").order_by(
            "position", "pk"
        )
    )
    old = list(Mandate.objects.filter(seat__in=seats[:2], ends_on__isnull=True))
    assert len(old) == 4
    election = workflow.run(
        election.pk, "nominate", actor=secretary, now=AFTER, term=next_term
    )
    assert election.status == S.NOMINATED
    assert election.term == next_term
    for mandate in old:
        mandate.refresh_from_db()
        assert mandate.ends_on == next_term.starts_on - dt.timedelta(days=1)
        assert mandate.end_reason == Mandate.EndReason.TERM_END
    new = Mandate.objects.filter(term=next_term)
    assert {(m.seat_id, m.role, m.person_id, m.entity_id) for m in new} == {
        (seats[0].pk, "titular", t1.nominee_id, t1.entity_id),
        (seats[0].pk, "suplente", s1.nominee_id, s1.entity_id),
        (seats[1].pk, "titular", t2.nominee_id, t2.entity_id),
        (seats[1].pk, "suplente", s2.nominee_id, s2.entity_id),
    }
    # The third civil-society seat keeps its holders.
    assert Mandate.objects.filter(seat=seats[2], ends_on__isnull=True).count() == 2


def test_nomination_creates_missing_seats(council, secretary, next_term):
    election = make_election(council, seats=2, status=S.VOTING, segments=("usuarios",))
    first, second = voted(election, 3), voted(election, 2)
    first.segment = second.segment = "usuarios"
    first.save()
    second.save()
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    workflow.run(election.pk, "nominate", actor=secretary, now=AFTER, term=next_term)
    seats = Seat.objects.filter(council=council, segment="usuarios")
    assert seats.count() == 2
    assert Mandate.objects.filter(seat__in=seats, role="titular").count() == 2


def test_alternate_nominee_sits_when_no_suplente_was_elected(
    council, secretary, next_term
):
    election = make_election(council, status=S.VOTING)
    entity, rep = entity_with_rep()
    alternate = entity_with_rep()[1]
    entity.representatives.create(user=alternate, is_primary=False)
    only = candidacy(
        election, entity=entity, nominee=rep, alternate_nominee=alternate, votes=1
    )
    workflow.run(election.pk, "count", actor=secretary, now=AFTER)
    workflow.run(election.pk, "nominate", actor=secretary, now=AFTER, term=next_term)
    roles = dict(
        Mandate.objects.filter(term=next_term).values_list("role", "person_id")
    )
    assert roles == {"titular": only.nominee_id, "suplente": alternate.pk}


def test_nomination_needs_a_term_of_the_council_with_its_act(
    council, other_council, secretary, counted, next_term
):
    election, _ = counted
    foreign = Term.objects.get(council=other_council)
    with pytest.raises(ValidationError) as error:
        workflow.run(election.pk, "nominate", actor=secretary, now=AFTER, term=foreign)
    assert "term" in error.value.message_dict
    next_term.act_number = ""
    next_term.save()
    with pytest.raises(ValidationError, match="número do ato"):
        workflow.run(
            election.pk, "nominate", actor=secretary, now=AFTER, term=next_term
        )
    assert not Mandate.objects.filter(term=next_term).exists()


def test_nominee_holding_another_seat_is_refused_by_name(
    council, secretary, counted, next_term
):
    election, (t1, *_rest) = counted
    government = Seat.objects.filter(council=council, segment="governo").first()
    Mandate.objects.filter(seat=government, role="titular").update(
        ends_on=timezone.localdate(), end_reason="renuncia"
    )
    Mandate.objects.create(
        seat=government,
        term=Term.objects.exclude(pk=next_term.pk).get(council=council),
        role="titular",
        person=t1.nominee,
        starts_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match=t1.nominee.display_name):
        workflow.run(
            election.pk, "nominate", actor=secretary, now=AFTER, term=next_term
        )

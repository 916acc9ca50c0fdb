"""The secret ballot: one vote per eligible entity and segment, online or at
the assembly, and nothing that links a ballot to its choice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from councils.models import Ballot, Candidacy, ElectionLog
from councils.services.ballots import cast_ballot
from entities.models import Entity

from .election_helpers import DAY, T0, C, S, candidacy, entity_with_rep, make_election

pytestmark = pytest.mark.django_db
DURING = T0 + 20 * DAY + DAY / 2


@pytest.fixture
def voting(council):
    election = make_election(
        council, status=S.VOTING, segments=("entidades", "usuarios")
    )
    return election


def test_online_vote_counts_once_and_records_only_who_voted(voting):
    choice = candidacy(voting)
    voter, rep = entity_with_rep()
    ballot = cast_ballot(voting, "entidades", voter, choice, rep, now=DURING)
    choice.refresh_from_db()
    assert choice.votes == 1
    assert (ballot.voter, ballot.segment, ballot.channel) == (
        voter,
        "entidades",
        "online",
    )
    assert ballot.cast_on == DURING.date()
    with pytest.raises(ValidationError) as error:
        cast_ballot(voting, "entidades", voter, choice, rep, now=DURING)
    assert "já votou neste segmento" in error.value.message_dict["candidacy"][0]
    choice.refresh_from_db()
    assert choice.votes == 1


def test_the_same_entity_votes_in_each_segment(voting):
    entities, users = candidacy(voting), candidacy(voting, segment="usuarios")
    voter, rep = entity_with_rep()
    cast_ballot(voting, "entidades", voter, entities, rep, now=DURING)
    cast_ballot(voting, "usuarios", voter, users, rep, now=DURING)
    assert Ballot.objects.filter(voter=voter).count() == 2


def test_database_refuses_a_second_ballot(voting):
    voter, _rep = entity_with_rep()
    Ballot.objects.create(
        election=voting, segment="entidades", voter=voter, channel="online"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            election=voting, segment="entidades", voter=voter, channel="online"
        )


@pytest.mark.parametrize(
    ("status", "regularity"),
    [(Entity.Status.SUBMITTED, "regular"), (Entity.Status.APPROVED, "expired")],
)
def test_ineligible_entity_cannot_vote(voting, status, regularity):
    choice = candidacy(voting)
    voter, rep = entity_with_rep()
    Entity.objects.filter(pk=voter.pk).update(status=status, regularity=regularity)
    with pytest.raises(ValidationError) as error:
        cast_ballot(voting, "entidades", voter, choice, rep, now=DURING)
    assert "voter" in error.value.message_dict
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("status", [C.SUBMITTED, C.NOT_HABILITATED, C.WITHDRAWN])
def test_choice_must_be_habilitated(voting, status):
    choice = candidacy(voting, status=status)
    voter, rep = entity_with_rep()
    with pytest.raises(ValidationError, match="habilitada"):
        cast_ballot(voting, "entidades", voter, choice, rep, now=DURING)


def test_choice_must_be_of_the_segment(voting):
    choice = candidacy(voting, segment="usuarios")
    voter, rep = entity_with_rep()
    with pytest.raises(ValidationError, match="habilitada deste segmento"):
        cast_ballot(voting, "entidades", voter, choice, rep, now=DURING)


@pytest.mark.parametrize(
    ("now", "message"),
    [(T0 + 19 * DAY, "começa em"), (T0 + 21 * DAY, "terminou em")],
)
def test_outside_the_voting_window(voting, now, message):
    choice = candidacy(voting)
    voter, rep = entity_with_rep()
    with pytest.raises(ValidationError, match=message):
        cast_ballot(voting, "entidades", voter, choice, rep, now=now)


def test_not_in_voting_status(council):
    election = make_election(council, status=S.HABILITATION)
    choice = candidacy(election)
    voter, rep = entity_with_rep()
    with pytest.raises(ValidationError, match="não está aberta"):
        cast_ballot(election, "entidades", voter, choice, rep, now=DURING)


def test_only_its_representative_votes_online(voting, citizen, secretary):
    choice = candidacy(voting)
    voter, _rep = entity_with_rep()
    for person in (citizen, secretary):
        with pytest.raises(PermissionDenied):
            cast_ballot(voting, "entidades", voter, choice, person, now=DURING)


def test_staff_record_a_ballot_at_the_assembly(voting, secretary, other_secretary):
    choice = candidacy(voting)
    voter, rep = entity_with_rep()
    for person in (other_secretary, rep):
        with pytest.raises(PermissionDenied):
            cast_ballot(
                voting,
                "entidades",
                voter,
                choice,
                person,
                channel="assembleia",
                now=DURING,
            )
    ballot = cast_ballot(
        voting, "entidades", voter, choice, secretary, channel="assembleia", now=DURING
    )
    assert ballot.channel == "assembleia"
    assert ballot.cast_by == secretary


def test_secrecy_nothing_links_a_ballot_to_its_choice(voting):
    """No column of Ballot points at a candidacy, Ballot keeps no time, no
    log row is written by voting, and Candidacy keeps no voter."""
    for field in Ballot._meta.concrete_fields:
        assert getattr(field, "related_model", None) is not Candidacy
        assert field.get_internal_type() != "DateTimeField"
    assert not any(
        getattr(f, "related_model", None) is Ballot
        for f in Candidacy._meta.get_fields()
    )
    choice = candidacy(voting)
    voter, rep = entity_with_rep()
    logs = ElectionLog.objects.count()
    cast_ballot(voting, "entidades", voter, choice, rep, now=DURING)
    assert ElectionLog.objects.count() == logs

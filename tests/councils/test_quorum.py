"""Table-driven: installation quorum and the results of votes."""

import pytest

from councils.services.quorum import (
    VoteError,
    installation,
    required_present,
    vote_result,
)


@pytest.mark.parametrize(
    ("rule", "seats", "required"),
    [
        ("absoluta", 12, 7),
        ("absoluta", 13, 7),
        ("absoluta", 1, 1),
        ("um_terco", 12, 4),
        ("um_terco", 13, 5),
        ("um_terco", 2, 1),
        ("qualquer", 20, 1),
    ],
)
def test_required_present(rule, seats, required):
    assert required_present(rule, seats) == required


@pytest.mark.parametrize(
    ("present", "second_call", "reached", "required"),
    [
        (7, False, True, 7),  # absolute majority of 12 at first call
        (6, False, False, 7),
        (6, True, True, 4),  # a third of 12 at second call
        (3, True, False, 4),
    ],
)
def test_installation_first_and_second_call(present, second_call, reached, required):
    quorum = installation(
        present=present,
        voting_seats=12,
        first_rule="absoluta",
        second_rule="um_terco",
        second_call=second_call,
    )
    assert (quorum.reached, quorum.required) == (reached, required)
    assert quorum.call == ("second" if second_call else "first")
    assert quorum.missing == max(0, required - present)


@pytest.mark.parametrize(
    (
        "majority",
        "for_",
        "against",
        "abst",
        "present",
        "casting",
        "allowed",
        "approved",
    ),
    [
        # simple: more for than against among those voting
        ("simples", 5, 4, 3, 12, "", True, True),
        ("simples", 4, 5, 3, 12, "", True, False),
        ("simples", 2, 1, 9, 12, "", True, True),  # abstentions count for neither
        # ties: rejected without a casting vote, decided by it where allowed
        ("simples", 4, 4, 2, 10, "", True, False),
        ("simples", 4, 4, 2, 10, "favor", True, True),
        ("simples", 4, 4, 2, 10, "contra", True, False),
        # absolute: 7 of 12 voting seats, whatever the attendance
        ("absoluta", 7, 1, 0, 8, "", True, True),
        ("absoluta", 6, 0, 2, 8, "", True, False),
        ("absoluta", 6, 6, 0, 12, "favor", True, True),  # 6 + casting = 7
        # qualified: 2/3 of 12 = 8
        ("qualificada", 8, 4, 0, 12, "", True, True),
        ("qualificada", 7, 0, 5, 12, "", True, False),
    ],
)
def test_vote_results(
    majority, for_, against, abst, present, casting, allowed, approved
):
    result = vote_result(
        majority=majority,
        votes_for=for_,
        votes_against=against,
        abstentions=abst,
        present=present,
        voting_seats=12,
        casting_vote=casting,
        casting_vote_allowed=allowed,
    )
    assert result.approved is approved
    assert result.casting_vote_used is bool(casting)


@pytest.mark.parametrize(
    ("for_", "against", "abst", "present", "casting", "allowed", "field"),
    [
        (5, 5, 3, 12, "", True, "votes_for"),  # 13 votes, 12 present
        (5, 4, 0, 12, "favor", True, "casting_vote"),  # no tie
        (4, 4, 0, 12, "favor", False, "casting_vote"),  # regimento gives none
        (-1, 0, 0, 12, "", True, "votes_for"),
    ],
)
def test_impossible_votes_are_refused(
    for_, against, abst, present, casting, allowed, field
):
    with pytest.raises(VoteError) as refused:
        vote_result(
            majority="simples",
            votes_for=for_,
            votes_against=against,
            abstentions=abst,
            present=present,
            voting_seats=12,
            casting_vote=casting,
            casting_vote_allowed=allowed,
        )
    assert refused.value.field == field

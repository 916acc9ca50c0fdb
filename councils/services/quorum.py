"""The arithmetic of a council meeting: installation quorum and vote results.

Pure functions over numbers, so the table-driven tests cover every case and
the admin, the public meeting page and the API all count the same way.

- Installation quorum counts seats present (a suplente present for an absent
  titular fills the seat) against the council's voting seats: absolute
  majority is more than half of them (7 of 12, 7 of 13), one third is at least
  a third (4 of 12, 5 of 13).
- Simple majority: more votes for than against among those who voted
  (abstentions count for neither side).
- Absolute majority: votes for reach more than half of the voting seats.
- Qualified majority: votes for reach two thirds of the voting seats.
- On a tie (as many for as against) the president's casting vote, where the
  regimento gives it, is added to its side before the rule is applied.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ABSOLUTE = "absoluta"
ONE_THIRD = "um_terco"
ANY = "qualquer"
SIMPLE = "simples"
QUALIFIED = "qualificada"
FAVOR, AGAINST = "favor", "contra"


def required_present(rule: str, voting_seats: int) -> int:
    """How many seats must be filled to install the meeting under `rule`."""
    if rule == ABSOLUTE:
        return voting_seats // 2 + 1
    if rule == ONE_THIRD:
        return max(1, math.ceil(voting_seats / 3))
    if rule == ANY:
        return 1
    raise ValueError(f"unknown quorum rule {rule!r}")


@dataclass(frozen=True)
class Quorum:
    present: int
    voting_seats: int
    required: int
    call: str  # "first" or "second"

    @property
    def reached(self) -> bool:
        return self.present >= self.required

    @property
    def missing(self) -> int:
        return max(0, self.required - self.present)


def installation(
    *,
    present: int,
    voting_seats: int,
    first_rule: str,
    second_rule: str,
    second_call: bool,
) -> Quorum:
    """The quorum that applies now: the first call's, or after the second-call
    wait the (usually lower) second call's."""
    rule, call = (second_rule, "second") if second_call else (first_rule, "first")
    return Quorum(present, voting_seats, required_present(rule, voting_seats), call)


class VoteError(ValueError):
    """The counts cannot be right (more votes than people present...)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class VoteResult:
    approved: bool
    votes_for: int
    votes_against: int
    abstentions: int
    required: int  # votes for needed (for simple majority: more than against)
    casting_vote_used: bool


def required_votes(majority: str, voting_seats: int) -> int:
    """Votes for needed under absolute or qualified majority (0 for simple)."""
    if majority == SIMPLE:
        return 0
    if majority == ABSOLUTE:
        return voting_seats // 2 + 1
    if majority == QUALIFIED:
        return math.ceil(2 * voting_seats / 3)
    raise ValueError(f"unknown majority {majority!r}")


def vote_result(
    *,
    majority: str,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    present: int,
    voting_seats: int,
    casting_vote: str = "",
    casting_vote_allowed: bool = True,
) -> VoteResult:
    """Decide an item. Raises `VoteError` when the counts cannot be right."""
    if min(votes_for, votes_against, abstentions) < 0:
        raise VoteError("negative", field="votes_for")
    if votes_for + votes_against + abstentions > present:
        raise VoteError("more_than_present", field="votes_for")
    tie = votes_for == votes_against
    if casting_vote and not tie:
        raise VoteError("casting_without_tie", field="casting_vote")
    if casting_vote and not casting_vote_allowed:
        raise VoteError("casting_not_allowed", field="casting_vote")
    if casting_vote not in ("", FAVOR, AGAINST):
        raise VoteError("casting_unknown", field="casting_vote")
    counted_for = votes_for + (1 if casting_vote == FAVOR else 0)
    counted_against = votes_against + (1 if casting_vote == AGAINST else 0)
    required = required_votes(majority, voting_seats)
    if majority == SIMPLE:
        approved = counted_for > counted_against
    else:
        approved = counted_for >= required and counted_for > counted_against
    return VoteResult(
        approved=approved,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        required=required,
        casting_vote_used=bool(casting_vote),
    )

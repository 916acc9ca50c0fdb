"""30 concurrent votes by the same entity in one segment count once, on
PostgreSQL (the house pattern: one thread and connection per vote, released
together by a barrier)."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from councils.models import Ballot
from councils.services.ballots import cast_ballot
from tests.councils.election_helpers import S, candidacy, entity_with_rep, make_election
from tests.factories.councils import composed_council

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "Row-lock races need PostgreSQL (SQLite locks the whole file); "
            "set DATABASE_URL, as .ci/run does."
        ),
    ),
]
VOTES = 30


def test_thirty_concurrent_votes_of_one_entity_count_once():
    council = composed_council(government=1, civil_society=1)
    now = timezone.now()
    election = make_election(
        council,
        status=S.VOTING,
        candidacy_starts_at=now - dt.timedelta(days=30),
        candidacy_ends_at=now - dt.timedelta(days=20),
        voting_starts_at=now - dt.timedelta(hours=1),
        voting_ends_at=now + dt.timedelta(hours=5),
    )
    choice = candidacy(election)
    voter, rep = entity_with_rep()
    barrier = threading.Barrier(VOTES)
    outcomes, lock = [], threading.Lock()

    def vote():
        try:
            barrier.wait(timeout=60)
            cast_ballot(election, "entidades", voter, choice, rep)
            result = "ok"
        except ValidationError as error:
            result = "refused" if "já votou" in str(error) else repr(error)
        except BaseException as error:  # reported below
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=vote, daemon=True) for _ in range(VOTES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes) == ["ok"] + ["refused"] * (VOTES - 1)
    choice.refresh_from_db()
    assert choice.votes == 1
    assert Ballot.objects.filter(election=election, voter=voter).count() == 1

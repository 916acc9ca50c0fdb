"""Fifty demands opened at the same moment, on PostgreSQL: protocols
SRSC-<year>-000001 to 000050, no gap, no duplicate.

Each opening runs in its own thread and connection, released together by a
barrier, so they race for the year's sequence row (and the first ones to
create it). SQLite serialises writers on the whole file and would prove
nothing. The harness is the registrations' one.
"""

import pytest
from django.db import connection

from civic.dialogue.models import Demand, DemandSequence
from tests.consultations.test_registrations_concurrency import race
from tests.factories.accounts import UserFactory
from tests.factories.dialogue import NOW, open_demand

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
OPENINGS = 50


def test_fifty_concurrent_openings_number_one_to_fifty():
    person = UserFactory(verified_email=False)

    results, errors = race(
        [
            lambda i=i: (
                open_demand(
                    person if i % 2 else None, kind="denuncia", now=NOW
                ).protocol
            )
            for i in range(OPENINGS)
        ]
    )

    assert errors == []
    expected = [f"SRSC-2026-{n:06d}" for n in range(1, OPENINGS + 1)]
    assert sorted(results) == expected
    assert sorted(Demand.objects.values_list("protocol", flat=True)) == expected
    assert DemandSequence.objects.get(prefix="SRSC", year=2026).last_number == OPENINGS

"""Fifty resolutions of one council published at the same moment, on
PostgreSQL: numbers 1..50, no gap, no duplicate.

Each publication runs in its own thread with its own connection, released
together by a barrier, so they really race for the sequence's row lock (and
the first ones race to create the (council, year) row). SQLite serialises
writers on the whole file and would prove nothing. The thread harness is the
registrations' one (tests/consultations/test_registrations_concurrency.py).
"""

import pytest
from django.db import connection

from councils.models import Resolution, ResolutionSequence
from councils.services.resolutions import resolution_publish
from tests.consultations.test_registrations_concurrency import race
from tests.factories.accounts import UserFactory
from tests.factories.councils import CouncilFactory, ResolutionFactory

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
PUBLICATIONS = 50


def test_fifty_concurrent_publications_number_one_to_fifty():
    from django.contrib.auth.models import Group

    council = CouncilFactory()
    staff = UserFactory(verified_email=False)
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    drafts = ResolutionFactory.create_batch(PUBLICATIONS, council=council)
    other = CouncilFactory()
    other_draft = ResolutionFactory(council=other)

    results, errors = race(
        [
            lambda draft=draft: resolution_publish(resolution_id=draft.pk, actor=staff)
            for draft in [*drafts, other_draft]
        ]
    )

    assert errors == []
    numbers = sorted(
        Resolution.objects.filter(council=council).values_list("number", flat=True)
    )
    assert numbers == list(range(1, PUBLICATIONS + 1))
    assert Resolution.objects.get(pk=other_draft.pk).number == 1
    sequence = ResolutionSequence.objects.get(council=council)
    assert sequence.last_number == PUBLICATIONS
    assert {r.number for r in results[:PUBLICATIONS]} == set(numbers)

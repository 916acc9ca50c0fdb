"""Two staff release the same parcela at the same moment, on PostgreSQL:
it is released once, and the other is told it already was."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from entities.partnerships.models import Installment
from entities.partnerships.services.installments import installment_release
from tests.factories.accounts import UserFactory
from tests.factories.partnerships import PartnershipFactory

from .execution_support import executing

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
STAFF = 4


def test_concurrent_releases_release_once():
    from django.contrib.auth.models import Group

    partnership = executing(PartnershipFactory(gestor=UserFactory()))
    installment = partnership.installments.first()
    group = Group.objects.get(name="Equipe SRSC")
    people = []
    for _n in range(STAFF):
        person = UserFactory()
        person.groups.add(group)
        people.append(person)
    barrier = threading.Barrier(STAFF)
    outcomes: list = []
    lock = threading.Lock()

    def release(person):
        try:
            barrier.wait(timeout=30)
            installment_release(installment_id=installment.pk, by=person)
            result = "released"
        except ValidationError as error:
            result = error.messages[0]
        except BaseException as error:  # reported below
            result = error
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=release, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcomes.count("released") == 1, outcomes
    assert all("já foi liberada" in str(o) for o in outcomes if o != "released")
    installment.refresh_from_db()
    assert installment.status == Installment.Status.RELEASED
    assert partnership.log.filter(action="release_installment").count() == 1

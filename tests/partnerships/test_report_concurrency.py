"""Protocol numbers of the art. 12 channel under real concurrency, on
PostgreSQL: 30 reports sent at the same moment get 30 different numbers."""

import threading

import pytest
from django.db import connection, connections

from entities.partnerships.models import IrregularityReport
from entities.partnerships.services.reports import report_receive

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
REPORTS = 30


def test_simultaneous_reports_get_unique_protocols():
    barrier = threading.Barrier(REPORTS)
    errors: list[BaseException] = []

    def send(n: int) -> None:
        try:
            barrier.wait(timeout=60)
            report_receive(description=f"Denúncia simultânea número {n} de teste.")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connection only

    threads = [threading.Thread(target=send, args=(n,)) for n in range(REPORTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    protocols = list(IrregularityReport.objects.values_list("protocol", flat=True))
    assert len(protocols) == len(set(protocols)) == REPORTS
    numbers = sorted(int(p.rsplit("-", 1)[1]) for p in protocols)
    assert numbers == list(range(1, REPORTS + 1))

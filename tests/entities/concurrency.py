"""Running service calls at the same moment, for the PostgreSQL race tests."""

import threading

import pytest
from django.db import connection

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks and concurrent unique checks need PostgreSQL; SQLite serialises writes.",
)


def run_together(*callables):
    """Run callables in threads released at the same moment; return results or errors."""
    barrier = threading.Barrier(len(callables))
    results = [None] * len(callables)

    def runner(index, fn):
        from django.db import connections

        try:
            barrier.wait()
            results[index] = fn()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(callables)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results

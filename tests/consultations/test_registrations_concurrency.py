"""Registrations under real concurrency, on PostgreSQL: 200 people sign up for
50 places at the same moment, then people cancel at the same moment.

Every sign-up runs in its own thread with its own database connection, and a
barrier releases them together, so they really race for the event's row lock
(SQLite serialises writers on the whole file and would prove nothing).

PostgreSQL refuses connections past `max_connections` (100 by default), so the
threads open at most as many connections at once as the server has free
(`_free_connections`); the rest wait for one at the door, as requests wait for
a worker in production. All 200 still start together and contend for the lock.
"""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections

from consultations import services
from consultations.models import Registration
from consultations.selectors.registrations import viewer_registration
from tests.factories.accounts import UserFactory
from tests.factories.consultations import EventFactory

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

R = Registration.Status
PEOPLE = 200
PLACES = 50
# Connections left for the test's own connection, other test runs and psql.
CONNECTION_MARGIN = 10


def _free_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity)"
        )
        free = cursor.fetchone()[0]
    return max(min(free - CONNECTION_MARGIN, PEOPLE), 5)


def race(calls: list[Callable[[], object]]) -> tuple[list, list[BaseException]]:
    """Run each call in its own thread and connection, all released at once.
    Returns (results, errors) in the order of `calls`."""
    barrier = threading.Barrier(len(calls))
    door = threading.BoundedSemaphore(_free_connections())
    results: list = [None] * len(calls)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=60)
            with door:
                try:
                    results[index] = call()
                finally:
                    connections.close_all()  # this thread's connection only
        except BaseException as exc:  # reported by the test
            with lock:
                errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(i, call), daemon=True)
        for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    return results, errors


def counts(event) -> dict[str, int]:
    rows = Registration.objects.filter(event=event).values_list("status", flat=True)
    return {status: list(rows).count(status) for status in R.values}


@pytest.fixture
def full_event():
    """An event with 50 places for which 200 people signed up at once."""
    event = EventFactory(capacity=PLACES)
    # No verified email: the test is about places, not about sending 200 emails.
    people = UserFactory.create_batch(PEOPLE, verified_email=False)
    print(f"\nat most {_free_connections()} connections at once", end="; ")
    started = time.monotonic()
    results, errors = race(
        [
            lambda person=person: services.registration_create(
                event_id=event.pk, user=person
            )
            for person in people
        ]
    )
    elapsed = time.monotonic() - started
    assert errors == []
    print(f"{PEOPLE} simultaneous sign-ups took {elapsed:.2f} s", end="; ")
    return event, people, results


def test_two_hundred_sign_ups_fill_exactly_fifty_places(full_event):
    event, people, results = full_event
    assert counts(event) == {R.CONFIRMED: 50, R.WAITLISTED: 150, R.CANCELLED: 0}
    assert sorted(r.pk for r in results) == sorted(
        Registration.objects.filter(event=event).values_list("pk", flat=True)
    )
    queue = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    # Decided one at a time under the lock: the first 50 to get it have the
    # places, and the order of arrival is the same by time and by id.
    assert [r.status for r in queue] == [R.CONFIRMED] * 50 + [R.WAITLISTED] * 150
    assert [r.pk for r in queue] == sorted(r.pk for r in queue)
    assert len({r.created_at for r in queue}) == PEOPLE
    by_user = {r.user_id: r for r in queue}
    positions = sorted(
        viewer_registration(event, person).waitlist_position
        for person in people
        if by_user[person.pk].status == R.WAITLISTED
    )
    assert positions == list(range(1, 151))

    # Cancelling one confirmed place promotes exactly the first in the queue.
    confirmed, first_waiting = queue[0], queue[50]
    owner = next(p for p in people if p.pk == confirmed.user_id)
    promoted = services.registration_cancel(registration_id=confirmed.pk, by=owner)
    assert promoted.pk == first_waiting.pk
    assert counts(event) == {R.CONFIRMED: 50, R.WAITLISTED: 149, R.CANCELLED: 1}


def promoted_in_order(pks) -> list[int]:
    return list(
        Registration.objects.filter(pk__in=pks)
        .order_by("promoted_at", "pk")
        .values_list("pk", flat=True)
    )


def _cancel_calls(registrations, by=None):
    return [
        lambda r=r: services.registration_cancel(registration_id=r.pk, by=by or r.user)
        for r in registrations
    ]


def test_simultaneous_cancellations_do_not_over_promote(full_event, staff_user):
    event, _people, _results = full_event
    confirmed = list(
        Registration.objects.filter(event=event, status=R.CONFIRMED)
        .select_related("user")
        .order_by("pk")[:30]
    )
    queue = list(
        Registration.objects.filter(event=event, status=R.WAITLISTED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    # 20 people cancel, 5 of them from two tabs at once, and staff cancel 5 of
    # the same places at the same moment: 20 places freed, 20 promoted.
    calls = _cancel_calls(confirmed[:20])
    calls += _cancel_calls(confirmed[:5])
    calls += _cancel_calls(confirmed[5:10], by=staff_user)
    started = time.monotonic()
    results, errors = race(calls)
    elapsed = time.monotonic() - started
    print(f"{len(calls)} simultaneous cancellations took {elapsed:.2f} s")
    assert errors == []
    promoted = [r.pk for r in results if r is not None]
    assert sorted(promoted) == sorted(queue[:20])  # each once
    assert counts(event) == {R.CONFIRMED: 50, R.WAITLISTED: 130, R.CANCELLED: 20}
    assert not Registration.objects.filter(pk__in=promoted, promoted_at=None).exists()
    # In queue order: each promotion is stamped under the event's lock, so the
    # order of the stamps is the order in which places were given.
    assert promoted_in_order(promoted) == queue[:20]

    # Cancellations and new sign-ups at the same moment: every freed place
    # goes to someone already waiting, and the newcomers join the queue.
    newcomers = UserFactory.create_batch(10, verified_email=False)
    calls = _cancel_calls(confirmed[20:30])
    calls += [
        lambda p=p: services.registration_create(event_id=event.pk, user=p)
        for p in newcomers
    ]
    results, errors = race(calls)
    assert errors == []
    assert sorted(r.pk for r in results[:10]) == sorted(queue[20:30])
    assert promoted_in_order([r.pk for r in results[:10]]) == queue[20:30]
    assert all(r.status == R.WAITLISTED for r in results[10:])
    assert counts(event) == {R.CONFIRMED: 50, R.WAITLISTED: 130, R.CANCELLED: 30}


def test_one_person_signing_up_from_five_tabs_gets_one_place(citizen):
    event = EventFactory(capacity=PLACES)
    results, errors = race(
        [
            lambda: services.registration_create(event_id=event.pk, user=citizen)
            for _ in range(5)
        ]
    )
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 4
    assert all(getattr(e, "code", None) == "duplicate" for e in errors)
    assert counts(event) == {R.CONFIRMED: 1, R.WAITLISTED: 0, R.CANCELLED: 0}

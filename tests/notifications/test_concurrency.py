"""Row locks under real concurrency: PostgreSQL only (SQLite has no SKIP LOCKED)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from civic.notifications import notify
from civic.notifications.choices import DeliveryStatus
from civic.notifications.delivery.outbox import sweep
from civic.notifications.delivery.sending import deliver_batch
from civic.notifications.models import EmailDelivery

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SELECT ... FOR UPDATE SKIP LOCKED needs PostgreSQL (set DATABASE_URL).",
    ),
]


class RowHolder(threading.Thread):
    """Holds a row lock in another connection until released, like a busy worker."""

    def __init__(self, pk):
        super().__init__(daemon=True)
        self.pk = pk
        self.locked = threading.Event()
        self.release = threading.Event()

    def run(self):
        try:
            with transaction.atomic():
                EmailDelivery.objects.select_for_update().get(pk=self.pk)
                self.locked.set()
                self.release.wait(10)
        finally:
            connections.close_all()


@pytest.fixture
def two_deliveries(user_factory, kind):
    # Written as a future reminder so nothing is sent on commit, then made due.
    later = timezone.now() + timedelta(hours=1)
    with transaction.atomic():
        notify(user_factory.create_batch(2), kind.slug, {}, key="k", due_at=later)
    EmailDelivery.objects.update(queued_at=None, due_at=timezone.now())
    return list(EmailDelivery.objects.order_by("pk"))


def _holding(pk):
    holder = RowHolder(pk)
    holder.start()
    assert holder.locked.wait(10)
    return holder


def test_sweeper_skips_rows_another_sweeper_holds(two_deliveries, outbox):
    busy, free = two_deliveries
    holder = _holding(busy.pk)
    try:
        assert sweep() == [free.pk]
    finally:
        holder.release.set()
        holder.join()
    assert sweep() == [busy.pk]  # once released, the next pass takes it


def test_deliver_skips_a_row_another_worker_is_sending(two_deliveries, outbox):
    busy, free = two_deliveries
    holder = _holding(busy.pk)
    try:
        assert deliver_batch([busy.pk, free.pk], final_attempt=False) == []
    finally:
        holder.release.set()
        holder.join()
    assert [m.to[0] for m in outbox] == [free.recipient.email]
    busy.refresh_from_db()
    assert busy.status == DeliveryStatus.PENDING

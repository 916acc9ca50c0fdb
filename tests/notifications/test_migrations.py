"""The address-delivery migration keeps every existing row, and can be undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("notifications", "0002_staff_outbox_permissions")]
AFTER = [("notifications", "0003_address_deliveries")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_notifications_and_deliveries_survive(user_factory):
    person = user_factory()
    try:
        old = _migrate(BEFORE)
        Notification = old.get_model("notifications", "Notification")
        EmailDelivery = old.get_model("notifications", "EmailDelivery")
        now = timezone.now()
        notification = Notification.objects.create(
            recipient_id=person.pk, kind="accounts.welcome", key="k", created_at=now
        )
        EmailDelivery.objects.create(
            notification_id=notification.pk,
            recipient_id=person.pk,
            status="waiting_digest",
        )

        new = _migrate(AFTER)
        Notification = new.get_model("notifications", "Notification")
        EmailDelivery = new.get_model("notifications", "EmailDelivery")
        kept = Notification.objects.get(pk=notification.pk)
        assert (kept.recipient_id, kept.address, kept.key) == (person.pk, "", "k")
        delivery = EmailDelivery.objects.get(notification_id=notification.pk)
        assert (delivery.recipient_id, delivery.status) == (person.pk, "waiting_digest")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_srsc_staff_can_watch_and_retry_the_outbox(staff_user):
    assert staff_user.has_perm("notifications.view_emaildelivery")
    assert staff_user.has_perm("notifications.retry_emaildelivery")


def test_srsc_staff_opens_the_outbox_in_the_admin(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("email_deliveries:index"))
    assert response.status_code == 200


def test_citizen_cannot_open_the_outbox(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("email_deliveries:index"))
    assert response.status_code in (302, 403)

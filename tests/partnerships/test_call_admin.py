"""The admin's manage page drives the services: set up and publish a call,
and see refusals as messages, never as errors."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from entities.partnerships.models import Call
from tests.factories.entities import pdf_upload

pytestmark = pytest.mark.django_db


def test_staff_set_up_and_publish(client, staff_user, call, committee_member):
    client.force_login(staff_user)
    url = reverse("partnerships_calls:manage", args=[call.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "op": "add_criterion",
            "position": 0,
            "name": "Adequação",
            "weight": "2",
            "max_score": "10",
        },
    )
    client.post(
        url,
        {
            "op": "add_document",
            "kind": "edital",
            "title": "Edital",
            "file": pdf_upload(),
        },
    )
    Call.objects.filter(pk=call.pk).update(
        proposals_end_at=timezone.now() + dt.timedelta(days=10)
    )
    refused = client.post(url, {"op": "transition", "action": "publish"}, follow=True)
    assert "pelo menos 30 dias" in refused.content.decode()
    Call.objects.filter(pk=call.pk).update(
        proposals_end_at=timezone.now() + dt.timedelta(days=31)
    )
    client.post(url, {"op": "transition", "action": "publish"})
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    assert call.criteria.count() == 1


def test_secretary_sees_read_only(client, council_secretary, call):
    client.force_login(council_secretary)
    page = client.get(
        reverse("partnerships_calls:manage", args=[call.pk])
    ).content.decode()
    assert 'name="op"' not in page


def test_bad_criterion_keeps_the_form(client, staff_user, call):
    client.force_login(staff_user)
    url = reverse("partnerships_calls:manage", args=[call.pk])
    response = client.post(
        url,
        {
            "op": "add_criterion",
            "position": 0,
            "name": "X",
            "weight": "0",
            "max_score": "10",
            "eliminatory_below": "11",
        },
    )
    assert response.status_code == 200
    assert not call.criteria.exists()


@pytest.mark.parametrize("op", ["\x00", "x" * 5000, "__class__", "post"])
def test_hostile_op_is_not_a_500(client, staff_user, call, op):
    client.force_login(staff_user)
    response = client.post(
        reverse("partnerships_calls:manage", args=[call.pk]), {"op": op}
    )
    assert response.status_code == 302

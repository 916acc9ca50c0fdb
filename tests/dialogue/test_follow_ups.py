"""Follow-ups: recorded with an owner and a due date, they appear in the
owner's "Seus retornos" on the admin home, overdue first, in constant queries."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.dialogue.models import FollowUp
from civic.dialogue.services.contacts import follow_up_add, follow_up_done

pytestmark = pytest.mark.django_db


def add(entity, owner, days: int, text: str):
    return FollowUp.objects.create(
        entity=entity,
        description=text,
        due_on=timezone.localdate() + dt.timedelta(days=days),
        owner=owner,
    )


def test_recorded_through_the_admin_enters_the_owner_queue(client, entity, staff_user):
    client.force_login(staff_user)
    due = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    response = client.post(
        reverse("dialogue_followup_add", args=[entity.pk]),
        {"description": "Responder o ofício", "due_on": due, "owner": staff_user.pk},
    )
    assert response.status_code == 302
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Seus retornos" in home
    assert "Responder o ofício" in home
    assert "atrasado" in home


def test_queue_shows_only_the_owners_open_follow_ups(
    client, entity, staff_user, superuser
):
    add(entity, staff_user, -3, "Atrasado")
    add(entity, staff_user, 0, "Para hoje")
    add(entity, staff_user, 10, "Mais tarde")
    add(entity, superuser, -1, "De outra pessoa")
    done = add(entity, staff_user, -5, "Já feito")
    follow_up_done(follow_up_id=done.pk, by=staff_user)
    queue = list(FollowUp.objects.queue_of(staff_user))
    assert [f.description for f in queue] == ["Atrasado", "Para hoje", "Mais tarde"]
    client.force_login(staff_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Atrasado" in home
    assert "De outra pessoa" not in home
    assert "Já feito" not in home


def test_no_panel_without_follow_ups(client, staff_user):
    client.force_login(staff_user)
    assert (
        "Seus retornos" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_queue_in_constant_queries(client, entity, staff_user):
    client.force_login(staff_user)
    add(entity, staff_user, -1, "Primeiro")
    client.get(reverse("wagtailadmin_home"))

    def queries():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("wagtailadmin_home"))
        return len(context.captured_queries)

    few = queries()
    for i in range(25):
        add(entity, staff_user, i - 5, f"Retorno {i}")
    assert queries() == few


def test_only_staff_add_and_own_follow_ups(entity, staff_user, representative):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        follow_up_add(
            entity=entity,
            by=representative,
            description="x",
            due_on=today,
            owner=staff_user,
        )
    with pytest.raises(ValidationError):
        follow_up_add(
            entity=entity,
            by=staff_user,
            description="x",
            due_on=today,
            owner=representative,
        )
    with pytest.raises(PermissionDenied):
        follow_up_done(
            follow_up_id=add(entity, staff_user, 0, "y").pk, by=representative
        )

import pytest
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from civic.accounts.models import AccountDeletion, User
from civic.accounts.wagtail_users import CivicUserForm, EraseUsersBulkAction

pytestmark = pytest.mark.django_db


def test_bulk_delete_of_users_is_replaced_by_erasure():
    action = bulk_action_registry.get_bulk_action_class("accounts", "user", "delete")
    assert action is EraseUsersBulkAction


def test_bulk_delete_erases_the_selected_accounts(client, superuser, user_factory):
    people = [user_factory(), user_factory()]
    client.force_login(superuser)
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
    query = "&".join(f"id={p.pk}" for p in people)
    response = client.post(f"{url}?next=/admin/users/&{query}")
    assert response.status_code == 302
    for person in people:
        person.refresh_from_db()
        assert person.deleted_at is not None
        assert person.email.endswith("@contas.invalid")
    assert AccountDeletion.objects.filter(by_self=False).count() == 2
    assert User.objects.filter(pk__in=[p.pk for p in people]).count() == 2


def test_form_hides_superuser_power_from_non_superusers(citizen, staff_user):
    form = CivicUserForm(instance=citizen, for_user=staff_user)
    assert form.fields["is_superuser"].disabled
    form = CivicUserForm(
        data={
            "email": citizen.email,
            "full_name": "X",
            "is_active": "on",
            "is_superuser": "on",
        },
        instance=citizen,
        for_user=staff_user,
    )
    assert form.is_valid(), form.errors
    assert form.save().is_superuser is False


def test_editing_oneself_cannot_drop_own_rights(superuser):
    form = CivicUserForm(instance=superuser, editing_self=True, for_user=superuser)
    assert "is_superuser" not in form.fields
    assert "is_active" not in form.fields

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from civic.accounts.models import AccountDeletion, User
from civic.accounts.rules import STAFF_GROUP
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


# --- Wagtail user management ---------------------------------------------------------


def test_wagtail_user_list_and_edit_work_for_a_superuser(client, superuser, citizen):
    client.force_login(superuser)
    listing = client.get("/admin/users/")
    assert listing.status_code == 200
    assert citizen.email in listing.content.decode()

    edit_url = reverse("wagtailusers_users:edit", args=[citizen.pk])
    page = client.get(edit_url)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="full_name"' in content
    assert 'name="password1"' not in content
    assert 'name="first_name"' not in content

    group = Group.objects.get(name=STAFF_GROUP)
    response = client.post(
        edit_url,
        {
            "email": "Nova@Example.org",
            "full_name": "Maria Renomeada",
            "is_active": "",
            "groups": [str(group.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    citizen.refresh_from_db()
    assert citizen.full_name == "Maria Renomeada"
    assert citizen.email == "nova@example.org"
    assert citizen.is_active is False
    assert list(citizen.groups.all()) == [group]


def test_wagtail_user_delete_erases_instead(client, superuser, citizen):
    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:delete", args=[citizen.pk]))
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.deleted_at is not None
    assert AccountDeletion.objects.get(user_id_erased=citizen.pk).by_self is False


def test_wagtail_user_management_is_closed_to_srsc_staff(client, staff_user, citizen):
    client.force_login(staff_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code != 200
    edit_url = reverse("wagtailusers_users:edit", args=[citizen.pk])
    assert client.get(edit_url).status_code != 200


def test_wagtail_user_create_sets_no_password(client, superuser):
    client.force_login(superuser)
    url = reverse("wagtailusers_users:add")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    response = client.post(
        url,
        {"email": "Nova.Pessoa@Example.org", "full_name": "Pessoa Nova", "groups": []},
    )
    assert response.status_code == 302
    person = User.objects.get(email="nova.pessoa@example.org")
    assert person.full_name == "Pessoa Nova"
    assert not person.has_usable_password()


def test_wagtail_user_edit_refuses_a_taken_email(
    client, superuser, citizen, user_factory
):
    other = user_factory()
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[citizen.pk]),
        {
            "email": other.email.upper(),
            "full_name": "X",
            "is_active": "on",
            "groups": [],
        },
    )
    assert response.status_code == 200
    assert "Já existe uma conta com este e-mail" in response.content.decode()


def test_the_admin_account_page_cannot_change_the_email(client, staff_user):
    """The email changes only through allauth, which verifies the new address;
    invitations are matched on it (WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False)."""
    from django.conf import settings

    assert settings.WAGTAIL_EMAIL_MANAGEMENT_ENABLED is False
    original = staff_user.email
    client.force_login(staff_user)
    url = reverse("wagtailadmin_account")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="name_email-email"' not in page.content.decode()
    client.post(
        url,
        {
            "name_email-first_name": "Outra",
            "name_email-last_name": "Pessoa",
            "name_email-email": "atacante@example.org",
            "locale-preferred_language": "pt-br",
            "locale-current_time_zone": "",
            "theme-theme": "system",
        },
    )
    staff_user.refresh_from_db()
    assert staff_user.email == original

import pytest
from django.contrib import admin
from django.urls import reverse

from civic.adminsite import CivicAdminSite

from .conftest import VALID_CPF

pytestmark = pytest.mark.django_db


def test_default_admin_site_is_ours():
    assert isinstance(admin.site, CivicAdminSite)


def test_anonymous_is_sent_to_allauth_login(client):
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fdjango-admin%2F"
    assert response.status_code == 200


def test_admin_login_page_itself_redirects_to_allauth(client):
    response = client.get("/django-admin/login/?next=/django-admin/accounts/user/")
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/accounts/login/?next=%2Fdjango-admin%2Faccounts%2Fuser%2F"
    )


def test_admin_login_ignores_external_next(client):
    response = client.get("/django-admin/login/?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=%2Fdjango-admin%2F"


@pytest.mark.parametrize("role", ["citizen", "staff_user", "moderator"])
def test_non_superusers_get_no_access(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403


def test_is_staff_flag_without_superuser_gets_no_access(client, user_factory):
    client.force_login(user_factory(is_staff=True))
    assert client.get("/django-admin/", follow=True).status_code == 403


def test_superuser_gets_in(client, superuser):
    client.force_login(superuser)
    assert client.get("/django-admin/").status_code == 200


def test_user_admin_hides_the_password_hash(client, superuser, user_factory):
    person = user_factory(cpf=VALID_CPF)
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="password"' not in content
    assert person.password not in content
    assert VALID_CPF in content  # visible to superusers only


def test_consents_and_deletions_are_read_only(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_consent_add")).status_code == 403
    assert client.get(reverse("admin:accounts_accountdeletion_add")).status_code == 403
    assert client.get(reverse("admin:accounts_consent_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:accounts_accountdeletion_changelist")).status_code
        == 200
    )
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403

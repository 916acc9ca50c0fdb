import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.urls import reverse

from .conftest import login

pytestmark = pytest.mark.django_db

ACTIVATE_URL = "/accounts/2fa/totp/activate/"


@pytest.fixture
def mfa_required(settings):
    settings.CIVIC_MFA_REQUIRED_FOR_STAFF = True


@pytest.fixture
def admin_permission_holder(user_factory):
    person = user_factory(full_name="Editora sem grupo")
    person.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return person


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize(
    "role",
    [
        "staff_user",
        "moderator",
        "council_secretary",
        "superuser",
        "admin_permission_holder",
    ],
)
@pytest.mark.parametrize("path", ["/minha-conta/", "/admin/", "/django-admin/"])
def test_privileged_without_totp_are_sent_to_activation(client, request, role, path):
    person = request.getfixturevalue(role)
    client.force_login(person)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL
    follow = client.get(response["Location"], follow=True)
    assert "verificação em duas etapas" in follow.content.decode()


@pytest.mark.usefixtures("mfa_required")
def test_django_staff_flag_alone_counts_as_privileged(client, user_factory):
    person = user_factory(is_staff=True)
    client.force_login(person)
    assert client.get("/minha-conta/")["Location"] == ACTIVATE_URL


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize(
    "path",
    [
        ACTIVATE_URL,
        "/accounts/2fa/",
        "/accounts/reauthenticate/",
        "/accounts/email/",
        "/accounts/logout/",
        "/static/css/site.css",
    ],
)
def test_setup_pages_stay_reachable(client, staff_user, path):
    client.force_login(staff_user)
    response = client.get(path)
    assert response.get("Location") != ACTIVATE_URL


@pytest.mark.usefixtures("mfa_required")
def test_language_switch_stays_reachable(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response["Location"] == "/"


@pytest.mark.usefixtures("mfa_required")
def test_logout_works_without_totp(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("mfa_required")
def test_citizens_are_not_asked_for_totp(client, citizen):
    client.force_login(citizen)
    assert client.get("/minha-conta/").status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_anonymous_are_not_affected(client):
    response = client.get("/minha-conta/")
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.usefixtures("mfa_required")
def test_staff_with_totp_is_allowed(client, staff_user):
    TOTP.activate(staff_user, generate_totp_secret())
    client.force_login(staff_user)
    assert client.get("/minha-conta/").status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_inactive_flag_is_not_privileged(client, user_factory):
    # An inactive account cannot log in at all; the predicate must not count it.
    from civic.accounts.rules import is_privileged

    person = user_factory(is_staff=True, is_active=False)
    assert not is_privileged(person)


def test_setting_off_lets_staff_through(client, staff_user, settings):
    settings.CIVIC_MFA_REQUIRED_FOR_STAFF = False
    client.force_login(staff_user)
    assert client.get("/minha-conta/").status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_staff_logging_in_through_allauth_lands_on_activation(client, staff_user):
    login(client, staff_user)
    response = client.get(reverse("accounts:profile"))
    assert response["Location"] == ACTIVATE_URL

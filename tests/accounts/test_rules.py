import pytest
from django.contrib.auth.models import AnonymousUser

from civic.accounts.rules import is_privileged

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("citizen", False),
        ("staff_user", True),
        ("moderator", True),
        ("council_secretary", True),
        ("superuser", True),
    ],
)
def test_is_privileged_role_matrix(request, role, expected):
    person = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    assert is_privileged(person) is expected


def test_group_membership_counts_even_without_the_admin_permission(moderator):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Moderação")
    group.permissions.clear()
    moderator = type(moderator).objects.get(pk=moderator.pk)  # drop the perm cache
    assert is_privileged(moderator)


@pytest.mark.parametrize(
    "perm",
    ["accounts.view_own_account", "accounts.export_account", "accounts.erase_account"],
)
@pytest.mark.parametrize("role", ["citizen", "staff_user", "moderator", "superuser"])
def test_everyone_may_act_on_their_own_account(request, perm, role):
    person = request.getfixturevalue(role)
    assert person.has_perm(perm, person)


@pytest.mark.parametrize(
    "perm", ["accounts.view_own_account", "accounts.export_account"]
)
@pytest.mark.parametrize("role", ["citizen", "staff_user", "moderator"])
def test_nobody_acts_on_someone_elses_account(request, perm, role, user_factory):
    person = request.getfixturevalue(role)
    assert not person.has_perm(perm, user_factory())
    assert not person.has_perm("accounts.erase_account", user_factory())


def test_only_superusers_may_erase_someone_else(superuser, citizen):
    assert superuser.has_perm("accounts.erase_account", citizen)


def test_anonymous_has_no_account_permissions(citizen):
    anonymous = AnonymousUser()
    for perm in (
        "accounts.view_own_account",
        "accounts.export_account",
        "accounts.erase_account",
    ):
        assert not anonymous.has_perm(perm, citizen)


def test_inactive_user_loses_the_permissions(user_factory):
    person = user_factory(is_active=False)
    assert not person.has_perm("accounts.erase_account", person)

"""Admin permissions read from the rules (civic/permissions.py)."""

import pytest
import rules
from django.contrib.auth.models import Group, Permission

from civic.permissions import RulesPermissionPolicy, holds
from consultations.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return RulesPermissionPolicy(Event)


@pytest.fixture
def toy_rules():
    """`consultations.frob_event`: staff, and only for drafts."""
    is_draft = rules.predicate(
        lambda user, event: event is None or event.status == "draft"
    )
    rules.add_perm(
        "consultations.frob_event",
        holds("consultations.manage_participation") & is_draft,
    )
    yield
    rules.remove_perm("consultations.frob_event")


@pytest.fixture
def staff(staff_user):
    return staff_user


def test_the_policy_asks_the_rule_with_the_object(policy, toy_rules, staff):
    draft, published = Event(status="draft"), Event(status="published")

    assert policy.user_has_permission(staff, "frob")
    assert policy.user_has_permission_for_instance(staff, "frob", draft)
    assert not policy.user_has_permission_for_instance(staff, "frob", published)


def test_superusers_cannot_pass_what_the_rule_refuses(policy, toy_rules, superuser):
    assert superuser.has_perm("consultations.frob_event", Event(status="published"))
    assert not policy.user_has_permission_for_instance(
        superuser, "frob", Event(status="published")
    )


def test_an_action_without_a_rule_is_denied_to_everyone(policy, superuser, staff):
    assert not policy.user_has_permission(superuser, "explode")
    assert not policy.user_has_permission(staff, "explode")


def test_citizens_and_inactive_staff_are_denied(policy, toy_rules, citizen, staff):
    assert not policy.user_has_permission(citizen, "frob")
    staff.is_active = False
    assert not policy.user_has_permission(staff, "frob")


def test_users_with_permission_are_those_the_rule_allows(
    policy, toy_rules, staff, citizen, superuser, user_factory
):
    moderator = user_factory()
    moderator.groups.add(Group.objects.get(name="Moderação"))

    allowed = set(policy.users_with_permission("frob"))

    assert allowed == {staff, superuser}


def test_holds_reads_group_and_direct_permissions(citizen, staff_user):
    manage = holds("consultations.manage_participation")
    assert manage(staff_user)
    assert not manage(citizen)

    citizen.user_permissions.add(
        Permission.objects.get(codename="manage_participation")
    )
    citizen = type(citizen).objects.get(pk=citizen.pk)  # fresh permission cache
    assert manage(citizen)


def test_a_rule_may_share_the_name_of_the_permission_it_holds(staff_user, citizen):
    rules.add_perm(
        "consultations.manage_participation",
        holds("consultations.manage_participation"),
    )
    try:
        assert rules.has_perm("consultations.manage_participation", staff_user)
        assert staff_user.has_perm("consultations.manage_participation")
        assert not citizen.has_perm("consultations.manage_participation")
    finally:
        rules.remove_perm("consultations.manage_participation")

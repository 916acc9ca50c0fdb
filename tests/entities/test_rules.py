"""Who may do what in the registry: the role matrix of `entities.rules`."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser, Group

from entities.models import Entity
from tests.factories.entities import EntityFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

S = Entity.Status
ROLES = [
    "anonymous",
    "citizen",
    "primary",
    "representative",
    "other_representative",
    "inactive_representative",
    "staff",
    "superuser",
]
REVIEWERS = {"staff"}
REPRESENTATIVES = {"primary", "representative"}


@pytest.fixture
def entity():
    return EntityFactory()


@pytest.fixture
def people(entity, user_factory):
    """One person per role, around `entity`."""
    primary = user_factory()
    RepresentativeFactory(entity=entity, user=primary, is_primary=True)
    secondary = user_factory()
    RepresentativeFactory(entity=entity, user=secondary, is_primary=False)
    other = user_factory()
    RepresentativeFactory(entity=EntityFactory(), user=other, is_primary=True)
    inactive = user_factory(is_active=False)
    RepresentativeFactory(entity=entity, user=inactive, is_primary=False)
    staff = user_factory()
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    return {
        "anonymous": AnonymousUser(),
        "citizen": user_factory(),
        "primary": primary,
        "representative": secondary,
        "other_representative": other,
        "inactive_representative": inactive,
        "staff": staff,
        "superuser": user_factory(is_superuser=True, is_staff=True),
    }


def allowed_roles(perm, people, entity):
    """The roles holding `perm` on `entity`, leaving out the superuser, to whom
    Django grants every permission (checked once, below)."""
    return {
        role
        for role in ROLES
        if role != "superuser" and people[role].has_perm(perm, entity)
    }


# For a draft entity with representatives.
MATRIX = {
    "entities.view_entity": REPRESENTATIVES | REVIEWERS,
    "entities.change_entity": REPRESENTATIVES,
    "entities.view_entity_dashboard": REPRESENTATIVES | REVIEWERS,
    "entities.confirm_entity_data": REPRESENTATIVES,
    "entities.view_board_cpf": REPRESENTATIVES,
    "entities.submit_entity": REPRESENTATIVES,
    "entities.resubmit_entity": REPRESENTATIVES,
    "entities.reopen_entity": REPRESENTATIVES,
    "entities.approve_entity": REVIEWERS,
    "entities.request_changes_entity": REVIEWERS,
    "entities.reject_entity": REVIEWERS,
    "entities.suspend_entity": REVIEWERS,
    "entities.reinstate_entity": REVIEWERS,
    "entities.view_documents": REPRESENTATIVES | REVIEWERS,
    "entities.upload_document": REPRESENTATIVES,
    "entities.invite_representative": REPRESENTATIVES,
    "entities.manage_representatives": {"primary"} | REVIEWERS,
    "entities.leave_entity": REPRESENTATIVES,
    "entities.claim_entity": set(),
    "entities.review_entity": REVIEWERS,
}


@pytest.mark.parametrize(("perm", "expected"), MATRIX.items(), ids=MATRIX.keys())
def test_role_matrix(people, entity, perm, expected):
    assert allowed_roles(perm, people, entity) == expected


@pytest.mark.parametrize(
    ("status", "listed"),
    [(s, s == S.APPROVED) for s in S.values],
)
def test_only_approved_entities_are_public(people, entity, status, listed):
    Entity.objects.filter(pk=entity.pk).update(status=status)
    entity.refresh_from_db()
    public = {"anonymous", "citizen", "other_representative", "inactive_representative"}
    expected = REPRESENTATIVES | REVIEWERS | (public if listed else set())
    assert allowed_roles("entities.view_entity", people, entity) == expected


@pytest.mark.parametrize(
    ("status", "editable"),
    [
        (S.DRAFT, True),
        (S.SUBMITTED, False),
        (S.CHANGES_REQUESTED, True),
        (S.RESUBMITTED, False),
        (S.APPROVED, True),
        (S.REJECTED, True),
        (S.SUSPENDED, False),
    ],
)
@pytest.mark.parametrize("perm", ["entities.change_entity", "entities.upload_document"])
def test_frozen_while_under_review_or_suspended(people, entity, status, editable, perm):
    Entity.objects.filter(pk=entity.pk).update(status=status)
    entity.refresh_from_db()
    assert allowed_roles(perm, people, entity) == (
        REPRESENTATIVES if editable else set()
    )


def test_anyone_active_may_claim_an_unrepresented_entity(people):
    unclaimed = EntityFactory()
    assert allowed_roles("entities.claim_entity", people, unclaimed) == {
        "citizen",
        "primary",
        "representative",
        "other_representative",
        "staff",
    }


@pytest.mark.parametrize("perm", MATRIX)
def test_superuser_holds_every_permission(people, entity, perm):
    assert people["superuser"].has_perm(perm, entity)


def test_no_permission_without_an_entity(people):
    for role in set(ROLES) - REVIEWERS - {"superuser"}:
        assert not people[role].has_perm("entities.change_entity", None)
        assert not people[role].has_perm("entities.approve_entity", None)
    assert people["staff"].has_perm("entities.approve_entity", None)
    assert people["staff"].has_perm("entities.review_entity")
    assert not people["citizen"].has_perm("entities.review_entity")


def test_removed_representative_loses_access_in_the_same_request(people, entity):
    from entities import services
    from entities.models import Representative

    secondary = people["representative"]
    assert secondary.has_perm("entities.change_entity", entity)
    membership = Representative.objects.get(entity=entity, user=secondary)
    services.representative_leave(representative=membership, by=secondary)
    assert not secondary.has_perm("entities.change_entity", entity)


# The admin asks these with no entity at all (its listings and pages).
ADMIN_MATRIX = {
    "entities.view_entity": REVIEWERS,
    "entities.review_entity": REVIEWERS,
    "entities.view_claim": REVIEWERS,
    "entities.review_claim": REVIEWERS,
}


@pytest.mark.parametrize(
    ("perm", "expected"), ADMIN_MATRIX.items(), ids=ADMIN_MATRIX.keys()
)
def test_admin_rules_without_an_object(people, perm, expected):
    """The rules themselves, as the admin's permission policy asks them (for
    superusers too: `rules.has_perm`, not Django's superuser shortcut)."""
    allowed = {role for role in ROLES if rules.has_perm(perm, people[role], None)}
    assert allowed == expected | {"superuser"}


def test_inactive_staff_are_not_reviewers(people):
    staff = people["staff"]
    staff.is_active = False
    assert not rules.has_perm("entities.review_entity", staff)
    assert not rules.has_perm("entities.view_entity", staff, None)


@pytest.fixture
def claim(entity, people):
    from entities.models import Claim

    return Claim.objects.create(
        entity=EntityFactory(),
        claimant=people["citizen"],
        proof_kind=Claim.ProofKind.ATA,
        proof_name="ata.pdf",
        proof_content_type="application/pdf",
    )


def test_the_claimant_and_reviewers_see_a_claim(people, claim):
    """Its proof, above all: only the person who sent it and the SRSC team."""
    assert allowed_roles("entities.view_claim", people, claim) == {"citizen", "staff"}
    assert allowed_roles("entities.review_claim", people, claim) == {"staff"}

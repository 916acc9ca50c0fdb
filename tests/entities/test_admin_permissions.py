"""Who reaches the registry's admin (entities/admin/, entities/rules.py): every
view, every role, and no writing view that should not exist.

Policy: people without admin access are sent to log in; admin users who are
not SRSC staff (moderation, council secretaries) are sent back to the admin
home; SRSC staff and superusers get in. What a registration or a claim allows
is read from the rules, so a superuser cannot reach an add, edit or delete
view that nobody decided on.
"""

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.permissions import policy_registry

from entities.models import Area, Claim, Entity, EntityEvent, PublicServed
from tests.entities.support import inspect_url
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

S = Entity.Status
ROLES = [
    "anonymous",
    "citizen",
    "representative",
    "moderator",
    "council_secretary",
    "staff_user",
    "superuser",
]
LOGIN, HOME, OK = "login", "home", 200
# Columns follow ROLES.
OUTSIDE_THE_ADMIN = [LOGIN, LOGIN, LOGIN]
ADMIN_BUT_NOT_STAFF = [HOME, HOME]
STAFF = [OK, OK]
EXPECTED = [*OUTSIDE_THE_ADMIN, *ADMIN_BUT_NOT_STAFF, *STAFF]


def _document(submitted, claim):
    document = submitted.documents.first()
    return reverse("entities_review:document", args=[submitted.pk, document.pk])


# Every admin view of the registry, GET. Each takes (submitted entity, claim).
ADMIN_VIEWS = {
    "review:index": lambda e, c: reverse("entities_review:index"),
    "review:index_results": lambda e, c: reverse("entities_review:index_results"),
    "review:inspect": lambda e, c: inspect_url(e),
    "review:document": _document,
    "review:document_inline": lambda e, c: _document(e, c) + "?inline=1",
    "claims:index": lambda e, c: reverse("entities_claims:index"),
    "claims:index_results": lambda e, c: reverse("entities_claims:index_results"),
    "claims:inspect": lambda e, c: reverse("entities_claims:inspect", args=[c.pk]),
    "claims:proof": lambda e, c: reverse("entities_claims:proof", args=[c.pk]),
    "claims:proof_inline": lambda e, c: (
        reverse("entities_claims:proof", args=[c.pk]) + "?inline=1"
    ),
    "areas:index": lambda e, c: reverse("entities_areas:index"),
    "areas:add": lambda e, c: reverse("entities_areas:add"),
    "areas:edit": lambda e, c: reverse(
        "entities_areas:edit", args=[Area.objects.first().pk]
    ),
    "areas:delete": lambda e, c: reverse(
        "entities_areas:delete", args=[Area.objects.first().pk]
    ),
    "publics:index": lambda e, c: reverse("entities_publics:index"),
    "publics:add": lambda e, c: reverse("entities_publics:add"),
    "publics:edit": lambda e, c: reverse(
        "entities_publics:edit", args=[PublicServed.objects.first().pk]
    ),
    "legal_natures:index": lambda e, c: reverse("entities_legal_natures:index"),
    "cnaes:index": lambda e, c: reverse("entities_cnaes:index"),
}

# The views that send a private file: its bytes leave only for staff.
FILE_VIEWS = {
    "review:document",
    "review:document_inline",
    "claims:proof",
    "claims:proof_inline",
}


def _login(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def _check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == HOME:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("view", "role", "expected"),
    [
        (view, role, expected)
        for view in ADMIN_VIEWS
        for role, expected in zip(ROLES, EXPECTED, strict=True)
    ],
)
def test_admin_view(client, request, submitted, pending_claim, view, role, expected):
    url = ADMIN_VIEWS[view](submitted, pending_claim)
    response = _login(client, request, role).get(url)
    _check(response, expected)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert (MINIMAL_PDF in body) == (expected == OK and view in FILE_VIEWS)


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, EXPECTED, strict=True)))
def test_review_decision(client, request, submitted, role, expected):
    response = _login(client, request, role).post(
        inspect_url(submitted), {"action": "approve"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    approved = expected == OK
    assert (submitted.status == S.APPROVED) is approved
    assert EntityEvent.objects.filter(action="approve").exists() is approved
    if not approved:
        _check(response, expected)


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, EXPECTED, strict=True)))
def test_claim_decision(client, request, pending_claim, role, expected):
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    response = _login(client, request, role).post(url, {"decision": "approve"})
    assert response.status_code == 302
    pending_claim.refresh_from_db()
    approved = expected == OK
    assert (pending_claim.status == Claim.Status.APPROVED) is approved
    if not approved:
        _check(response, expected)


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, EXPECTED, strict=True)))
def test_adding_an_area(client, request, role, expected):
    response = _login(client, request, role).post(
        reverse("entities_areas:add"), {"name": "Segurança alimentar", "slug": ""}
    )
    assert response.status_code == 302
    added = expected == OK
    assert Area.objects.filter(name="Segurança alimentar").exists() is added
    if not added:
        _check(response, expected)


# Writing views that do not exist ------------------------------------------------

WRITING = ("add", "edit", "delete", "copy", "history", "usage")


@pytest.mark.parametrize(
    "namespace",
    ["entities_review", "entities_claims", "entities_legal_natures", "entities_cnaes"],
)
@pytest.mark.parametrize("name", WRITING)
def test_read_only_viewsets_have_no_writing_urls(namespace, name):
    with pytest.raises(NoReverseMatch):
        reverse(f"{namespace}:{name}", args=[] if name == "add" else [1])


@pytest.mark.parametrize("name", WRITING)
def test_superuser_cannot_reach_a_writing_view_of_registrations_or_claims(
    client, superuser, submitted, pending_claim, name
):
    client.force_login(superuser)
    for index, pk in (
        (reverse("entities_review:index"), submitted.pk),
        (reverse("entities_claims:index"), pending_claim.pk),
    ):
        url = f"{index}{name}/" if name == "add" else f"{index}{pk}/{name}/"
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "X"}).status_code == 404, url
    assert Entity.objects.filter(pk=submitted.pk).exists()
    assert Claim.objects.filter(pk=pending_claim.pk).exists()


@pytest.mark.parametrize("model", [Entity, Claim])
@pytest.mark.parametrize("action", ["add", "change", "delete", "publish", "nothing"])
def test_rules_decide_for_superusers_too(superuser, staff_user, model, action):
    """An action no rule names is denied to everyone, superusers included."""
    policy = policy_registry.get_by_type(model)
    assert not policy.user_has_permission(superuser, action)
    assert not policy.user_has_permission(staff_user, action)


@pytest.mark.parametrize(("model", "action"), [(Entity, "review"), (Claim, "review")])
def test_staff_and_superusers_review(
    superuser, staff_user, moderator, citizen, model, action
):
    policy = policy_registry.get_by_type(model)
    for person in (superuser, staff_user):
        assert policy.user_has_permission(person, "view")
        assert policy.user_has_permission(person, action)
    for person in (moderator, citizen):
        assert not policy.user_has_permission(person, "view")
        assert not policy.user_has_permission(person, action)


def test_staff_see_the_entities_menu(staff_client):
    content = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Entidades"' in content
    assert reverse("entities_review:index") in content
    assert reverse("entities_claims:index") in content
    assert reverse("entities_areas:index") in content


@pytest.mark.parametrize("role", ["moderator", "council_secretary"])
def test_other_admin_users_do_not_see_the_entities_menu(client, request, role):
    client.force_login(request.getfixturevalue(role))
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("entities_review:index") not in content
    assert reverse("entities_claims:index") not in content

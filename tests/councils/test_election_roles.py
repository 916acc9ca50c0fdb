"""The role matrix of every election URL, public and admin, for the eight
roles of the councils (deny by default)."""

import pytest
from django.urls import reverse

from councils.models import Vacancy
from tests.factories.councils import ElectionFactory

from .conftest import ROLES
from .election_helpers import C, S, candidacy

pytestmark = pytest.mark.django_db

RUNS = {"secretary", "staff_user", "superuser"}
REPRESENTS = {"entity_rep"}


def _election(council, status):
    election = ElectionFactory(council=council, status=status)
    Vacancy.objects.create(election=election, segment="entidades", seats=1)
    return election


def _public(election, name=""):
    suffix = f"_{name}" if name else ""
    return reverse(
        f"councils:election{suffix}",
        kwargs={"slug": election.council.slug, "pk": election.pk},
    )


def _expected_login_page(response):
    return response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_public_page_of_an_open_election(as_role, council, role):
    election = _election(council, S.CANDIDACY)
    assert as_role(role).get(_public(election)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_draft_is_404_but_for_who_runs_the_council(as_role, council, role):
    election = _election(council, S.DRAFT)
    response = as_role(role).get(_public(election))
    assert response.status_code == (200 if role in RUNS else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["candidacy", "vote", "appeal"])
def test_representative_pages(as_role, council, role, page):
    election = _election(council, S.CANDIDACY)
    response = as_role(role).get(_public(election, page))
    if role == "anonymous":
        assert _expected_login_page(response)
    else:
        assert response.status_code == (200 if role in REPRESENTS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_representative_pages_of_a_draft_are_404(as_role, council, role):
    election = _election(council, S.DRAFT)
    response = as_role(role).get(_public(election, "candidacy"))
    if role == "anonymous":
        assert _expected_login_page(response)
    else:
        # Who runs the council sees the draft, but represents no entity.
        assert response.status_code == (403 if role in RUNS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_is_post_only_and_for_the_entity(as_role, council, role):
    election = _election(council, S.CANDIDACY)
    filed = candidacy(election, status=C.SUBMITTED)
    client = as_role(role)
    response = client.post(_public(election, "withdraw"), {"candidacy": filed.pk})
    filed.refresh_from_db()
    assert filed.status == C.SUBMITTED  # no role here represents that entity
    if role == "anonymous":
        assert _expected_login_page(response)
    else:
        assert response.status_code in (403, 404)


ADMIN_PAGES = {
    "edit": lambda e, c: reverse("councils_elections:edit", args=[e.pk]),
    "open": lambda e, c: reverse("councils_elections:action", args=[e.pk, "open"]),
    "cancel": lambda e, c: reverse("councils_elections:action", args=[e.pk, "cancel"]),
    "decide": lambda e, c: reverse(
        "councils_elections:decide", args=[e.pk, c.pk, "habilitate"]
    ),
    "ballot": lambda e, c: reverse("councils_elections:ballot", args=[e.pk]),
}


@pytest.mark.parametrize("role", ROLES)
def test_admin_index(as_role, council, role):
    _election(council, S.DRAFT)
    response = as_role(role).get(reverse("councils_elections:index"))
    if role in RUNS or role == "other_secretary":
        assert response.status_code == 200
        shown = council.elections.first().title in response.content.decode()
        assert shown == (role in RUNS)
    else:
        assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(ADMIN_PAGES))
def test_admin_pages(as_role, council, role, page):
    status = {"open": S.DRAFT, "ballot": S.VOTING}.get(page, S.CANDIDACY)
    election = _election(council, status)
    filed = candidacy(election, status=C.SUBMITTED)
    response = as_role(role).get(ADMIN_PAGES[page](election, filed))
    if role in RUNS:
        assert response.status_code == 200
    elif role == "other_secretary":
        assert response.status_code in (403, 404)
    else:
        assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_admin_add(as_role, council, role):
    response = as_role(role).get(reverse("councils_elections:add"))
    expected = 200 if role in RUNS or role == "other_secretary" else 302
    assert response.status_code == expected
    if expected == 200:
        options = response.context["form"].fields["council"].queryset
        assert (council in options) == (role in RUNS)
